// kit/structured-inputs.ts: a platform's options as one mapping -> CLI arguments by the input table, and the
// env-name channel (credentials named by variable) -> the CLI's environment and the platform redactor's input.
import { describe, expect, it } from 'vitest';
import {
  allOptionTypes,
  ConfigError,
  envNameDefaults,
  envNameEnv,
  envNameSecretForms,
  envNameVars,
  optionArgs,
  optionTypes,
  platformParams,
  Redactor,
  requireNamedServerUrl,
  structuredCommand,
} from '@shiplog/core/kit';

const TERMS = { noun: 'plugin option', envGroup: 'credentials', setVariable: 'set it' };

describe('option types and defaults from the table', () => {
  it('are the value options the platform exposes for a command, in table order', () => {
    const names = platformParams('buildkite', 'deploy')
      .filter((p) => p.channel === 'value')
      .map((p) => p.name);
    expect([...optionTypes('buildkite', 'deploy').keys()]).toEqual(names);
    expect(optionTypes('buildkite', 'deploy').get('dry-run')).toBe('boolean');
    expect(optionTypes('buildkite', 'deploy').get('attr')).toBe('list');
    expect(optionTypes('buildkite', 'deploy').has('dhpass')).toBe(false); // a secret is never a value there
  });

  it('an option that one command reads as a list (plan env) is a list across commands', () => {
    expect(optionTypes('buildkite', 'deploy').get('env')).toBe('string');
    expect(optionTypes('buildkite', 'plan').get('env')).toBe('list');
    expect(allOptionTypes('buildkite').get('env')).toBe('list');
  });

  it('env-name defaults are the variables the core reads', () => {
    expect(envNameDefaults('buildkite')).toEqual({
      'store-password': 'SHIPLOG_STORE_PASSWORD',
      dhurl: 'DHURL',
      dhuser: 'DHUSER',
      dhpass: 'DHPASS',
    });
    expect(envNameDefaults('circleci')).toMatchObject({ dhpass: 'DHPASS', store_password: 'SHIPLOG_STORE_PASSWORD' });
    expect(envNameDefaults('github')).toEqual({});
  });
});

describe('optionArgs', () => {
  it('maps values to --name=value in table order, lists one flag an item, null as unset', () => {
    const args = optionArgs(
      'buildkite',
      'deploy',
      { env: 'qa', attr: ['A=1', 'B=x=y'], application: 'G.A.shop', 'dry-run': false, 'exit-code': 0, 'log-url': null },
      TERMS,
      [],
    );
    expect(args).toEqual(['--dry-run=false', '--attr=A=1', '--attr=B=x=y', '--application=G.A.shop', '--env=qa', '--exit-code=0']);
    expect(optionArgs('buildkite', 'deploy', { attr: 'A=1' }, TERMS, [])).toEqual(['--attr=A=1']);
  });

  it('refuses, one line each: unknown options, bad booleans and integers, mappings, YAML numbers in strings', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ bogus: 1 }, /^plugin option "bogus" is not an option of deploy$/],
      [{ 'dry-run': 'yes' }, /^plugin option "dry-run" must be true or false$/],
      [{ 'exit-code': 'three' }, /^plugin option "exit-code" must be an integer$/],
      [{ 'exit-code': true }, /must be an integer/],
      [{ application: { name: 'x' } }, /^plugin option "application" must be a string$/],
      [{ attr: [{ a: 1 }] }, /"attr" must be a string or a list of strings/],
      [{ application: 1.1 }, /^plugin option "application" must be a string, but YAML read the number 1\.1: quote the value/],
    ];
    for (const [config, message] of bad) {
      expect(() => optionArgs('buildkite', 'deploy', config, TERMS, []), JSON.stringify(config)).toThrow(message);
      expect(() => optionArgs('buildkite', 'deploy', config, TERMS, []), JSON.stringify(config)).toThrow(ConfigError);
    }
    expect(optionArgs('buildkite', 'deploy', { operation: 'deploy' }, TERMS, ['operation'])).toEqual([]);
  });
});

