/**
 * intent.toml (docs/intent.md): what should run where, written by people and reviewed in pull requests.
 *
 * ```toml
 * [application."GLOBAL.Acme.Store.shop"]
 * depends_on = ["GLOBAL.Acme.Store.payments"]                  # deployed after these, per environment
 * deploy = ["helm", "upgrade", "--install", "shop", "./chart"] # argv, no shell
 * undeploy = ["helm", "uninstall", "shop"]                     # for the selector "none"
 * uses_state = ["db_url"]                                      # redeployed when one of these changes
 *
 * [environment.prod-eu]
 * "GLOBAL.Acme.Store.shop" = "latest-approved"
 * ```
 * Found like shiplog.toml (the nearest intent.toml from the working directory up to the repository root), or
 * named with --intent / SHIPLOG_INTENT. Parsing collects every problem; the caller reports them with the ones it
 * finds against the pipeline and the store, all at once (exit 2).
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { stateKeyProblem } from '../custom-state-keys.js';
import { searchDirs } from '../discovery.js';
import { ConfigError } from '../errors.js';
import type { Host } from '../host.js';
import { applicationBaseName, applicationParts, cleanVersion, namePartProblem, quoteName } from '../naming.js';
import { dependencyLevels } from './waves.js';

export const INTENT_FILE = 'intent.toml';

export type Selector =
  | { kind: 'version'; version: string }
  | { kind: 'latest' }
  | { kind: 'latest-approved' }
  | { kind: 'same-as'; environment: string }
  | { kind: 'latest-in'; stage: string }
  | { kind: 'none' };

export interface IntentApplication {
  /** Full base name `domain.short`. */
  name: string;
  dependsOn: string[];
  /** The deployment command (argv, run without a shell); absent: the backend deploys by itself (Ortelius). */
  deploy?: string[];
  /** The command that removes the application (selector `none`). */
  undeploy?: string[];
  /** Custom state keys whose change redeploys the application. */
  usesState: string[];
}

export interface IntentEntry {
  application: string;
  /** As written, for messages and the plan (`latest-approved`, `same-as:qa`, `1.0.3`). */
  text: string;
  selector: Selector;
}

export interface IntentEnvironment {
  name: string;
  entries: IntentEntry[];
}

export interface Intent {
  file: string;
  applications: IntentApplication[];
  environments: IntentEnvironment[];
  /** Dependency level of each application: 1 for none, else 1 + the highest of its dependencies. */
  levels: Map<string, number>;
}

const APP_KEYS = new Set(['depends_on', 'deploy', 'undeploy', 'uses_state']);

