/**
 * The pipeline config (shiplog.toml): the ordered stages an application version moves through, the Ortelius
 * domain and move task of each, the environments that belong to it, and the release policy (docs/policy.md:
 * lifecycle, approval rules, [groups], [[freeze]] windows; parsed by policy/policy-config.ts and policy/freeze.ts).
 *
 * ```toml
 * [[stage]]
 * name = "prod"
 * approval = true                  # moving INTO prod needs an approval for prod
 * environments = ["prod-eu", "prod-us"]
 * domain = "GLOBAL.Acme.prod"      # Ortelius domain (default: the name)
 * task = "Move to prod"            # default: "Move to <name>"
 * ```
 * A missing file, or one without [[stage]] tables (e.g. only a [store] table), gives the built-in dev -> qa -> prod:
 * one environment per stage, same name; prod needs one approval; qa may be skipped and leaving a stage needs no
 * successful deployment, unlike a file's stages.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { parse as parseToml } from 'smol-toml';
import { ConfigError, InvalidInputError } from './errors.js';
import type { Host } from './host.js';
import type { FreezeWindow, PipelineConfig, Stage } from './model.js';
import { parseFreeze } from './policy/freeze.js';
import { successorsOf } from './policy/lifecycle.js';
import { finishPolicies, readGroups, readStagePolicy, STAGE_POLICY_KEYS, type RawPolicy } from './policy/policy-config.js';

export const DEFAULT_PIPELINE_FILE = 'shiplog.toml';

const STAGE_KEYS = new Set(['name', 'approval', 'environments', 'domain', 'task', ...STAGE_POLICY_KEYS]);
/** Top-level keys; [store] is read by backend/store-config.ts. */
const TOP_KEYS = new Set(['stage', 'store', 'groups', 'freeze']);

/**
 * The built-in pipeline, as before the release policy: dev -> qa -> prod, prod needs one approval; qa may be
 * skipped, no success requirement. A shiplog.toml enforces the lifecycle (docs/policy.md).
 */
export function defaultPipelineConfig(): PipelineConfig {
  const stages = [
    { name: 'dev', requiresApproval: false, environments: ['dev'] },
    { name: 'qa', requiresApproval: false, environments: ['qa'] },
    { name: 'prod', requiresApproval: true, environments: ['prod'] },
  ].map((s) => ({ ...s, domain: s.name, task: defaultTask(s.name) }));
  const problems: string[] = [];
  finishPolicies(
    stages.map((stage) => ({ stage, raw: stage.requiresApproval ? { approval: true } : stage.name === 'qa' ? { optional: true } : {} })),
    {},
    problems,
    false,
  );
  return buildConfig(stages, undefined, {}, []);
}

/**
 * Reads the pipeline config. `file` is resolved against host.cwd; when it is undefined, `shiplog.toml`
 * is used if present, else the default pipeline. A file named explicitly must exist.
 * Every problem in the file is reported at once (ConfigError, exit 2).
 */
export async function loadPipelineConfig(host: Host, file?: string): Promise<PipelineConfig> {
  const explicit = file !== undefined && file !== '';
  const full = path.resolve(host.cwd, explicit ? file : DEFAULT_PIPELINE_FILE);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !explicit) return defaultPipelineConfig();
    throw new ConfigError(`cannot read pipeline config ${full}: ${(err as Error).message}`, {
      hint: 'pass --config <file>, or remove it to use the default dev -> qa -> prod pipeline',
    });
  }
  return parsePipelineConfig(text, full);
}

