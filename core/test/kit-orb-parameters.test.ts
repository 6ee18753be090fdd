// kit/orb-parameters.ts: the CircleCI orb's run step (SHIPLOG_OPERATION and one SHIPLOG_IN_/FLAG_/LIST_/ENVVAR_
// variable a parameter) -> the CLI's arguments and environment; and cli/circleci-step.ts, which runs that call.
// These were run.sh's rules (formerly tested through it in adapters/circleci-orb/test/bats/run.bats).
import { describe, expect, it } from 'vitest';
import { ConfigError, orbInvocation, orbParamVariable, orbRunParams, type Env } from '@shiplog/core/kit';
import { circleciMain } from '../src/cli/circleci-step.js';

/** The job's environment of build 42 (as the bats suite had it), a deploy step, and `extra` on top. */
function step(extra: Env = {}): Env {
  return {
    CIRCLECI: 'true',
    CIRCLE_BUILD_NUM: '42',
    CIRCLE_BRANCH: 'main',
    CIRCLE_SHA1: 'abc',
    SHIPLOG_OPERATION: 'deploy',
    SHIPLOG_VERSION: '9.9.9',
    ...extra,
  };
}
const argv = (extra: Env = {}) => orbInvocation(step(extra)).argv;
const refused = (extra: Env) => {
  try {
    orbInvocation(step(extra));
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error(`not refused: ${JSON.stringify(extra)}`);
};

describe('orb parameter variables', () => {
  it('are named by channel from the table (the generator and the mapping share them)', () => {
    const vars = orbRunParams('deploy').map(orbParamVariable);
    expect(vars).toEqual(
      expect.arrayContaining([
        'SHIPLOG_IN_APP_VERSION',
        'SHIPLOG_FLAG_DRY_RUN',
        'SHIPLOG_LIST_ATTR',
        'SHIPLOG_ENVVAR_DHPASS',
        'SHIPLOG_ENVVAR_SHIPLOG_STORE_PASSWORD',
      ]),
    );
    expect(vars.some((v) => /REGISTRY|BUNDLE_FILE|DEFER_EXIT/.test(v))).toBe(false); // the orb's own parameters
  });
});

describe('orbInvocation: values, flags and lists', () => {
  it('string parameters become options; empty ones are left out; --json comes last', () => {
    const a = argv({
      SHIPLOG_IN_APPLICATION: 'GLOBAL.Acme.Store.shop',
      SHIPLOG_IN_ENV: 'qa',
      SHIPLOG_IN_APP_VERSION: '',
      SHIPLOG_IN_LOG_URL: '',
    });
    expect(a[0]).toBe('deploy');
    expect(a.at(-1)).toBe('--json');
    expect(a).toContain('--application=GLOBAL.Acme.Store.shop');
    expect(a).toContain('--env=qa');
    expect(a.some((x) => x.startsWith('--app-version') || x.startsWith('--log-url'))).toBe(false);
  });

  it('booleans: true adds the flag, false leaves it out, anything else is refused', () => {
    const a = argv({ SHIPLOG_IN_APPLICATION: 'app', SHIPLOG_FLAG_DRY_RUN: 'true', SHIPLOG_FLAG_INSECURE: 'false' });
    expect(a).toContain('--dry-run=true');
    expect(a.some((x) => x.startsWith('--insecure'))).toBe(false);
    expect(refused({ SHIPLOG_FLAG_INSECURE: 'yes' })).toBe('parameter "insecure" must be true or false');
  });

  it('list parameters: one option per non-empty line, trimmed', () => {
    const a = argv({ SHIPLOG_LIST_ATTR: 'DockerTag=v1\n\n   Chart=shop-1.2  \nKey=with spaces inside' });
    expect(a.filter((x) => x.startsWith('--attr='))).toEqual([
      '--attr=DockerTag=v1',
      '--attr=Chart=shop-1.2',
      '--attr=Key=with spaces inside',
    ]);
  });

  it('an integer parameter that is not one is refused before anything runs', () => {
    expect(refused({ SHIPLOG_IN_EXIT_CODE: 'two' })).toBe('parameter "exit_code" must be an integer');
  });
});

describe('orbInvocation: ${NAME} references', () => {
  it('${NAME} is expanded; $NAME and command substitution are not; command is untouched', () => {
    const a = argv({
      SHIPLOG_IN_LOG_URL: 'v1.${CIRCLE_BUILD_NUM}-$CIRCLE_BRANCH-$(id)-${-x',
      SHIPLOG_IN_COMMAND: 'echo ${CIRCLE_SHA1} ${NOT_SET}',
    });
    expect(a).toContain('--log-url=v1.42-$CIRCLE_BRANCH-$(id)-${-x');
    expect(a).toContain('--command=echo ${CIRCLE_SHA1} ${NOT_SET}');
  });

  it('a ${NAME} whose variable is not set is refused instead of dropping the option', () => {
    // exit_code left out would turn a record-only deploy into a real deployment.
    const base = { SHIPLOG_IN_APPLICATION: 'app', SHIPLOG_IN_ENV: 'qa' };
    expect(refused({ ...base, SHIPLOG_IN_EXIT_CODE: '${DEPLOY_RC}' })).toBe(
      'parameter exit_code references ${DEPLOY_RC}, which is not set in this job',
    );
    expect(refused({ ...base, DEPLOY_RC: '0', SHIPLOG_IN_REASON: 'tag ${CIRCLE_TAG}' })).toBe(
      'parameter reason references ${CIRCLE_TAG}, which is not set in this job',
    );
    expect(refused({ ...base, SHIPLOG_LIST_ATTR: 'DockerTag=v1\nDockerSha=${IMAGE_SHA}' })).toBe(
      'parameter attr references ${IMAGE_SHA}, which is not set in this job',
    );
  });

  it('a ${NAME} whose variable is set but empty is refused too', () => {
    expect(refused({ SHIPLOG_IN_EXIT_CODE: '${DEPLOY_RC}', DEPLOY_RC: '' })).toBe(
      'parameter exit_code references ${DEPLOY_RC}, which is empty in this job',
    );
    expect(refused({ SHIPLOG_LIST_ATTR: 'Chart=${CHART}', CHART: '' })).toBe(
      'parameter attr references ${CHART}, which is empty in this job',
    );
    const a = argv({ SHIPLOG_IN_EXIT_CODE: '${DEPLOY_RC}', DEPLOY_RC: '3', SHIPLOG_LIST_ATTR: 'Chart=${CHART}', CHART: 'shop-1.2' });
    expect(a).toContain('--exit-code=3');
    expect(a).toContain('--attr=Chart=shop-1.2');
  });

  it("the orb's own SHIPLOG_* variables cannot be referenced, nor named by an env_var_name", () => {
    for (const name of ['SHIPLOG_OPERATION', 'SHIPLOG_VERSION', 'SHIPLOG_IN_APPLICATION', 'SHIPLOG_RUN_BUNDLE', 'SHIPLOG_RUN_RESULT']) {
      expect(refused({ ...(name === 'SHIPLOG_OPERATION' ? {} : { [name]: 'x' }), SHIPLOG_IN_REASON: `\${${name}}` })).toBe(
        `parameter reason references \${${name}}, a variable of the orb itself (SHIPLOG_*); name a variable of the job`,
      );
    }
    expect(refused({ SHIPLOG_ENVVAR_DHPASS: 'SHIPLOG_VERSION' })).toBe(
      'parameter dhpass names SHIPLOG_VERSION, a variable of the orb itself (SHIPLOG_*); name a variable of the job',
    );
    // SHIPLOG_STORE_PASSWORD is the core's own variable: store_password's default, allowed.
    expect(
      orbInvocation(step({ SHIPLOG_ENVVAR_SHIPLOG_STORE_PASSWORD: 'SHIPLOG_STORE_PASSWORD', SHIPLOG_STORE_PASSWORD: 'pw' })).env
        .SHIPLOG_STORE_PASSWORD,
    ).toBe('pw');
  });

  it("references read the job's variables, whatever their names", () => {
    const job = { name: 'N', value: 'V', line: 'L', flag: 'F', var: 'R', out: 'O', rest: 'T', bundle: 'B', result: 'S' };
    expect(argv({ ...job, SHIPLOG_IN_REASON: '${name}-${value}-${line}-${flag}-${var}-${out}-${rest}-${bundle}-${result}' })).toContain(
      '--reason=N-V-L-F-R-O-T-B-S',
    );
  });
});

describe('orbInvocation: credentials by variable name', () => {
  it("are read from the variable the parameter names, put in the CLI's environment, never in its arguments", () => {
    const call = orbInvocation(
      step({
        MY_URL: 'https://ortelius.example.com',
        MY_USER: 'ci',
        MY_PASS: 'pa ss$w0rd',
        SHIPLOG_ENVVAR_DHURL: 'MY_URL',
        SHIPLOG_ENVVAR_DHUSER: 'MY_USER',
        SHIPLOG_ENVVAR_DHPASS: 'MY_PASS',
      }),
    );
    expect(call.env).toMatchObject({ DHURL: 'https://ortelius.example.com', DHUSER: 'ci', DHPASS: 'pa ss$w0rd' });
    expect(call.argv.join(' ')).not.toContain('pa ss$w0rd');
    expect(call.argv.some((a) => a.startsWith('--dhpass'))).toBe(false);
  });

  it('a named credential variable that is empty does not fall back to another DHPASS in the job', () => {
    expect(orbInvocation(step({ DHPASS: 'ambient-secret', SHIPLOG_ENVVAR_DHPASS: 'ORTELIUS_PASSWORD' })).env.DHPASS).toBeUndefined();
    expect(orbInvocation(step({ DHPASS: 'ambient-secret', SHIPLOG_ENVVAR_DHPASS: '' })).env.DHPASS).toBe('ambient-secret'); // empty: the default
  });

  it('dhurl naming another variable that is unset or empty is refused instead of recording locally', () => {
    const job = { ORTELIUS_USER: 'ci', ORTELIUS_PASS: 's3cret-pass', DHURL: 'https://ambient.example.com' };
    const named = { SHIPLOG_ENVVAR_DHURL: 'ORTELIUS_URL', SHIPLOG_ENVVAR_DHUSER: 'ORTELIUS_USER', SHIPLOG_ENVVAR_DHPASS: 'ORTELIUS_PASS' };
    for (const backend of ['', 'ortelius']) {
      expect(refused({ ...job, ...named, SHIPLOG_IN_BACKEND: backend })).toBe(
        'parameter dhurl names ORTELIUS_URL, but ORTELIUS_URL is unset or empty in this job: set it (e.g. in a context) or use backend: local',
      );
    }
    expect(refused({ ...job, ...named, ORTELIUS_URL: '' })).toMatch(/^parameter dhurl names ORTELIUS_URL, /);
    // backend: local asks for the embedded store: no URL needed, and none is passed on.
    expect(orbInvocation(step({ ...job, ...named, SHIPLOG_IN_BACKEND: 'local' })).env.DHURL).toBeUndefined();
  });

  it('dhurl left at its default DHURL and unset: the core decides (local store), as documented', () => {
    expect(() => orbInvocation(step({ SHIPLOG_ENVVAR_DHURL: 'DHURL' }))).not.toThrow();
  });

  it('an env_var_name that is not a variable name is refused', () => {
    expect(refused({ SHIPLOG_ENVVAR_DHPASS: '$(cat /etc/passwd)' })).toBe(
      "parameter dhpass must name an environment variable, got '$(cat /etc/passwd)'",
    );
  });

  it('a parameter that expands to a secret is refused, without the secret in the message', () => {
    const message = refused({ DHPASS: 'hunter2-secret', SHIPLOG_IN_REASON: 'leak ${DHPASS}' });
    expect(message).toBe('a parameter value contains the secret of parameter dhpass; pass it only through the dhpass parameter');
    expect(
      refused({
        SHIPLOG_STORE_PASSWORD: 'store-secret',
        SHIPLOG_LIST_ATTR: 'k=${SHIPLOG_STORE_PASSWORD}',
        SHIPLOG_ENVVAR_SHIPLOG_STORE_PASSWORD: '',
      }),
    ).toMatch(/references \$\{SHIPLOG_STORE_PASSWORD\}, a variable of the orb itself/);
    expect(refused({ PW: 'store-secret', SHIPLOG_ENVVAR_SHIPLOG_STORE_PASSWORD: 'PW', SHIPLOG_IN_REASON: 'x ${PW}' })).toContain(
      'the secret of parameter store_password',
    );
  });
});

describe('orbInvocation: envscript and $BASH_ENV', () => {
  const envscript = (extra: Env) => step({ SHIPLOG_OPERATION: 'envscript', BASH_ENV: '/tmp/bash_env', ...extra });

  it('writes to $BASH_ENV unless output is given', () => {
    expect(orbInvocation(envscript({})).argv).toContain('--output=/tmp/bash_env');
    const a = orbInvocation(envscript({ SHIPLOG_IN_OUTPUT: 'vars.sh' })).argv;
    expect(a).toContain('--output=vars.sh');
    expect(a).not.toContain('--output=/tmp/bash_env');
  });

  it('format sh only to $BASH_ENV; other formats need output', () => {
    for (const format of ['dotenv', 'json', 'github']) {
      expect(() => orbInvocation(envscript({ SHIPLOG_IN_FORMAT: format }))).toThrow(
        `format ${format} cannot go to $BASH_ENV (later steps load it as shell): set output to a file, or use format sh`,
      );
    }
    expect(orbInvocation(envscript({ SHIPLOG_IN_FORMAT: 'json', SHIPLOG_IN_OUTPUT: 'vars.json' })).argv).toContain('--output=vars.json');
    expect(orbInvocation(envscript({ SHIPLOG_IN_FORMAT: 'sh' })).argv).toContain('--output=/tmp/bash_env');
  });

  it('an operation the orb does not have is refused', () => {
    expect(refused({ SHIPLOG_OPERATION: 'status' })).toMatch(/^SHIPLOG_OPERATION is 'status', not one of version-update, /);
  });
});

describe('circleciMain', () => {
  const io = (env: Env) => {
    const out = { stdout: '', stderr: '' };
    return {
      out,
      io: { env, cwd: '/nowhere', stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) },
    };
  };

  it('runs the CLI with the mapped arguments and environment', async () => {
    const { io: given } = io(step({ SHIPLOG_IN_ENV: 'qa', MY_PASS: 'pw-1', SHIPLOG_ENVVAR_DHPASS: 'MY_PASS' }));
    let seen: { argv?: string[]; env?: Env } = {};
    const code = await circleciMain(given, async (call) => {
      seen = { argv: call?.argv, env: call?.env };
      return 7;
    });
    expect(code).toBe(7);
    expect(seen.argv).toEqual(['deploy', '--env=qa', '--json']);
    expect(seen.env?.DHPASS).toBe('pw-1');
  });

  it('bad parameters: one line on stderr, exit 2, nothing on stdout, the CLI not run', async () => {
    const { io: given, out } = io(step({ SHIPLOG_FLAG_DRY_RUN: 'maybe' }));
    let ran = false;
    const code = await circleciMain(given, async () => ((ran = true), 0));
    expect({ code, ran, ...out }).toEqual({
      code: 2,
      ran: false,
      stdout: '',
      stderr: 'shiplog: error: parameter "dry_run" must be true or false\n',
    });
  });
});
