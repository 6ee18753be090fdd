/**
 * The Buildkite plugin's decisions (its hook, adapters/buildkite-plugin/src/hook.ts, makes only the calls):
 * - the configuration the agent hands to a hook: BUILDKITE_PLUGIN_CONFIGURATION (JSON), or the flattened
 *   BUILDKITE_PLUGIN_<NAME>_* variables when the JSON is absent (older agents), or this plugin's entry of
 *   BUILDKITE_PLUGINS when the agent set neither (it drops them when an option is left empty); null is unset;
 * - the plan of the hook, { mode, operation, credentials, args }: the options, their types and the credentials are
 *   structured-inputs.ts's (from the input table); mode is `run` (the command hook runs the operation) or `wrap`
 *   (the step's own command is the deployment: the command hook runs it, post-command records it);
 * - the `buildkite-agent` calls (arguments, stdin, the warning when one fails): the credentials for the agent's
 *   redactor, then the annotation, the meta-data and the dashboard of a result; and what else the hook prints and
 *   exits with. Pure; bad configuration throws ConfigError (exit 2 in the hook).
 */
import { ConfigError } from '../errors.js';
import type { Env } from '../host.js';
import type { AdapterCommandName } from '../inputs.js';
import { buildkiteReportCalls, publishedReportOf } from './report-publishing.js';
import { buildkiteStepReport, parseResult } from './step-report.js';
import { allOptionTypes, envNameDefaults, envNameSecretForms, structuredCommand, type OptionTerms } from './structured-inputs.js';

type Config = Record<string, unknown>;
export interface BuildkitePlan {
  mode: 'run' | 'wrap';
  operation: AdapterCommandName;
  /** credentials key -> the environment variable the job names for it. */
  credentials: Record<string, string>;
  args: string[];
}

const TERMS: OptionTerms = { noun: 'plugin option', envGroup: 'credentials', setVariable: 'set it (for example in your secrets hook)' };

/** The agent's key -> environment variable name rule (upper case, `-` and spaces become `_`). */
const envKey = (key: string): string => key.toUpperCase().replace(/[-\s]/g, '_');

function parseJson(raw: string, what: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ConfigError(`${what} is not valid JSON`);
  }
}

/** The env-var prefix of this plugin's flattened configuration, undefined when the agent set none. */
function flattenedPrefix(env: Env): string | undefined {
  const name = env.BUILDKITE_PLUGIN_NAME;
  if (name && Object.keys(env).some((k) => k.startsWith(`BUILDKITE_PLUGIN_${name}_`))) return `BUILDKITE_PLUGIN_${name}_`;
  const found = Object.keys(env).flatMap((k) => /^BUILDKITE_PLUGIN_(.+)_OPERATION$/.exec(k)?.[1] ?? []);
  return found.length === 1 ? `BUILDKITE_PLUGIN_${found[0]}_` : undefined;
}

/** Whether a BUILDKITE_PLUGINS location is this plugin: the mirror (`shiplog`), the subdirectory or a vendored copy. */
function isThisPlugin(location: string, env: Env): boolean {
  const path = location.split('#')[0].replace(/\\/g, '/').replace(/\/+$/, '');
  // The agent's plugin name: the last path part, lower-cased, `-buildkite-plugin` dropped.
  const name = (path.split('/').pop() ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '-')
    .replace(/-buildkite-plugin(-git)?/g, '');
  if (env.BUILDKITE_PLUGIN_NAME) return envKey(name) === env.BUILDKITE_PLUGIN_NAME;
  return name === 'shiplog' || /(^|\/)adapters\/buildkite-plugin$/.test(path);
}

