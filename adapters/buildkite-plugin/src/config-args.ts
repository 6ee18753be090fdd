// Maps the plugin configuration the Buildkite agent hands to a hook onto shiplog CLI arguments (hook.ts runs it).
//
// Reads BUILDKITE_PLUGIN_CONFIGURATION (JSON), or the flattened BUILDKITE_PLUGIN_<NAME>_* variables when the
// JSON is absent (older agents), or this plugin's entry of BUILDKITE_PLUGINS when the agent set neither (it drops
// them when an option is left empty), and plans the hook: { mode, operation, credentials, args }. An option
// whose value is null is unset.
// mode is `run` (the command hook runs the operation) or `wrap` (the step's own command is the deployment:
// the command hook runs it, post-command records it). Bad configuration throws ConfigError (exit 2 in the hook).
// The options, their types and the credentials come from the input table (@shiplog/core); the build bundles
// this file into lib/hook.mjs, which runs on the agent with plain node.
import { ADAPTER_COMMANDS, platformParams, type AdapterCommandName } from '@shiplog/core/kit';

type Env = Readonly<Record<string, string | undefined>>;

type OptionType = 'string' | 'boolean' | 'integer' | 'list';
type Config = Record<string, unknown>;
export interface Plan {
  mode: 'run' | 'wrap';
  operation: AdapterCommandName;
  /** credentials key -> the environment variable the job names for it. */
  credentials: Record<string, string>;
  args: string[];
}

/** Per operation: option name -> how it becomes CLI flags; credentials key -> default variable; secret keys. */
const OPTIONS = {
  operations: Object.fromEntries(
    ADAPTER_COMMANDS.map((op) => [
      op,
      Object.fromEntries(
        platformParams('buildkite', op)
          .filter((p) => p.channel === 'value')
          .map((p) => [p.name, (['boolean', 'integer', 'list'].includes(p.spec.type) ? p.spec.type : 'string') as OptionType]),
      ),
    ]),
  ) as Record<string, Record<string, OptionType>>,
  credentials: Object.fromEntries(platformParams('buildkite', 'deploy').filter((p) => p.channel === 'env-name').map((p) => [p.name, p.envDefault!])),
};

/** A configuration problem: the hook prints its message on one line and exits 2. */
export class ConfigError extends Error {}

/** The agent's key -> environment variable name rule (upper case, `-` and spaces become `_`). */
export function envKey(key: string): string {
  return key.toUpperCase().replace(/[-\s]/g, '_');
}

/** Every option name any operation takes, plus the plugin's own. */
function knownOptions() {
  const types = new Map([['operation', 'string']]);
  for (const opts of Object.values(OPTIONS.operations)) {
    // A list for one operation (plan's `env`) is read as one wherever it appears; a single value still reads as one.
    for (const [name, type] of Object.entries(opts)) if (types.get(name) !== 'list') types.set(name, type);
  }
  return types;
}

/** The env-var prefix of this plugin's flattened configuration, undefined when the agent set none. */
function flattenedPrefix(env: Env): string | undefined {
  if (env.BUILDKITE_PLUGIN_NAME && Object.keys(env).some((k) => k.startsWith(`BUILDKITE_PLUGIN_${env.BUILDKITE_PLUGIN_NAME}_`))) {
    return `BUILDKITE_PLUGIN_${env.BUILDKITE_PLUGIN_NAME}_`;
  }
  const found = Object.keys(env)
    .map((k) => /^BUILDKITE_PLUGIN_(.+)_OPERATION$/.exec(k)?.[1])
    .filter(Boolean);
  return found.length === 1 ? `BUILDKITE_PLUGIN_${found[0]}_` : undefined;
}

/** The agent's plugin name of a location: its last path part, lower-cased, `-buildkite-plugin` dropped. */
function agentPluginName(location: string): string {
  const last = location.split('#')[0].replace(/\\/g, '/').replace(/\/+$/, '').split('/').pop() ?? '';
  return last.toLowerCase().replace(/[^a-z0-9]/g, '-').replace(/-buildkite-plugin(-git)?/g, '');
}

/** Whether a BUILDKITE_PLUGINS location is this plugin: the mirror (`shiplog`), the subdirectory or a vendored copy. */
function isThisPlugin(location: string, env: Env): boolean {
  const name = agentPluginName(location);
  if (env.BUILDKITE_PLUGIN_NAME) return envKey(name) === env.BUILDKITE_PLUGIN_NAME;
  return name === 'shiplog' || /(^|\/)adapters\/buildkite-plugin$/.test(location.split('#')[0].replace(/\/+$/, ''));
}

/**
 * The configuration from BUILDKITE_PLUGINS (every plugin entry of the job, as JSON), for when the agent set no
 * per-plugin variables: it drops them all when an option has no value (`notes:` left empty is null).
 */