/** The intent file a command reads: --intent (resolved against cwd), else the nearest intent.toml. */
export function findIntentFile(cwd: string, given: string | undefined): string {
  if (given !== undefined) return path.resolve(cwd, given);
  for (const d of searchDirs(cwd)) {
    const p = path.join(d, INTENT_FILE);
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  throw new ConfigError(`no ${INTENT_FILE} found in ${path.resolve(cwd)} or above it (up to the repository root)`, {
    hint: `write one (docs/intent.md), or name it with --intent <file> (SHIPLOG_INTENT)`,
  });
}

export async function loadIntent(host: Host, given: string | undefined): Promise<{ intent: Intent; problems: string[] }> {
  const file = findIntentFile(host.cwd, given);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read the intent file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseIntent(text, file);
}

/** Parses intent.toml text; `problems` lists everything wrong with it (the intent holds what was usable). */
export function parseIntent(text: string, file: string): { intent: Intent; problems: string[] } {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError(`${file} is not valid TOML: ${String((err as Error).message).split('\n')[0]}`);
  }
  const problems: string[] = [];
  for (const key of Object.keys(doc)) {
    if (key !== 'application' && key !== 'environment')
      problems.push(`unknown key "${key}" (expected [application."<name>"] and [environment.<name>] tables)`);
  }
  const applications = parseApplications(doc.application, problems);
  const declared = new Set(applications.map((a) => a.name));
  for (const app of applications) {
    for (const dep of app.dependsOn) {
      if (!declared.has(dep))
        problems.push(`application ${app.name}: depends_on names unknown application ${dep} (declare it with [application."${dep}"])`);
    }
  }
  const { levels, cycles } = dependencyLevels(
    applications.map((a) => ({ name: a.name, dependsOn: a.dependsOn.filter((d) => declared.has(d)) })),
  );
  for (const cycle of cycles) problems.push(`depends_on cycle: ${cycle.join(' -> ')}`);
  const environments = parseEnvironments(doc.environment, declared, problems);
  return { intent: { file, applications, environments, levels }, problems };
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** A full base application name as written, or a problem. */
function applicationName(raw: string, where: string, problems: string[]): string | undefined {
  try {
    const p = applicationParts(raw);
    if (p.version !== undefined) {
      problems.push(`${where}: ${quoteName(raw)} names an application version; name the application (without ";version")`);
      return undefined;
    }
    return applicationBaseName(p);
  } catch (err) {
    problems.push(`${where}: ${(err as Error).message}`);
    return undefined;
  }
}

function parseApplications(raw: unknown, problems: string[]): IntentApplication[] {
  if (raw === undefined) {
    problems.push('no applications: add [application."<domain>.<name>"] tables');
    return [];
  }
  if (!isTable(raw)) {
    problems.push('"application" must be a table of applications ([application."<domain>.<name>"])');
    return [];
  }
  const out: IntentApplication[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const name = applicationName(key, 'application', problems);
    if (!name) continue;
    const label = `application ${name}`;
    if (!isTable(value)) {
      problems.push(`${label} must be a table`);
      continue;
    }
    for (const k of Object.keys(value))
      if (!APP_KEYS.has(k)) problems.push(`${label}: unknown key "${k}" (known: ${[...APP_KEYS].join(', ')})`);
    const app: IntentApplication = { name, dependsOn: [], usesState: [] };
    if (value.depends_on !== undefined) {
      if (!stringList(value.depends_on)) problems.push(`${label}: "depends_on" must be a list of application names`);
      else {
        for (const d of value.depends_on) {
          const dep = applicationName(d, `${label}: depends_on`, problems);
          if (dep === name) problems.push(`depends_on cycle: ${name} -> ${name}`);
          else if (dep && !app.dependsOn.includes(dep)) app.dependsOn.push(dep);
        }
      }
    }
    for (const k of ['deploy', 'undeploy'] as const) {
      const v = value[k];
      if (v === undefined) continue;
      if (!stringList(v) || v.length === 0 || v[0].trim() === '')
        problems.push(`${label}: "${k}" must be a non-empty list of strings (the command and its arguments, run without a shell)`);
      else app[k] = [...v];
    }
    if (value.uses_state !== undefined) {
      if (!stringList(value.uses_state)) problems.push(`${label}: "uses_state" must be a list of state keys`);
      else {
        for (const key of value.uses_state) {
          const problem = stateKeyProblem(key);
          if (problem) problems.push(`${label}: uses_state: ${problem}`);
          else if (!app.usesState.includes(key)) app.usesState.push(key);
        }
      }
    }
    out.push(app);
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function parseEnvironments(raw: unknown, declared: Set<string>, problems: string[]): IntentEnvironment[] {
  if (raw === undefined) {
    problems.push('no environments: add [environment.<name>] tables');
    return [];
  }
  if (!isTable(raw)) {
    problems.push('"environment" must be a table of environments ([environment.<name>])');
    return [];
  }
  const out: IntentEnvironment[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const bad = name.trim() === '' ? 'environment name is empty' : namePartProblem(name, 'environment');
    if (bad) {
      problems.push(bad);
      continue;
    }
    if (!isTable(value)) {
      problems.push(`environment ${name} must be a table of "<application>" = "<selector>"`);
      continue;
    }
    const entries: IntentEntry[] = [];
    for (const [key, sel] of Object.entries(value)) {
      const application = applicationName(key, `environment ${name}`, problems);
      if (!application) continue;
      if (!declared.has(application)) {
        problems.push(`environment ${name}: unknown application ${application} (declare it with [application."${application}"])`);
        continue;
      }
      if (typeof sel !== 'string') {
        problems.push(
          `environment ${name}: ${application} must be a selector string (a version, "latest", "latest-approved", "same-as:<environment>", "latest-in:<stage>" or "none")`,
        );
        continue;
      }
      const selector = parseSelector(sel, `environment ${name}: ${application}`, problems);
      if (selector) entries.push({ application, text: sel.trim(), selector });
    }
    out.push({ name, entries });
  }
  return out;
}

/** `latest`, `latest-approved`, `same-as:<env>`, `latest-in:<stage>`, `none`, or an exact version. */
export function parseSelector(raw: string, where: string, problems: string[]): Selector | undefined {
  const s = raw.trim();
  if (s === 'latest') return { kind: 'latest' };
  if (s === 'latest-approved') return { kind: 'latest-approved' };
  if (s === 'none') return { kind: 'none' };
  const m = /^([a-z-]+):(.*)$/.exec(s);
  if (m && (m[1] === 'same-as' || m[1] === 'latest-in')) {
    const target = m[2].trim();
    const what = m[1] === 'same-as' ? 'environment' : 'stage';
    const bad = target === '' ? `"${m[1]}:" needs an ${what}` : namePartProblem(target, what);
    if (bad) {
      problems.push(`${where}: ${bad}`);
      return undefined;
    }
    return m[1] === 'same-as' ? { kind: 'same-as', environment: target } : { kind: 'latest-in', stage: target };
  }
  if (s === '' || m || /^latest/.test(s)) {
    problems.push(
      `${where}: unknown selector ${quoteName(raw)} (a version, "latest", "latest-approved", "same-as:<environment>", "latest-in:<stage>" or "none")`,
    );
    return undefined;
  }
  try {
    return { kind: 'version', version: cleanVersion(s, 'application version') };
  } catch (err) {
    problems.push(`${where}: ${(err as Error).message}`);
    return undefined;
  }
}