describe('the env-name channel', () => {
  it('names default to the table and may be renamed, only to variable names, only known keys', () => {
    expect(envNameVars('buildkite', undefined, TERMS).dhpass).toBe('DHPASS');
    expect(envNameVars('buildkite', { dhpass: 'MY_PASS' }, TERMS).dhpass).toBe('MY_PASS');
    expect(() => envNameVars('buildkite', { dhpass: 'hunter2 in clear' }, TERMS)).toThrow(
      /^credentials\.dhpass must name an environment variable/,
    );
    expect(() => envNameVars('buildkite', { token: 'X' }, TERMS)).toThrow(
      /^unknown credentials key "token" \(expected store-password, dhurl, dhuser, dhpass\)$/,
    );
    expect(() => envNameVars('buildkite', ['DHPASS'], TERMS)).toThrow(/"credentials" must be a mapping/);
  });

  it('the CLI environment copies each credential from its named variable; a renamed unset one is not the default', () => {
    const vars = envNameVars('buildkite', { dhpass: 'MY_PASS', dhuser: 'MY_USER' }, TERMS);
    const env = envNameEnv('buildkite', 'deploy', vars, { MY_PASS: 'p', DHUSER: 'job-user', DHURL: 'https://dh', OTHER: '1' });
    expect(env).toMatchObject({ DHPASS: 'p', DHURL: 'https://dh', OTHER: '1', MY_PASS: 'p' });
    expect(env).not.toHaveProperty('DHUSER');
  });

  it('the redactor input holds every form the core masks of each secret credential, keyed by variable', () => {
    const vars = envNameVars('buildkite', { dhpass: 'MY_PASS' }, TERMS);
    const forms = envNameSecretForms('buildkite', 'approve', vars, { MY_PASS: 'pa55:w0rd/x', DHUSER: 'not-secret' });
    const expected = new Redactor();
    expected.add('pa55:w0rd/x');
    expect(Object.values(forms)).toEqual(expected.values());
    expect(Object.keys(forms).every((k) => k.startsWith('MY_PASS_'))).toBe(true);
    expect(envNameSecretForms('buildkite', 'approve', envNameVars('buildkite', {}, TERMS), {})).toEqual({});
  });

  it('a renamed server URL variable must hold a value unless the backend is local or the URL is an option', () => {
    const vars = envNameVars('buildkite', { dhurl: 'X_URL' }, TERMS);
    expect(() => requireNamedServerUrl('buildkite', vars, {}, {}, TERMS)).toThrow(
      /^credentials\.dhurl names X_URL, but X_URL is unset or empty in this job: set it or use backend: local$/,
    );
    expect(() => requireNamedServerUrl('buildkite', vars, {}, { X_URL: '' }, TERMS)).toThrow(ConfigError);
    for (const [config, env] of [
      [{}, { X_URL: 'https://dh' }],
      [{ backend: 'local' }, {}],
      [{}, { SHIPLOG_BACKEND: 'local' }],
      [{ dhurl: 'https://dh' }, {}],
    ] as const) {
      expect(() => requireNamedServerUrl('buildkite', vars, config, env, TERMS)).not.toThrow();
    }
    expect(() => requireNamedServerUrl('buildkite', envNameVars('buildkite', {}, TERMS), {}, {}, TERMS)).not.toThrow();
  });
});

describe('structuredCommand', () => {
  it('the operation, the credential variables and the arguments of one mapping', () => {
    expect(
      structuredCommand(
        'buildkite',
        { operation: 'approve', application: 'G.A.shop', stage: 'qa', credentials: { dhpass: 'P' } },
        {},
        TERMS,
      ),
    ).toEqual({
      command: 'approve',
      vars: { 'store-password': 'SHIPLOG_STORE_PASSWORD', dhurl: 'DHURL', dhuser: 'DHUSER', dhpass: 'P' },
      args: ['--application=G.A.shop', '--stage=qa'],
    });
  });

  it('an operation is required and must be an adapter command', () => {
    expect(() => structuredCommand('buildkite', {}, {}, TERMS)).toThrow(/^plugin option "operation" is required \(one of version-update, /);
    expect(() => structuredCommand('buildkite', { operation: 'constructor' }, {}, TERMS)).toThrow(/^unknown operation "constructor"/);
    expect(() => structuredCommand('buildkite', { operation: 'status' }, {}, TERMS)).toThrow(/^unknown operation "status"/);
  });
});