export function configFromPlugins(env: Env): Config | undefined {
  const raw = env.BUILDKITE_PLUGINS;
  if (raw === undefined || raw.trim() === '') return undefined;
  let entries: unknown;
  try {
    entries = JSON.parse(raw);
  } catch {
    throw new ConfigError('BUILDKITE_PLUGINS is not valid JSON');
  }
  if (!Array.isArray(entries)) throw new ConfigError('BUILDKITE_PLUGINS is not a list of plugin entries');
  const ours: unknown[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string' && isThisPlugin(entry, env)) ours.push({});
    else if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
      for (const [location, config] of Object.entries(entry as Record<string, unknown>)) if (isThisPlugin(location, env)) ours.push(config ?? {});
    }
  }
  if (ours.length === 0) return undefined;
  if (ours.length > 1) throw new ConfigError('BUILDKITE_PLUGINS lists this plugin more than once and the agent set no per-plugin configuration: use one shiplog entry per step');
  return ours[0] as Config;
}

function listFrom(env: Env, key: string): string | string[] | undefined {
  const items: string[] = [];
  for (let i = 0; env[`${key}_${i}`] !== undefined; i++) items.push(env[`${key}_${i}`]!);
  if (items.length) return items;
  return env[key] === undefined ? undefined : env[key];
}

/** Rebuilds the configuration object from the flattened variables (only known keys can be recovered). */
export function configFromFlattened(env: Env): Config {
  const prefix = flattenedPrefix(env);
  if (prefix === undefined) {
    const fromPlugins = configFromPlugins(env);
    if (fromPlugins !== undefined) return fromPlugins;
    throw new ConfigError(
      'no plugin configuration found (BUILDKITE_PLUGIN_CONFIGURATION is not set, no BUILDKITE_PLUGIN_<NAME>_OPERATION variable, and BUILDKITE_PLUGINS has no shiplog entry)',
    );
  }
  const config: Config = {};
  for (const [name, type] of knownOptions()) {
    const key = prefix + envKey(name);
    const value = type === 'list' ? listFrom(env, key) : env[key];
    if (value !== undefined) config[name] = value;
  }
  const credentials: Record<string, string> = {};
  for (const name of Object.keys(OPTIONS.credentials)) {
    const value = env[`${prefix}CREDENTIALS_${envKey(name)}`];
    if (value !== undefined) credentials[name] = value;
  }
  if (Object.keys(credentials).length) config.credentials = credentials;
  return config;
}

export function readConfig(env: Env): Config {
  const raw = env.BUILDKITE_PLUGIN_CONFIGURATION;
  if (raw === undefined || raw.trim() === '') return configFromFlattened(env);
  let config: unknown;
  try {
    config = JSON.parse(raw);
  } catch {
    throw new ConfigError('BUILDKITE_PLUGIN_CONFIGURATION is not valid JSON');
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new ConfigError('the plugin configuration must be a mapping of options');
  }
  return config as Config;
}

function scalar(name: string, value: unknown, type: OptionType): string | boolean {
  if (type === 'boolean') {
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw new ConfigError(`plugin option "${name}" must be true or false`);
  }
  if (type === 'integer') {
    const s = String(value).trim();
    if (typeof value === 'boolean' || !/^-?[0-9]+$/.test(s)) throw new ConfigError(`plugin option "${name}" must be an integer`);
    return s;
  }
  if (typeof value === 'object' && value !== null) throw new ConfigError(`plugin option "${name}" must be a ${type === 'list' ? 'string or a list of strings' : 'string'}`);
  // YAML reads 1.10 as the number 1.1 and 010 as 8 or 10: what was written cannot be recovered, so a number is
  // refused rather than passed on changed. Quoted, the value reaches the plugin as written.
  if (typeof value === 'number') {
    throw new ConfigError(`plugin option "${name}" must be a string, but YAML read the number ${String(value)}: quote the value (e.g. "1.10") so that it stays as written`);
  }
  return String(value);
}

function credentialVars(config: Config): Record<string, string> {
  const given = (config.credentials ?? {}) as Record<string, unknown>;
  if (typeof given !== 'object' || Array.isArray(given)) throw new ConfigError('plugin option "credentials" must be a mapping');
  const vars: Record<string, string> = {};
  for (const [name, fallback] of Object.entries(OPTIONS.credentials)) {
    const v = given[name] ?? fallback;
    if (typeof v !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) {
      throw new ConfigError(`credentials.${name} must name an environment variable (letters, digits, _), not hold a value`);
    }
    vars[name] = v;
  }
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(OPTIONS.credentials, name)) throw new ConfigError(`unknown credentials key "${name}" (expected ${Object.keys(OPTIONS.credentials).join(', ')})`);
  }
  return vars;
}