/** Parses and validates shiplog.toml text. */
export function parsePipelineConfig(text: string, file: string): PipelineConfig {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError(`${file} is not valid TOML: ${firstLine((err as Error).message)}`);
  }
  const problems: string[] = [];
  for (const key of Object.keys(doc)) {
    if (!TOP_KEYS.has(key)) problems.push(`unknown key "${key}" (expected [[stage]] and [[freeze]] tables, [groups], [store])`);
  }
  const raw = doc.stage;
  // Every stage with a usable name takes part in the uniqueness checks, even when another of its keys is bad,
  // so that one error lists every problem of the file.
  const parsed: ParsedStage[] = [];
  // A file without [[stage]] tables (e.g. only [store], or [[freeze]] windows) keeps the built-in stages.
  const builtIn = raw === undefined ? defaultPipelineConfig() : undefined;
  if (raw === undefined) {
    // nothing to parse: the built-in stages and their policies
  } else if (!Array.isArray(raw)) {
    problems.push('"stage" must be an array of tables ([[stage]])');
  } else if (raw.length === 0) {
    problems.push('no stages: "stage" is an empty list (add [[stage]] tables)');
  } else {
    raw.forEach((entry, i) => {
      const stage = parseStage(entry, i, problems);
      if (stage) parsed.push(stage);
    });
  }
  const unique = checkUnique(parsed, problems);
  const groups = readGroups(doc.groups, problems);
  if (!builtIn) finishPolicies(unique, groups, problems);
  const envs = builtIn ? builtIn.stages.flatMap((s) => s.environments) : unique.flatMap((p) => p.stage.environments);
  const freezes: FreezeWindow[] = [];
  if (doc.freeze !== undefined && !Array.isArray(doc.freeze)) problems.push('"freeze" must be an array of tables ([[freeze]])');
  else {
    ((doc.freeze as unknown[] | undefined) ?? []).forEach((entry, i) => {
      const w = parseFreeze(entry, i, envs, problems);
      if (w) freezes.push(w);
    });
  }
  if (problems.length > 0) {
    const msg = problems.length === 1 ? problems[0] : `${problems.length} problems: ${problems.join('; ')}`;
    throw new ConfigError(`pipeline config ${file}: ${msg}`, { problems });
  }
  return buildConfig(builtIn ? builtIn.stages : parsed.map((p) => p.stage), file, groups, freezes);
}

/** A stage as read, with its position (1-based) in the file for messages and its policy keys. */
interface ParsedStage {
  stage: Stage;
  position: number;
  raw: RawPolicy;
}

/**
 * Checks one [[stage]] table, pushing a problem for each bad key. Returns the stage (bad optional keys
 * replaced by their defaults) whenever its name is usable, for the checks across stages.
 */
function parseStage(entry: unknown, i: number, problems: string[]): ParsedStage | undefined {
  const where = `stage ${i + 1}`;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    problems.push(`${where} is not a table`);
    return undefined;
  }
  const t = entry as Record<string, unknown>;
  const name = t.name;
  const named = typeof name === 'string' && name.trim() !== '';
  const label = named ? `stage "${name}"` : where;
  for (const key of Object.keys(t)) {
    if (!STAGE_KEYS.has(key)) problems.push(`${label}: unknown key "${key}" (known: ${[...STAGE_KEYS].join(', ')})`);
  }
  if (!named) problems.push(`${where}: "name" must be a non-empty string`);
  const raw = readStagePolicy(t, label, problems);
  const text: Partial<Record<'domain' | 'task', string>> = {};
  for (const key of ['domain', 'task'] as const) {
    const v = t[key];
    if (v === undefined) continue;
    if (typeof v === 'string' && v.trim() !== '') text[key] = v.trim();
    else problems.push(`${label}: "${key}" must be a non-empty string`);
  }
  const envs = t.environments;
  const envsOk = envs === undefined || (Array.isArray(envs) && envs.every((e) => typeof e === 'string' && e.trim() !== ''));
  if (!envsOk) problems.push(`${label}: "environments" must be a list of non-empty strings`);
  if (!named) return undefined;
  const n = (name as string).trim();
  return {
    position: i + 1,
    raw,
    stage: {
      name: n,
      domain: text.domain ?? n,
      requiresApproval: raw.approval === true,
      task: text.task ?? defaultTask(n),
      environments: envs === undefined || !envsOk ? [n] : (envs as string[]).map((e) => e.trim()),
    },
  };
}