/** This plugin's entry of BUILDKITE_PLUGINS (every plugin entry of the job, as JSON), when it has one. */
function configFromPlugins(env: Env): Config | undefined {
  if ((env.BUILDKITE_PLUGINS ?? '').trim() === '') return undefined;
  const entries = parseJson(env.BUILDKITE_PLUGINS!, 'BUILDKITE_PLUGINS');
  if (!Array.isArray(entries)) throw new ConfigError('BUILDKITE_PLUGINS is not a list of plugin entries');
  const ours = entries.flatMap((entry: unknown) => {
    if (typeof entry === 'string') return isThisPlugin(entry, env) ? [{}] : [];
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return [];
    return Object.entries(entry).flatMap(([location, config]) => (isThisPlugin(location, env) ? [config ?? {}] : []));
  });
  if (ours.length > 1)
    throw new ConfigError(
      'BUILDKITE_PLUGINS lists this plugin more than once and the agent set no per-plugin configuration: use one shiplog entry per step',
    );
  return ours[0] as Config | undefined;
}

/** Rebuilds the configuration object from the flattened variables (only known keys can be recovered). */
function configFromFlattened(env: Env): Config {
  const prefix = flattenedPrefix(env);
  if (prefix === undefined) {
    const fromPlugins = configFromPlugins(env);
    if (fromPlugins !== undefined) return fromPlugins;
    throw new ConfigError(
      'no plugin configuration found (BUILDKITE_PLUGIN_CONFIGURATION is not set, no BUILDKITE_PLUGIN_<NAME>_OPERATION variable, and BUILDKITE_PLUGINS has no shiplog entry)',
    );
  }
  const config: Config = {};
  for (const [name, type] of [['operation', 'string'], ...allOptionTypes('buildkite')] as const) {
    const key = prefix + envKey(name);
    const items: string[] = [];
    for (let i = 0; type === 'list' && env[`${key}_${i}`] !== undefined; i++) items.push(env[`${key}_${i}`]!);
    if (items.length || env[key] !== undefined) config[name] = items.length ? items : env[key];
  }
  const credentials: Record<string, string> = {};
  for (const name of Object.keys(envNameDefaults('buildkite'))) {
    const value = env[`${prefix}CREDENTIALS_${envKey(name)}`];
    if (value !== undefined) credentials[name] = value;
  }
  if (Object.keys(credentials).length) config.credentials = credentials;
  return config;
}

/** The plugin's configuration, from whichever form the agent set. */
export function readBuildkiteConfig(env: Env): Config {
  const raw = env.BUILDKITE_PLUGIN_CONFIGURATION;
  if (raw === undefined || raw.trim() === '') return configFromFlattened(env);
  const config = parseJson(raw, 'BUILDKITE_PLUGIN_CONFIGURATION');
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new ConfigError('the plugin configuration must be a mapping of options');
  }
  return config as Config;
}

/** The whole mapping: configuration + agent env -> the plan. phase is the hook running it (`command` or `post-command`). */
export function buildkitePlan(env: Env, phase: string): BuildkitePlan {
  const config = readBuildkiteConfig(env);
  const { command: operation, vars: credentials, args } = structuredCommand('buildkite', config, env, TERMS);
  // Blank means the characters bash's [[:space:]] matches, as the hooks decide it (hooks/post-command).
  const mode = /[^ \t\n\r\f\v]/.test(env.BUILDKITE_COMMAND ?? '') ? 'wrap' : 'run';
  if (mode === 'wrap') {
    if (operation !== 'deploy') {
      throw new ConfigError(
        `the step has a command, but operation "${operation}" cannot wrap one: remove the step command (the plugin runs the operation) or use operation deploy`,
      );
    }
    for (const clash of ['command', 'exit-code', 'log-file']) {
      if (config[clash] !== undefined && config[clash] !== null)
        throw new ConfigError(`plugin option "${clash}" cannot be used while the plugin wraps the step command`);
    }
  }
  // The job's page: what a deployment links to as its log, unless the configuration gives one.
  const jobUrl = env.BUILDKITE_JOB_ID ? `${env.BUILDKITE_BUILD_URL}#${env.BUILDKITE_JOB_ID}` : env.BUILDKITE_BUILD_URL;
  if (operation === 'deploy' && (config['log-url'] === undefined || config['log-url'] === null) && env.BUILDKITE_BUILD_URL)
    args.push(`--log-url=${jobUrl}`);
  if (mode === 'wrap' && phase === 'post-command') {
    const status = (env.BUILDKITE_COMMAND_EXIT_STATUS ?? '').trim();
    if (!/^-?[0-9]+$/.test(status))
      throw new ConfigError('BUILDKITE_COMMAND_EXIT_STATUS is missing or not a number: cannot record the wrapped deployment');
    // The agent reports -1 when the command phase was killed by a signal (a cancelled job): record that as a
    // failed deployment (255, the largest exit code) and keep the agent's own value as an attribute.
    args.push(...(Number(status) < 0 ? ['--exit-code=255', `--attr=BuildkiteCommandExitStatus=${status}`] : [`--exit-code=${status}`]));
  }
  return { mode, operation, credentials, args };
}

