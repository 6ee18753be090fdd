/**
 * `envscript` (dh envscript, shared/ortelius-api.md section 9, the intent without the reference's bugs):
 * writes the derived git/build variables, the component.toml [Export] keys (resolved), the previous
 * component version's commit and the lines changed since it, sorted by key, appended to a file or printed.
 * Never the process environment at large, never a secret, quoted so that loading it executes nothing.
 */
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { keepsDesiredState } from '../backend/backend.js';
import { BUILD_VARIABLE_NAMES, buildVariables } from '../build-variables.js';
import { stateVariableName, stateVariableValue } from '../custom-state-keys.js';
import { readComponentToml } from '../component-toml.js';
import { ENVSCRIPT_FORMATS, VARIABLE_NAME, byteOrder, formatVariables, type EnvscriptFormat } from '../envscript-format.js';
import { InvalidInputError } from '../errors.js';
import { exportProblems } from '../export-policy.js';
import { diffStat, readGitFacts, stripUrlCredentials } from '../git-facts.js';
import type { Host } from '../host.js';
import { isSecretName } from '../secret-names.js';
import { componentBaseName, componentParts } from '../naming.js';
import type { CommandModule } from './command-module.js';
import type { OperationContext } from './context.js';
import { bool, str, tomlInput } from './request-inputs.js';

export interface EnvscriptRequest {
  /** component.toml path (relative to the working directory); default component.toml. */
  toml?: string;
  /** toml names a file other than the default: it must exist (exit 2), as for version-update. */
  tomlExplicit?: boolean;
  /** File to append to; undefined = stdout. */
  output?: string;
  format: EnvscriptFormat;
  /** Component whose latest version gives GIT_PREVIOUS_COMPONENT_COMMIT (default: Name/Variant of the TOML). */
  componentName?: string;
  componentVariant?: string;
  /** Print the text on stdout when there is no output file (or on a dry run). Default true; false under --json. */
  print?: boolean;
  /** Same as ctx.dryRun (either one makes it a dry run). */
  dryRun?: boolean;
  /** [Export] may set PATH, LD_PRELOAD, NODE_OPTIONS, ... (export-policy.ts); refused otherwise. */
  allowDangerousExports?: boolean;
  /** --env: also write this environment's custom state as SHIPLOG_STATE_<KEY> (docs/intent.md). */
  environment?: string;
}

export interface EnvscriptResult {
  ok: true;
  operation: 'envscript';
  /** Absolute path appended to, or null when printed. */
  file: string | null;
  format: string;
  variables: Record<string, string>;
  /** The text written (or that would be written on a dry run). */
  script?: string;
  dryRun?: boolean;
}

/**
 * Keys never written, whatever their value: the Ortelius connection settings and every name that is secret by
 * the rule the Redactor's registration uses too (secret-names.ts).
 */
export function isForbiddenKey(key: string): boolean {
  return /^(DHPASS|DHUSER|DHURL)$/i.test(key) || isSecretName(key);
}

