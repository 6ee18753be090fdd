// The kit's Buildkite plan (kit/buildkite-plugin.ts, on its structured inputs): the agent's plugin environment in, shiplog CLI
// arguments out (tables, env-ci style). It stays beside the plugin's test helper for the agent's environment (agent-env.mjs).
import { describe, expect, it } from 'vitest';
import { agentEnv } from './agent-env.mjs';
import { buildkitePlan as planFor, readBuildkiteConfig as readConfig } from '@shiplog/core/kit';

const LOCATION = 'github.com/acme/shiplog-buildkite-plugin#v1.0.0';
const JOB = { BUILDKITE_BUILD_URL: 'https://buildkite.com/acme/shop/builds/7', BUILDKITE_JOB_ID: 'job-1' };

function envOf(config: Record<string, unknown>, kind: 'json' | 'flattened' = 'json', extra: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = { ...JOB, ...extra };
  for (const [k, v] of agentEnv(LOCATION, config, kind)) env[k] = v;
  if (kind === 'flattened') {
    delete env.BUILDKITE_PLUGIN_CONFIGURATION;
    delete env.BUILDKITE_PLUGIN_NAME;
  }
  return env;
}

const CASES: {
  name: string;
  config: Record<string, unknown>;
  extra?: Record<string, string>;
  phase?: 'command' | 'post-command';
  mode: string;
  args: string[];
}[] = [
  {
    name: 'version-update with a list, a boolean and a nested credentials mapping',
    config: {
      operation: 'version-update',
      application: 'GLOBAL.A.shop',
      attr: ['A=1', 'B=x=y'],
      'auto-increment': true,
      credentials: { dhpass: 'DH_PASSWORD' },
    },
    mode: 'run',
    args: ['--auto-increment=true', '--attr=A=1', '--attr=B=x=y', '--application=GLOBAL.A.shop'],
  },
  {
    name: 'plan with a list of environments (one flag each) and pass-on-changes',
    config: { operation: 'plan', env: ['qa', 'prod'], 'pass-on-changes': true },
    mode: 'run',
    args: ['--env=qa', '--env=prod', '--pass-on-changes=true'],
  },
  {
    name: 'apply with one application, parallel and a lock timeout',
    config: { operation: 'apply', application: 'GLOBAL.A.shop', parallel: 4, 'lock-timeout': '30m' },
    mode: 'run',
    args: ['--application=GLOBAL.A.shop', '--parallel=4', '--lock-timeout=30m'],
  },
  {
    name: 'deploy run mode gets the job link',
    config: { operation: 'deploy', application: 'GLOBAL.A.shop', env: 'qa', command: 'make deploy' },
    mode: 'run',
    args: ['--application=GLOBAL.A.shop', '--env=qa', '--command=make deploy', `--log-url=${JOB.BUILDKITE_BUILD_URL}#job-1`],
  },
  {
    name: 'deploy wrapper mode, command hook',
    config: { operation: 'deploy', application: 'GLOBAL.A.shop', env: 'qa' },
    extra: { BUILDKITE_COMMAND: './deploy.sh' },
    mode: 'wrap',
    args: ['--application=GLOBAL.A.shop', '--env=qa', `--log-url=${JOB.BUILDKITE_BUILD_URL}#job-1`],
  },
  {
    name: 'deploy wrapper mode, post-command adds the exit status',
    config: { operation: 'deploy', application: 'GLOBAL.A.shop', env: 'qa', 'log-url': 'https://logs/1' },
    extra: { BUILDKITE_COMMAND: './deploy.sh', BUILDKITE_COMMAND_EXIT_STATUS: '3' },
    phase: 'post-command',
    mode: 'wrap',
    args: ['--application=GLOBAL.A.shop', '--env=qa', '--log-url=https://logs/1', '--exit-code=3'],
  },
  {
    name: 'deploy wrapper mode, a command killed by a signal (status -1) is a failed deployment',
    config: { operation: 'deploy', application: 'GLOBAL.A.shop', env: 'qa' },
    extra: { BUILDKITE_COMMAND: './deploy.sh', BUILDKITE_COMMAND_EXIT_STATUS: '-1' },
    phase: 'post-command',
    mode: 'wrap',
    args: [
      '--application=GLOBAL.A.shop',
      '--env=qa',
      `--log-url=${JOB.BUILDKITE_BUILD_URL}#job-1`,
      '--exit-code=255',
      '--attr=BuildkiteCommandExitStatus=-1',
    ],
  },
  {
    name: 'envscript with an enum and false boolean',
    config: { operation: 'envscript', format: 'json', 'dry-run': false, output: 'vars.json' },
    mode: 'run',
    args: ['--dry-run=false', '--output=vars.json', '--format=json'],
  },
  {
    name: 'move with integers-as-text untouched elsewhere',
    config: { operation: 'move', application: 'GLOBAL.A.shop', to: 'prod', notes: '100% ready' },
    mode: 'run',
    args: ['--application=GLOBAL.A.shop', '--notes=100% ready', '--to=prod'],
  },
];