/**
 * A pipeline that names its own URL variable (credentials.dhurl other than DHURL) means the Ortelius backend. When
 * that variable is unset or empty the CLI would fall back to the embedded store in the checkout (which the agent's
 * git clean removes) and report success, so this is a configuration error instead, unless the backend is
 * explicitly local (option `backend`, else SHIPLOG_BACKEND) or the URL is given as the `dhurl` option.
 */
function requireNamedUrl(env: Env, config: Config, credentials: Record<string, string>): void {
  const name = credentials.dhurl;
  if (name === OPTIONS.credentials.dhurl || (env[name] ?? '') !== '') return;
  const backend = config.backend ?? env.SHIPLOG_BACKEND;
  if (backend === 'local' || (config.dhurl !== undefined && config.dhurl !== null && String(config.dhurl) !== '')) return;
  throw new ConfigError(`credentials.dhurl names ${name}, but ${name} is unset or empty in this job: set it (for example in your secrets hook) or use backend: local`);
}

/** The job's page: what a wrapped deployment links to as its log. */
export function jobUrl(env: Env): string | undefined {
  if (!env.BUILDKITE_BUILD_URL) return undefined;
  return env.BUILDKITE_JOB_ID ? `${env.BUILDKITE_BUILD_URL}#${env.BUILDKITE_JOB_ID}` : env.BUILDKITE_BUILD_URL;
}

/**
 * The whole mapping: configuration + agent env -> { mode, operation, credentials, args }.
 * phase is the hook running it (`command` or `post-command`).
 */
export function planFor(env: Env, phase: string): Plan {
  const config = readConfig(env);
  const operation = config.operation;
  if (operation === undefined || operation === null || operation === '') throw new ConfigError('plugin option "operation" is required (one of ' + Object.keys(OPTIONS.operations).join(', ') + ')');
  const options = typeof operation === 'string' && Object.hasOwn(OPTIONS.operations, operation) ? OPTIONS.operations[operation] : undefined;
  if (!options) throw new ConfigError(`unknown operation "${operation}" (expected one of ${Object.keys(OPTIONS.operations).join(', ')})`);
  const credentials = credentialVars(config);
  requireNamedUrl(env, config, credentials);

  // Blank means the characters bash's [[:space:]] matches, as the hooks decide it (hooks/command).
  const stepCommand = /[^ \t\n\r\f\v]/.test(env.BUILDKITE_COMMAND ?? '');
  let mode: Plan['mode'] = 'run';
  if (stepCommand) {
    if (operation !== 'deploy') {
      throw new ConfigError(`the step has a command, but operation "${operation}" cannot wrap one: remove the step command (the plugin runs the operation) or use operation deploy`);
    }
    for (const clash of ['command', 'exit-code', 'log-file']) {
      if (config[clash] !== undefined && config[clash] !== null) throw new ConfigError(`plugin option "${clash}" cannot be used while the plugin wraps the step command`);
    }
    mode = 'wrap';
  }

  for (const name of Object.keys(config)) {
    if (name !== 'operation' && name !== 'credentials' && !Object.hasOwn(options, name)) {
      throw new ConfigError(`plugin option "${name}" is not an option of ${operation}`);
    }
  }
  // Input-table order, whichever way the configuration arrived.
  const args: string[] = [];
  for (const [name, type] of Object.entries(options)) {
    const value = config[name];
    if (value === null || value === undefined) continue;
    const values = type === 'list' ? (Array.isArray(value) ? value : [value]) : [value];
    for (const v of values) {
      const s = scalar(name, v, type);
      args.push(`--${name}=${s}`); // booleans as --flag=true|false: an explicit false overrides the env
    }
  }
  if (operation === 'deploy' && (config['log-url'] === undefined || config['log-url'] === null) && jobUrl(env)) args.push(`--log-url=${jobUrl(env)}`);
  if (mode === 'wrap' && phase === 'post-command') {
    const status = (env.BUILDKITE_COMMAND_EXIT_STATUS ?? '').trim();
    if (!/^-?[0-9]+$/.test(status)) throw new ConfigError('BUILDKITE_COMMAND_EXIT_STATUS is missing or not a number: cannot record the wrapped deployment');
    // The agent reports -1 when the command phase was killed by a signal (a cancelled job): record that as a
    // failed deployment (255, the largest exit code) and keep the agent's own value as an attribute.
    if (Number(status) < 0) args.push('--exit-code=255', `--attr=BuildkiteCommandExitStatus=${status}`);
    else args.push(`--exit-code=${status}`);
  }
  return { mode, operation: operation as AdapterCommandName, credentials, args };
}