export async function envscript(ctx: OperationContext, req: EnvscriptRequest): Promise<EnvscriptResult> {
  const { host } = ctx;
  const dryRun = ctx.dryRun || req.dryRun === true;
  if (!(ENVSCRIPT_FORMATS as readonly string[]).includes(req.format)) {
    throw new InvalidInputError(`--format "${req.format}" is not one of ${ENVSCRIPT_FORMATS.join(', ')}`);
  }
  const ci = ctx.ci();
  const git = await readGitFacts(host);
  const now = host.now();
  const base = { env: host.env, git, ci, now, cwd: host.cwd };
  if (git.shallow) {
    host.log.warn(
      'shallow clone: BUILDNUM, GIT_BRANCH_PARENT, GIT_BRANCH_CREATE_COMMIT, GIT_BRANCH_CREATE_TIMESTAMP and GIT_COMMIT_AUTHORS are unknown and left out (fetch the whole history, e.g. fetch-depth: 0)',
    );
  }
  const first = buildVariables(base);
  const tomlPath = req.toml ?? 'component.toml';
  const toml = await readComponentToml(host, { path: tomlPath, vars: { ...host.env, ...first } });
  if (!toml && req.tomlExplicit) throw new InvalidInputError(`--toml ${tomlPath}: no such file (${path.resolve(host.cwd, tomlPath)})`);
  if (!toml) host.log.info(`${tomlPath} not found: writing the derived variables only`);
  const componentName = req.componentName ?? toml?.values.Name;
  const derived = buildVariables({ ...base, ...(toml ? { attributes: toml.attributes } : {}), componentName });

  const vars: Record<string, string> = {};
  const effective = (name: string): string | undefined => {
    const e = host.env[name];
    return e !== undefined && e !== '' ? e : derived[name];
  };
  for (const name of BUILD_VARIABLE_NAMES) {
    const v = effective(name);
    // a clone URL from the environment may carry a token: never write user:password@
    if (v !== undefined) vars[name] = name === 'GIT_URL' ? stripUrlCredentials(v) : v;
  }

  const previous = await previousCommit(ctx, componentName, req.componentVariant ?? toml?.values.Variant, git.commit);
  const envOr = (name: string, v: string | undefined) => {
    const e = host.env[name];
    const value = e !== undefined && e !== '' ? e : v;
    if (value !== undefined) vars[name] = value;
  };
  envOr('GIT_PREVIOUS_COMPONENT_COMMIT', previous);
  const lines = await diffStat(host, previous, git.commit);
  envOr('GIT_LINES_ADDED', String(lines.added));
  envOr('GIT_LINES_DELETED', String(lines.deleted));

  const exportIssues = exportProblems(toml?.exports ?? {}, { allowDangerous: req.allowDangerousExports === true });
  if (exportIssues.length) throw InvalidInputError.of(exportIssues, `in ${tomlPath}; docs/envscript.md lists what [Export] may set`);
  for (const [k, v] of Object.entries(toml?.exports ?? {})) vars[k] = v;
  if (req.environment) Object.assign(vars, await customStateVariables(ctx, req.environment));

  const kept = filterVariables(host, vars);
  const text = formatVariables(kept, req.format);
  const variables = Object.fromEntries(kept);
  const print = req.print !== false;

  if (!req.output || dryRun) {
    if (req.output) host.log.info(`dry run: would append ${kept.length} variables to ${req.output}`);
    if (print) host.stdout(text);
    return {
      ok: true,
      operation: 'envscript',
      file: null,
      format: req.format,
      variables,
      script: text,
      ...(dryRun ? { dryRun: true } : {}),
    };
  }
  const file = path.resolve(host.cwd, req.output);
  await appendText(file, text);
  return { ok: true, operation: 'envscript', file, format: req.format, variables, script: text };
}

/**
 * Drops bad names, secret-named keys, values holding a registered secret and values equal to a secret-named
 * variable's (warning by key only); sorts.
 */
function filterVariables(host: Host, vars: Record<string, string>): [string, string][] {
  const out: [string, string][] = [];
  // Values of secret-named variables, also those too short for the Redactor to register as substrings.
  const secretEnvValues = new Set(
    Object.entries(host.env)
      .filter(([k, v]) => v && isSecretName(k))
      .map(([, v]) => v as string),
  );
  for (const [k, v] of Object.entries(vars)) {
    if (!VARIABLE_NAME.test(k)) {
      host.log.warn(`envscript: "${k}" is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*), skipped`);
      continue;
    }
    if (isForbiddenKey(k)) {
      host.log.warn(`envscript: ${k} looks like a credential, skipped`);
      continue;
    }
    if (host.redactor.redact(v) !== v || secretEnvValues.has(v)) {
      host.log.warn(`envscript: the value of ${k} contains a secret, skipped`);
      continue;
    }
    if (v.includes('\0')) {
      host.log.warn(`envscript: the value of ${k} contains a NUL byte, skipped`);
      continue;
    }
    out.push([k, v]);
  }
  return out.sort((a, b) => byteOrder(a[0], b[0]));
}

/**
 * GitCommit of the component's previous recorded version: the latest under its base, or, when that one is this
 * very commit (already recorded by this build), the latest with another commit. A backend problem is only a warning.
 */
async function previousCommit(
  ctx: OperationContext,
  name: string | undefined,
  variant: string | undefined,
  current: string | undefined,
): Promise<string | undefined> {
  if (!name || name.trim() === '') return undefined;
  let base: string;
  try {
    base = componentBaseName(componentParts(name, variant));
  } catch (err) {
    ctx.host.log.warn(`envscript: no previous component commit: ${(err as Error).message}`);
    return undefined;
  }
  try {
    const backend = await ctx.backend();
    // latestComponentVersion is a bounded lookup (2 calls on ortelius); listing every version is the fallback.
    const latest = backend.latestComponentVersion
      ? await backend.latestComponentVersion(base)
      : (await backend.listComponentVersions(base)).at(-1);
    const commit = latest?.attributes.GitCommit?.trim();
    // This build already recorded (version-update before envscript): the previous version is the one before it.
    if (commit && current && commit === current) {
      const older = (await backend.listComponentVersions(base))
        .map((v) => v.attributes.GitCommit?.trim())
        .filter((c) => c && c !== current);
      return older.at(-1) || undefined;
    }
    return commit || undefined;
  } catch (err) {
    ctx.host.log.warn(`envscript: could not read the previous version of ${base}: ${(err as Error).message}`);
    return undefined;
  }
}

