/**
 * A platform's inputs given as one structured mapping rather than one text input each (read-inputs.ts): a
 * Buildkite plugin's YAML configuration, read as JSON, with option names as the platform spells them and values
 * as YAML typed them (or the CircleCI orb's parameters, collected by kit/orb-parameters.ts). The input table (kit/exposure.ts) says which options a command takes and their types;
 * this turns a mapping into CLI arguments in table order, and resolves the options that name the environment
 * variable holding a credential (the `env-name` channel: Buildkite `credentials`, the orb's `env_var_name`) into
 * the CLI's environment and the forms the platform's own log redactor must mask. Pure; bad configuration throws
 * ConfigError (exit 2) with one line naming the option.
 */
import { ConfigError } from '../errors.js';
import { ADAPTER_COMMANDS, type AdapterCommandName, type Platform } from '../inputs.js';
import { Redactor } from '../redact.js';
import { platformName, platformParams } from './exposure.js';

export type OptionType = 'string' | 'boolean' | 'integer' | 'list';
type Env = Readonly<Record<string, string | undefined>>;

/** How a platform words its options in a message: `plugin option "env"`, `credentials.dhpass`. */
export interface OptionTerms {
  noun: string;
  /** The key of the mapping that names credential variables. */
  envGroup: string;
  /** How a job sets a variable on the platform: `set it (for example in your secrets hook)`. */
  setVariable: string;
  /** The option that names a credential's variable, in a message; default `<envGroup>.<name>` (`credentials.dhurl`). */
  credential?: (name: string) => string;
}

const credentialLabel = (terms: OptionTerms, name: string): string => terms.credential?.(name) ?? `${terms.envGroup}.${name}`;

const typeOf = (t: string): OptionType => (t === 'boolean' || t === 'integer' || t === 'list' ? t : 'string');

/** The value options of `command` on `platform`: option name -> type, in table order. */
export function optionTypes(platform: Platform, command: AdapterCommandName): Map<string, OptionType> {
  return new Map(valueOptions(platform, command).map((p) => [p.name, typeOf(p.spec.type)] as const));
}

/** The value options of `command` on `platform`, in table order. */
function valueOptions(platform: Platform, command: AdapterCommandName) {
  return platformParams(platform, command).filter((p) => p.channel === 'value');
}

/** Every value option of any command; an option one command reads as a list (plan's `env`) is a list here. */
export function allOptionTypes(platform: Platform): Map<string, OptionType> {
  const types = new Map<string, OptionType>();
  for (const command of ADAPTER_COMMANDS) {
    for (const [name, type] of optionTypes(platform, command)) if (types.get(name) !== 'list') types.set(name, type);
  }
  return types;
}

/** The env-name options of any command: option name -> the variable read when the configuration names none. */
export function envNameDefaults(platform: Platform): Record<string, string> {
  const out: Record<string, string> = {};
  for (const command of ADAPTER_COMMANDS) {
    for (const p of platformParams(platform, command)) if (p.channel === 'env-name') out[p.name] = p.envDefault!;
  }
  return out;
}

function scalar(label: string, value: unknown, type: OptionType): string {
  if (type === 'boolean') {
    if (value === true || value === 'true' || value === false || value === 'false') return String(value);
    throw new ConfigError(`${label} must be true or false`);
  }
  if (type === 'integer') {
    const s = String(value).trim();
    if (typeof value === 'boolean' || !/^-?[0-9]+$/.test(s)) throw new ConfigError(`${label} must be an integer`);
    return s;
  }
  if (typeof value === 'object' && value !== null)
    throw new ConfigError(`${label} must be a ${type === 'list' ? 'string or a list of strings' : 'string'}`);
  // YAML reads 1.10 as the number 1.1 and 010 as 8 or 10: what was written cannot be recovered, so a number is
  // refused rather than passed on changed. Quoted, the value reaches the platform as written.
  if (typeof value === 'number') {
    throw new ConfigError(
      `${label} must be a string, but YAML read the number ${String(value)}: quote the value (e.g. "1.10") so that it stays as written`,
    );
  }
  return String(value);
}

/**
 * `--name=value` arguments (the CLI's flag names: the orb's `app_version` is `--app-version`) for the options set in
 * `config` (null is unset), in table order; a list gives one
 * argument an item, a boolean `=true|false` (an explicit false overrides the environment). `own` are the
 * platform's keys that are not inputs (`operation`, `credentials`); any other unknown option is refused.
 */
export function optionArgs(
  platform: Platform,
  command: AdapterCommandName,
  config: Readonly<Record<string, unknown>>,
  terms: OptionTerms,
  own: readonly string[],
): string[] {
  const types = optionTypes(platform, command);
  for (const name of Object.keys(config)) {
    if (!own.includes(name) && !types.has(name)) throw new ConfigError(`${terms.noun} "${name}" is not an option of ${command}`);
  }
  const args: string[] = [];
  for (const p of valueOptions(platform, command)) {
    const [name, type] = [p.name, types.get(p.name)!];
    const value = config[name];
    if (value === null || value === undefined) continue;
    for (const v of type === 'list' && Array.isArray(value) ? value : [value])
      args.push(`--${p.spec.name}=${scalar(`${terms.noun} "${name}"`, v, type)}`);
  }
  return args;
}