/** One `buildkite-agent` call; `afterPrevious`: made only when the call before it succeeded (else skipped as failed). */
export interface BuildkiteAgentCall {
  argv: string[];
  stdin: string;
  /** The warning when the call fails (the step goes on). */
  warning: string;
  afterPrevious?: boolean;
}

/** The secret credentials' values, in every form the core's Redactor masks, for the agent's redactor; undefined when none is set. */
export function buildkiteRedactorCall(env: Env, plan: BuildkitePlan): BuildkiteAgentCall | undefined {
  const forms = envNameSecretForms('buildkite', plan.operation, plan.credentials, env);
  if (Object.keys(forms).length === 0) return undefined;
  const warning = "could not register the password with the agent's redactor (this agent may lack 'buildkite-agent redactor add')";
  return { argv: ['redactor', 'add', '--format', 'json'], stdin: JSON.stringify(forms), warning };
}

/** What the hook does after the operation, in this order: print `stdout`, make the `calls`, print `note` (stderr), exit. */
export interface BuildkiteHookOutcome {
  stdout: string;
  calls: BuildkiteAgentCall[];
  note?: string;
  exitCode: number;
}

/**
 * The operation's outcome (the CLI's exit code and `--json` text) on Buildkite: the annotation (style by outcome, one
 * context per operation), the meta-data and, with `report: true`, the dashboard (kit/report-publishing.ts; its
 * markdown through `readText`, undefined when it cannot be read); problems with any of them only warn.
 */
export function buildkiteHookOutcome(
  plan: BuildkitePlan,
  phase: string,
  code: number,
  json: string,
  readText: (path: string) => string | undefined,
): BuildkiteHookOutcome {
  const { operation } = plan;
  const result = parseResult(json);
  const r = buildkiteStepReport(operation, json, code);
  const calls: BuildkiteAgentCall[] = [
    {
      argv: ['annotate', '--style', r.style, '--context', `shiplog-${operation}`],
      stdin: r.annotation,
      warning: 'buildkite-agent annotate failed',
    },
    ...r.metadata.map(([key, value]) => ({
      argv: ['meta-data', 'set', key, value],
      stdin: '',
      warning: `buildkite-agent meta-data set ${key} failed`,
    })),
  ];
  const published = result ? publishedReportOf(result) : undefined;
  const markdown = published?.markdown ? readText(published.markdown.path) : undefined;
  (published ? buildkiteReportCalls(published, markdown) : []).forEach((call, i) =>
    calls.push({
      argv: call.argv,
      stdin: call.stdin ?? '',
      warning: `buildkite-agent ${call.argv.join(' ')} failed`,
      afterPrevious: i > 0,
    }),
  );
  // envscript without `output`: under --json the CLI prints the result object, not the script; the job log is the
  // only place the script goes, so the hook prints the one the result carries.
  const printScript = operation === 'envscript' && code === 0 && result?.ok && !result.file && typeof result.script === 'string';
  const stdout = printScript ? (result.script as string) : '';
  // post-command (wrapper mode) succeeds once the deployment is stored, a failed one included (DEPLOY_FAILED,
  // exit 1): the agent ends the job with a failing post-command's status before it looks at the command's, and the
  // step must keep the command's own exit status. Any other failure means nothing was recorded.
  if (phase === 'post-command' && code === 1 && (result?.error as { code?: unknown } | undefined)?.code === 'DEPLOY_FAILED')
    return { stdout, calls, note: "shiplog: recorded the failed deployment; the step keeps the command's exit status", exitCode: 0 };
  return { stdout, calls, exitCode: code };
}