/**
 * Stage names, Ortelius domains and environments must each be unique. A stage whose name repeats an earlier
 * one is reported once as a duplicate; its domain and environments are not compared again (they would only
 * repeat the same mistake under another message).
 */
function checkUnique(parsed: ParsedStage[], problems: string[]): ParsedStage[] {
  const kept: ParsedStage[] = [];
  const names = new Map<string, number>();
  const domains = new Map<string, string>();
  const envs = new Map<string, string>();
  for (const p of parsed) {
    const { stage: s, position } = p;
    const first = names.get(s.name);
    if (first !== undefined) {
      problems.push(`duplicate stage "${s.name}" (stages ${first} and ${position} have the same name)`);
      continue;
    }
    names.set(s.name, position);
    kept.push(p);
    const d = domains.get(s.domain);
    if (d !== undefined) problems.push(`stages "${d}" and "${s.name}" share the domain "${s.domain}"`);
    domains.set(s.domain, s.name);
    const own = new Set<string>();
    for (const e of s.environments) {
      if (own.has(e)) {
        problems.push(`stage "${s.name}" lists environment "${e}" twice`);
        continue;
      }
      own.add(e);
      const other = envs.get(e);
      if (other !== undefined) problems.push(`environment "${e}" is in two stages ("${other}" and "${s.name}")`);
      else envs.set(e, s.name);
    }
  }
  return kept;
}

function buildConfig(stages: Stage[], file: string | undefined, groups: Record<string, string[]>, freezes: FreezeWindow[]): PipelineConfig {
  const environments: Record<string, string> = {};
  for (const s of stages) for (const e of s.environments) environments[e] = s.name;
  return { ...(file ? { file } : {}), stages, environments, groups, freezes };
}

function defaultTask(name: string): string {
  return `Move to ${name}`;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

// --- lookups -----------------------------------------------------------------------------------------

/** The stage with this name, or whose Ortelius domain is this; undefined when none. */
export function findStage(config: PipelineConfig, nameOrDomain: string): Stage | undefined {
  return config.stages.find((s) => s.name === nameOrDomain) ?? config.stages.find((s) => s.domain === nameOrDomain);
}

/** Like findStage, but an unknown stage is an InvalidInputError (exit 2) naming the known ones. */
export function requireStage(config: PipelineConfig, nameOrDomain: string): Stage {
  const s = findStage(config, nameOrDomain);
  if (!s) {
    throw new InvalidInputError(`unknown stage "${nameOrDomain}"`, {
      hint: `stages: ${config.stages.map((x) => x.name).join(', ')}${config.file ? ` (from ${config.file})` : ' (default pipeline)'}`,
    });
  }
  return s;
}

/** Position of a stage in the pipeline (-1 when unknown). */
export function stageIndex(config: PipelineConfig, name: string): number {
  const s = findStage(config, name);
  return s ? config.stages.indexOf(s) : -1;
}

/**
 * The stage after `name` in the lifecycle (the first stage when `name` is undefined): the first stage in the
 * file whose `after` is `name`; undefined after the last one.
 */
export function nextStage(config: PipelineConfig, name: string | undefined): Stage | undefined {
  return successorsOf(config, name)[0];
}

/** The stage an environment belongs to; undefined when the environment is not in the config. */
export function stageOfEnvironment(config: PipelineConfig, environment: string): Stage | undefined {
  const name = config.environments[environment];
  return name === undefined ? undefined : findStage(config, name);
}

/** Like stageOfEnvironment, but an unknown environment is an InvalidInputError (exit 2). */
export function requireEnvironmentStage(config: PipelineConfig, environment: string): Stage {
  const s = stageOfEnvironment(config, environment);
  if (!s) {
    throw new InvalidInputError(`unknown environment "${environment}"`, {
      hint: `environments: ${Object.keys(config.environments).join(', ')}${config.file ? ` (from ${config.file})` : ' (default pipeline)'}`,
    });
  }
  return s;
}