/** The variable each credential is read from: the configuration's `envGroup` mapping over the table's defaults. */
export function envNameVars(platform: Platform, given: unknown, terms: OptionTerms): Record<string, string> {
  const defaults = envNameDefaults(platform);
  const named = (given ?? {}) as Record<string, unknown>;
  if (typeof named !== 'object' || Array.isArray(named)) throw new ConfigError(`${terms.noun} "${terms.envGroup}" must be a mapping`);
  for (const name of Object.keys(named)) {
    if (!Object.hasOwn(defaults, name))
      throw new ConfigError(`unknown ${terms.envGroup} key "${name}" (expected ${Object.keys(defaults).join(', ')})`);
  }
  const vars: Record<string, string> = {};
  for (const [name, fallback] of Object.entries(defaults)) {
    const v = named[name] ?? fallback;
    if (typeof v !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) {
      throw new ConfigError(`${credentialLabel(terms, name)} must name an environment variable (letters, digits, _), not hold a value`);
    }
    vars[name] = v;
  }
  return vars;
}

/**
 * A job that names its own variable for the server URL (`dhurl` other than DHURL) means the Ortelius server. When
 * that variable is unset or empty the CLI would record into the embedded store in the checkout (which the next
 * job's clean removes) and report success, so it is refused unless the backend is explicitly local (the `backend`
 * option, else SHIPLOG_BACKEND) or the URL is given as the `dhurl` option itself. The orb's `dhurl` parameter
 * (an env_var_name) takes the same rule (kit/orb-parameters.ts).
 */
export function requireNamedServerUrl(
  platform: Platform,
  vars: Readonly<Record<string, string>>,
  config: Readonly<Record<string, unknown>>,
  env: Env,
  terms: OptionTerms,
): void {
  const key = platformName(platform, 'dhurl');
  const name = vars[key];
  if (name === undefined || name === envNameDefaults(platform)[key] || (env[name] ?? '') !== '') return;
  const url = config[key];
  if (
    (config[platformName(platform, 'backend')] ?? env.SHIPLOG_BACKEND) === 'local' ||
    (url !== undefined && url !== null && String(url) !== '')
  )
    return;
  throw new ConfigError(
    `${credentialLabel(terms, key)} names ${name}, but ${name} is unset or empty in this job: ${terms.setVariable} or use backend: local`,
  );
}

/**
 * The environment the CLI sees: `env`, with each credential of `command` (DHURL, DHUSER, DHPASS,
 * SHIPLOG_STORE_PASSWORD) taken from the variable `vars` names. A renamed variable that is unset leaves the CLI
 * without that credential (never the default variable the job happens to have).
 */
export function envNameEnv(
  platform: Platform,
  command: AdapterCommandName,
  vars: Readonly<Record<string, string>>,
  env: Env,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  for (const p of platformParams(platform, command)) {
    if (p.channel !== 'env-name') continue;
    const source = vars[p.name];
    if (env[source] !== undefined) out[p.envDefault!] = env[source];
    else if (source !== p.envDefault) delete out[p.envDefault!];
  }
  return out;
}

/** The secret credentials' values in every form the core's Redactor masks, keyed `<VARIABLE>_<n>` for a platform redactor. */
export function envNameSecretForms(
  platform: Platform,
  command: AdapterCommandName,
  vars: Readonly<Record<string, string>>,
  env: Env,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of platformParams(platform, command)) {
    if (p.channel !== 'env-name' || !p.spec.secret) continue;
    const redactor = new Redactor();
    redactor.add(env[vars[p.name]]);
    redactor.values().forEach((form, n) => (out[`${vars[p.name]}_${n}`] = form));
  }
  return out;
}

/**
 * One step's whole configuration: the command its `operation` option names, the variables its credentials are
 * read from (requireNamedServerUrl applied) and its CLI arguments (optionArgs; `operation` and the `envGroup`
 * mapping are the platform's own keys). The first problem throws, as a ConfigError.
 */
export function structuredCommand(
  platform: Platform,
  config: Readonly<Record<string, unknown>>,
  env: Env,
  terms: OptionTerms,
): { command: AdapterCommandName; vars: Record<string, string>; args: string[] } {
  const command = config.operation;
  const known = ADAPTER_COMMANDS.join(', ');
  if (command === undefined || command === null || command === '')
    throw new ConfigError(`${terms.noun} "operation" is required (one of ${known})`);
  if (typeof command !== 'string' || !(ADAPTER_COMMANDS as readonly string[]).includes(command)) {
    throw new ConfigError(`unknown operation "${String(command)}" (expected one of ${known})`);
  }
  const vars = envNameVars(platform, config[terms.envGroup], terms);
  requireNamedServerUrl(platform, vars, config, env, terms);
  const args = optionArgs(platform, command as AdapterCommandName, config, terms, ['operation', terms.envGroup]);
  return { command: command as AdapterCommandName, vars, args };
}
