/**
 * The CircleCI orb's parameters as its run step receives them, one environment variable each, whose prefix says
 * how the parameter is passed on (input `app-version` = orb parameter `app_version`):
 *   SHIPLOG_IN_APP_VERSION=1.2    -> --app-version=1.2       (empty: left out, the core's default applies)
 *   SHIPLOG_FLAG_DRY_RUN=true     -> --dry-run=true          (false or empty: left out)
 *   SHIPLOG_LIST_ATTR=$'a=1\nb=2' -> --attr=a=1 --attr=b=2   (one item per non-empty line, trimmed)
 *   SHIPLOG_ENVVAR_DHPASS=MY_PASS -> DHPASS in the CLI's environment, read from $MY_PASS (by name; never an
 *                                    argument; the suffix is the variable the core reads)
 * Values (except `command`, shell text for the deployment) may reference the job's variables as ${NAME}: CircleCI
 * substitutes parameters when it compiles the config, so the orb expands these when the step runs. Nothing else is
 * evaluated. The orb's generator (adapters/circleci-orb/scripts) names the variables with orbParamVariable; the CLI
 * bundle's circleciMain (cli/circleci-step.ts) runs what orbInvocation returns. Pure: bad parameters throw ConfigError
 * (exit 2) with one line naming the parameter, before anything runs.
 */
import { ConfigError } from '../errors.js';
import type { Env } from '../host.js';
import { ADAPTER_COMMANDS, type AdapterCommandName } from '../inputs.js';
import { platformParams, type PlatformParam } from './exposure.js';
import { envNameEnv, optionArgs, requireNamedServerUrl, type OptionTerms } from './structured-inputs.js';

/** How the run step receives a parameter: the environment variable prefix says how it becomes CLI arguments. */
export type OrbChannel = 'value' | 'flag' | 'list' | 'envvar';

export const ORB_CHANNEL_PREFIX: Readonly<Record<OrbChannel, string>> = {
  value: 'SHIPLOG_IN_',
  flag: 'SHIPLOG_FLAG_',
  list: 'SHIPLOG_LIST_',
  envvar: 'SHIPLOG_ENVVAR_',
};

const TERMS: OptionTerms = {
  noun: 'parameter',
  envGroup: 'env_var_name',
  setVariable: 'set it (e.g. in a context)',
  credential: (name) => `parameter ${name}`,
};

/** The table inputs an operation's run step passes on (the orb's own ones, such as registry, shape the job instead). */
export function orbRunParams(command: AdapterCommandName): PlatformParam[] {
  return platformParams('circleci', command).filter((p) => !p.spec.platform);
}

export function orbChannel(p: PlatformParam): OrbChannel {
  if (p.channel === 'env-name') return 'envvar';
  if (p.spec.type === 'boolean') return 'flag';
  if (p.spec.type === 'list') return 'list';
  return 'value';
}

/** The environment variable the run step reads for a parameter, e.g. SHIPLOG_IN_APP_VERSION, SHIPLOG_ENVVAR_DHPASS. */
export function orbParamVariable(p: PlatformParam): string {
  if (p.channel === 'env-name') return ORB_CHANNEL_PREFIX.envvar + p.envDefault!;
  return ORB_CHANNEL_PREFIX[orbChannel(p)] + p.name.toUpperCase();
}

/**
 * `text` (the value of parameter `param`) with each ${NAME} replaced by the job's variable NAME. A reference to a
 * variable that is unset or empty is refused: the value would lose that part without a word, or a whole option
 * (exit_code: ${DEPLOY_RC} would start a deployment instead of recording one). SHIPLOG_* variables are the orb's
 * own (its parameters), never the job's.
 */
export function expandReferences(text: string, param: string, env: Env): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_ref, name: string) => {
    const what = `parameter ${param} references \${${name}}`;
    if (name.startsWith('SHIPLOG_')) throw new ConfigError(`${what}, a variable of the orb itself (SHIPLOG_*); name a variable of the job`);
    const value = env[name];
    if (value === undefined) throw new ConfigError(`${what}, which is not set in this job`);
    if (value === '') throw new ConfigError(`${what}, which is empty in this job`);
    return value;
  });
}

/** The variable an env_var_name parameter names (empty: its default), checked to be a name the job may own. */
function namedVariable(p: PlatformParam, given: string): string {
  if (given === '') return p.envDefault!;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(given))
    throw new ConfigError(`parameter ${p.name} must name an environment variable, got '${given}'`);
  // SHIPLOG_STORE_PASSWORD is the core's own variable (the default), not the orb's.
  if (given !== p.envDefault && given.startsWith('SHIPLOG_')) {
    throw new ConfigError(`parameter ${p.name} names ${given}, a variable of the orb itself (SHIPLOG_*); name a variable of the job`);
  }
  return given;
}

/**
 * The orb's run step (SHIPLOG_OPERATION and the parameter variables in `env`) as a CLI call: its arguments
 * (`--json` last) and its environment (each credential read from the variable its parameter names). Without an
 * `output`, envscript appends to $BASH_ENV, which every later step of the job loads as shell: only format sh may go there.
 */
export function orbInvocation(env: Env): { command: AdapterCommandName; argv: string[]; env: Record<string, string | undefined> } {
  const command = env.SHIPLOG_OPERATION as AdapterCommandName;
  if (!ADAPTER_COMMANDS.includes(command)) {
    throw new ConfigError(
      `SHIPLOG_OPERATION is '${env.SHIPLOG_OPERATION ?? ''}', not one of ${ADAPTER_COMMANDS.join(', ')} (the orb sets it)`,
    );
  }
  const config: Record<string, unknown> = {};
  const vars: Record<string, string> = {};
  for (const p of orbRunParams(command)) {
    const raw = env[orbParamVariable(p)] ?? '';
    const channel = orbChannel(p);
    if (channel === 'envvar') vars[p.name] = namedVariable(p, raw);
    // true adds the flag; false leaves it out (the core's default applies); anything else is refused by optionArgs.
    else if (channel === 'flag') config[p.name] = raw === 'true' || raw === '1' ? true : ['false', '0', ''].includes(raw) ? undefined : raw;
    else if (channel === 'list') {
      const items = raw
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
      if (items.length > 0) config[p.name] = items.map((item) => expandReferences(item, p.name, env));
    } else {
      const value = p.spec.name === 'command' ? raw : expandReferences(raw, p.name, env);
      if (value !== '') config[p.name] = value;
    }
  }
  requireNamedServerUrl('circleci', vars, config, env, TERMS);
  const args = optionArgs('circleci', command, config, TERMS, []);
  const cliEnv = envNameEnv('circleci', command, vars, env);
  // Last guard: a secret never goes on a command line, however a parameter referenced it.
  for (const p of platformParams('circleci', command)) {
    const secret = p.channel === 'env-name' && p.spec.secret ? cliEnv[p.envDefault!] : undefined;
    if (secret && secret.length >= 3 && args.some((a) => a.includes(secret))) {
      throw new ConfigError(`a parameter value contains the secret of parameter ${p.name}; pass it only through the ${p.name} parameter`);
    }
  }
  if (command === 'envscript' && config.output === undefined && env.BASH_ENV) {
    const format = (config.format as string | undefined) ?? 'sh';
    if (format !== 'sh') {
      throw new ConfigError(
        `format ${format} cannot go to $BASH_ENV (later steps load it as shell): set output to a file, or use format sh`,
      );
    }
    args.push(`--output=${env.BASH_ENV}`);
  }
  return { command, argv: [command, ...args, '--json'], env: cliEnv };
}