describe('planFor', () => {
  for (const c of CASES) {
    for (const kind of ['json', 'flattened'] as const) {
      it(`${c.name} (${kind})`, () => {
        const plan = planFor(envOf(c.config, kind, c.extra), c.phase ?? 'command');
        expect(plan.mode).toBe(c.mode);
        expect(plan.operation).toBe(c.config.operation);
        expect(plan.args).toEqual(c.args);
      });
    }
  }

  it('defaults the credential variable names and honours renamed ones', () => {
    expect(planFor(envOf({ operation: 'approve' }), 'command').credentials).toEqual({
      'store-password': 'SHIPLOG_STORE_PASSWORD',
      dhurl: 'DHURL',
      dhuser: 'DHUSER',
      dhpass: 'DHPASS',
    });
    expect(
      planFor(envOf({ operation: 'approve', credentials: { dhurl: 'X_URL' } }, 'flattened', { X_URL: 'https://dh.example' }), 'command')
        .credentials.dhurl,
    ).toBe('X_URL');
  });

  it('a named URL variable must hold a value unless the backend is local or the URL is the dhurl option', () => {
    const named = { operation: 'approve', credentials: { dhurl: 'X_URL' } };
    const refused: [Record<string, unknown>, Record<string, string>][] = [
      [named, {}],
      [named, { X_URL: '' }],
      [named, { DHURL: 'https://dh.example' }],
      [{ ...named, backend: 'ortelius' }, {}],
      [{ ...named, backend: 'ortelius' }, { SHIPLOG_BACKEND: 'local' }],
      [{ ...named, dhurl: '' }, {}],
    ];
    for (const [config, extra] of refused) {
      for (const kind of ['json', 'flattened'] as const) {
        expect(() => planFor(envOf(config, kind, extra), 'command'), `${JSON.stringify({ config, extra })} ${kind}`).toThrow(
          /^credentials\.dhurl names X_URL, but X_URL is unset or empty in this job/,
        );
      }
    }
    const accepted: [Record<string, unknown>, Record<string, string>][] = [
      [named, { X_URL: 'https://dh.example' }],
      [{ ...named, backend: 'local' }, {}],
      [named, { SHIPLOG_BACKEND: 'local' }],
      [{ ...named, dhurl: 'https://dh.example' }, {}],
      [{ operation: 'approve' }, {}], // the default DHURL may be unset: the CLI then uses the embedded store
      [{ operation: 'approve', credentials: { dhurl: 'DHURL', dhpass: 'X_PASS' } }, {}],
    ];
    for (const [config, extra] of accepted) {
      expect(() => planFor(envOf(config, 'json', extra), 'command'), JSON.stringify({ config, extra })).not.toThrow();
    }
  });

  it('needs each piece of the agent env it maps: removing one changes the outcome (danger-js loop)', () => {
    const config = { operation: 'deploy', application: 'GLOBAL.A.shop', env: 'qa' };
    const full = envOf(config, 'json', { BUILDKITE_COMMAND: 'helm upgrade', BUILDKITE_COMMAND_EXIT_STATUS: '0' });
    const baseline = planFor(full, 'post-command');
    expect(baseline.mode).toBe('wrap');
    const flattenedStillWorks = ['BUILDKITE_PLUGIN_CONFIGURATION', 'BUILDKITE_PLUGIN_NAME'];
    for (const key of Object.keys(full)) {
      if (key.startsWith('BUILDKITE_PLUGIN_') && !flattenedStillWorks.includes(key)) continue;
      if (key === 'BUILDKITE_PLUGINS') continue;
      const env = { ...full };
      delete env[key];
      let outcome: string;
      try {
        outcome = JSON.stringify(planFor(env, 'post-command'));
      } catch (e) {
        outcome = `error: ${(e as Error).message}`;
      }
      if (flattenedStillWorks.includes(key)) expect(outcome, key).toBe(JSON.stringify(baseline));
      else expect(outcome, key).not.toBe(JSON.stringify(baseline));
    }
  });

  it('rejects bad configuration with one line naming the problem', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{}, /"operation" is required/],
      [{ operation: 'constructor' }, /unknown operation "constructor"/],
      [{ operation: 'approve', env: 'qa' }, /"env" is not an option of approve/],
      [{ operation: 'approve', dhpass: 'x' }, /"dhpass" is not an option of approve/],
      [{ operation: 'deploy', 'exit-code': 'three' }, /"exit-code" must be an integer/],
      [{ operation: 'deploy', 'dry-run': 'yes' }, /"dry-run" must be true or false/],
      [{ operation: 'deploy', application: { name: 'x' } }, /"application" must be a string/],
      [{ operation: 'approve', credentials: { dhpass: 's3cr3t value' } }, /credentials.dhpass must name an environment variable/],
      [{ operation: 'approve', credentials: { token: 'X' } }, /unknown credentials key "token"/],
    ];
    for (const [config, message] of bad) {
      expect(() => planFor(envOf(config), 'command'), JSON.stringify(config)).toThrow(message);
    }
    expect(() => planFor({ BUILDKITE_PLUGIN_CONFIGURATION: '{nope' }, 'command')).toThrow(/not valid JSON/);
    expect(() => planFor({}, 'command')).toThrow(/no plugin configuration found/);
  });

  it('reads the flattened form back into the same configuration (known keys)', () => {
    const config = { operation: 'version-update', attr: ['A=1', 'B=2'], 'auto-increment': 'true', credentials: { dhpass: 'P' } };
    expect(readConfig(envOf(config, 'flattened'))).toEqual(config);
  });
});