/**
 * The environment's custom state as SHIPLOG_STATE_<KEY> variables. Like the previous commit, a backend problem
 * (or a backend without custom state) is only a warning: the build variables are still written.
 */
async function customStateVariables(ctx: OperationContext, environment: string): Promise<Record<string, string>> {
  try {
    const backend = await ctx.backend();
    if (!keepsDesiredState(backend)) {
      ctx.host.log.warn(`envscript: the ${backend.kind} backend keeps no custom state: no SHIPLOG_STATE_* variables for ${environment}`);
      return {};
    }
    const out: Record<string, string> = {};
    for (const v of await backend.getCustomState(environment)) out[stateVariableName(v.key)] = stateVariableValue(v.value);
    return out;
  } catch (err) {
    ctx.host.log.warn(`envscript: could not read the custom state of ${environment}: ${(err as Error).message}`);
    return {};
  }
}

/** Appends (creating the file with mode 0644); starts on a new line when the file does not end with one. */
async function appendText(file: string, text: string): Promise<void> {
  let fh;
  try {
    let prefix = '';
    const st = await stat(file).catch(() => undefined);
    if (st && st.isFile() && st.size > 0) {
      const rd = await open(file, 'r');
      try {
        const buf = Buffer.alloc(1);
        await rd.read(buf, 0, 1, st.size - 1);
        if (buf[0] !== 0x0a) prefix = '\n';
      } finally {
        await rd.close();
      }
    }
    fh = await open(file, 'a', 0o644);
    await fh.writeFile(prefix + text, 'utf8');
  } catch (err) {
    throw new InvalidInputError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: 'check that --output names a writable file in an existing directory',
    });
  } finally {
    await fh?.close();
  }
}

export const envscriptCommand: CommandModule<EnvscriptRequest, EnvscriptResult> = {
  name: 'envscript',
  summary: 'Write the build variables (GIT_*, SHORT_SHA, BUILDNUM, ...) and component.toml [Export] keys as a script',
  examples: [
    'shiplog envscript --output env.sh && . ./env.sh',
    'shiplog envscript --toml services/cart/component.toml --format dotenv --output build.env',
    'shiplog envscript --format github --output "$GITHUB_ENV"',
    'shiplog envscript --format json',
    'shiplog envscript --env qa --output deploy.env   # also SHIPLOG_STATE_<KEY> of qa',
  ],
  mutating: true,

  request(inputs) {
    const problems: string[] = [];
    const format = str(inputs, 'format') ?? 'sh';
    if (!(ENVSCRIPT_FORMATS as readonly string[]).includes(format)) {
      problems.push(`--format "${format}" is not one of ${ENVSCRIPT_FORMATS.join(', ')}`);
    }
    const dry = inputs['dry-run'];
    if (dry !== undefined && typeof dry !== 'boolean' && !/^(true|false)$/i.test(String(dry).trim())) {
      problems.push(`--dry-run takes true or false, not "${String(dry)}"`);
    }
    const output = str(inputs, 'output');
    if (inputs.output !== undefined && output === undefined) problems.push('--output needs a file name');
    const toml = str(inputs, 'toml');
    if (inputs.toml !== undefined && toml === undefined) problems.push('--toml needs a file name');
    if (problems.length) throw InvalidInputError.of(problems, 'see shiplog envscript --help');
    return {
      ...(toml ? { toml, tomlExplicit: tomlInput(inputs).explicit } : {}),
      ...(output ? { output } : {}),
      format: format as EnvscriptFormat,
      print: !bool(inputs, 'json'),
      dryRun: bool(inputs, 'dry-run'),
      allowDangerousExports: bool(inputs, 'allow-dangerous-exports'),
      ...(str(inputs, 'env') ? { environment: str(inputs, 'env') } : {}),
    };
  },

  run: envscript,

  render(res) {
    const n = Object.keys(res.variables).length;
    const where = res.file ? `appended to ${res.file}` : res.dryRun ? 'computed (dry run, nothing written)' : 'printed';
    return `${res.dryRun ? '[dry run] ' : ''}${n} variable${n === 1 ? '' : 's'} ${where} (${res.format})`;
  },
};