// Issue 20, item 4: what the agent really hands over.
describe('agent environment edge cases', () => {
  /** What the agent leaves when it drops the per-plugin variables (an option with no value): BUILDKITE_PLUGINS only. */
  function pluginsOnly(entries: unknown[], extra: Record<string, string> = {}) {
    return { ...JOB, ...extra, BUILDKITE_PLUGINS: JSON.stringify(entries) };
  }
  const approve = { operation: 'approve', application: 'GLOBAL.A.shop', stage: 'qa', notes: null };

  it.each([
    'github.com/shiplog/shiplog-buildkite-plugin#v0.1.0',
    'shiplog/shiplog#v0.1.0',
    'github.com/shiplog/shiplog/adapters/buildkite-plugin#v0.1.0',
    './adapters/buildkite-plugin',
  ])('reads its entry of BUILDKITE_PLUGINS when the agent set no plugin variables (%s)', (location) => {
    const env = pluginsOnly([{ 'docker#v5.0.0': { image: 'node:20' } }, { [location]: approve }]);
    expect(planFor(env, 'command')).toEqual({
      mode: 'run',
      operation: 'approve',
      credentials: expect.any(Object),
      args: ['--application=GLOBAL.A.shop', '--stage=qa'],
    });
  });

  it('BUILDKITE_PLUGINS without a shiplog entry, or with two, is one line naming the problem', () => {
    expect(() => planFor(pluginsOnly([{ 'docker#v5.0.0': { image: 'node:20' } }]), 'command')).toThrow(
      /no plugin configuration found .*BUILDKITE_PLUGINS has no shiplog entry/,
    );
    const twice = pluginsOnly([{ 'shiplog/shiplog#v0.1.0': approve }, { 'shiplog/shiplog#v0.1.0': approve }]);
    expect(() => planFor(twice, 'command')).toThrow(/lists this plugin more than once/);
    expect(() => planFor({ ...JOB, BUILDKITE_PLUGINS: '{' }, 'command')).toThrow(/BUILDKITE_PLUGINS is not valid JSON/);
  });

  it('an option with a null value (left empty in YAML) is unset, also where it would clash', () => {
    expect(planFor(envOf(approve), 'command').args).toEqual(['--application=GLOBAL.A.shop', '--stage=qa']);
    const wrap = {
      operation: 'deploy',
      application: 'GLOBAL.A.shop',
      env: 'qa',
      command: null,
      'exit-code': null,
      'log-file': null,
      'log-url': null,
    };
    const plan = planFor(envOf(wrap, 'json', { BUILDKITE_COMMAND: './deploy.sh' }), 'command');
    expect(plan.mode).toBe('wrap');
    expect(plan.args).toContain(`--log-url=${JOB.BUILDKITE_BUILD_URL}#job-1`);
    expect(() => planFor(envOf({ operation: null }), 'command')).toThrow(/"operation" is required/);
  });

  it('a YAML number in a string option is refused with one line (1.10 would arrive as 1.1); quoted it is kept as written', () => {
    const number = { operation: 'version-update', application: 'GLOBAL.A.shop', 'component-version': 1.1 };
    let message = '';
    try {
      planFor(envOf(number), 'command');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^plugin option "component-version" must be a string, but YAML read the number 1\.1: quote the value/);
    expect(message).not.toContain('\n');
    expect(() => planFor(envOf({ ...number, 'component-version': undefined, attr: ['A=1', 2] }), 'command')).toThrow(
      /"attr" must be a string, but YAML read the number 2/,
    );
    expect(planFor(envOf({ ...number, 'component-version': '1.10' }), 'command').args).toContain('--component-version=1.10');
    // integer options take numbers
    expect(planFor(envOf({ operation: 'approve', application: 'GLOBAL.A.shop', 'max-response-mib': 5 }), 'command').args).toContain(
      '--max-response-mib=5',
    );
  });
});
