/**
 * The pipeline config (shiplog.toml): the ordered stages an application version moves through, which of
 * them need an approval, the Ortelius domain and move task of each, and the environments that belong to it.
 *
 * ```toml
 * [[stage]]
 * name = "prod"
 * approval = true                  # moving INTO prod needs an approval for prod
 * environments = ["prod-eu", "prod-us"]
 * domain = "GLOBAL.Acme.prod"      # Ortelius domain (default: the name)
 * task = "Move to prod"            # default: "Move to <name>"
 * ```
 * A missing file gives the default dev -> qa -> prod (prod gated; one environment per stage, same name).
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { parse as parseToml } from 'smol-toml';
import { ConfigError, InvalidInputError } from './errors.js';
export const DEFAULT_PIPELINE_FILE = 'shiplog.toml';
const STAGE_KEYS = new Set(['name', 'approval', 'environments', 'domain', 'task']);
/** The built-in pipeline: dev -> qa -> prod, prod gated. */
export function defaultPipelineConfig() {
    return buildConfig([
        { name: 'dev', requiresApproval: false, environments: ['dev'] },
        { name: 'qa', requiresApproval: false, environments: ['qa'] },
        { name: 'prod', requiresApproval: true, environments: ['prod'] },
    ].map((s) => ({ ...s, domain: s.name, task: defaultTask(s.name) })), undefined);
}
/**
 * Reads the pipeline config. `file` is resolved against host.cwd; when it is undefined, `shiplog.toml`
 * is used if present, else the default pipeline. A file named explicitly must exist.
 * Every problem in the file is reported at once (ConfigError, exit 2).
 */
export async function loadPipelineConfig(host, file) {
    const explicit = file !== undefined && file !== '';
    const full = path.resolve(host.cwd, explicit ? file : DEFAULT_PIPELINE_FILE);
    let text;
    try {
        text = await readFile(full, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT' && !explicit)
            return defaultPipelineConfig();
        throw new ConfigError(`cannot read pipeline config ${full}: ${err.message}`, {
            hint: 'pass --config <file>, or remove it to use the default dev -> qa -> prod pipeline',
        });
    }
    return parsePipelineConfig(text, full);
}
/** Parses and validates shiplog.toml text. */
export function parsePipelineConfig(text, file) {
    let doc;
    try {
        doc = parseToml(text);
    }
    catch (err) {
        throw new ConfigError(`${file} is not valid TOML: ${firstLine(err.message)}`);
    }
    const problems = [];
    for (const key of Object.keys(doc)) {
        // [store] is read by backend/store-config.ts.
        if (key !== 'stage' && key !== 'store')
            problems.push(`unknown key "${key}" (expected [[stage]] tables)`);
    }
    const raw = doc.stage;
    // Every stage with a usable name takes part in the uniqueness checks, even when another of its keys is bad,
    // so that one error lists every problem of the file.
    const parsed = [];
    if (raw === undefined) {
        problems.push('no stages: the file has no [[stage]] tables');
    }
    else if (!Array.isArray(raw)) {
        problems.push('"stage" must be an array of tables ([[stage]])');
    }
    else if (raw.length === 0) {
        problems.push('no stages: "stage" is an empty list (add [[stage]] tables)');
    }
    else {
        raw.forEach((entry, i) => {
            const stage = parseStage(entry, i, problems);
            if (stage)
                parsed.push(stage);
        });
    }
    checkUnique(parsed, problems);
    if (problems.length > 0) {
        const msg = problems.length === 1 ? problems[0] : `${problems.length} problems: ${problems.join('; ')}`;
        throw new ConfigError(`pipeline config ${file}: ${msg}`, { problems });
    }
    return buildConfig(parsed.map((p) => p.stage), file);
}
/**
 * Checks one [[stage]] table, pushing a problem for each bad key. Returns the stage (bad optional keys
 * replaced by their defaults) whenever its name is usable, for the checks across stages.
 */
function parseStage(entry, i, problems) {
    const where = `stage ${i + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        problems.push(`${where} is not a table`);
        return undefined;
    }
    const t = entry;
    const name = t.name;
    const named = typeof name === 'string' && name.trim() !== '';
    const label = named ? `stage "${name}"` : where;
    for (const key of Object.keys(t)) {
        if (!STAGE_KEYS.has(key))
            problems.push(`${label}: unknown key "${key}" (known: ${[...STAGE_KEYS].join(', ')})`);
    }
    if (!named)
        problems.push(`${where}: "name" must be a non-empty string`);
    if (t.approval !== undefined && typeof t.approval !== 'boolean')
        problems.push(`${label}: "approval" must be true or false`);
    const text = {};
    for (const key of ['domain', 'task']) {
        const v = t[key];
        if (v === undefined)
            continue;
        if (typeof v === 'string' && v.trim() !== '')
            text[key] = v.trim();
        else
            problems.push(`${label}: "${key}" must be a non-empty string`);
    }
    const envs = t.environments;
    const envsOk = envs === undefined || (Array.isArray(envs) && envs.every((e) => typeof e === 'string' && e.trim() !== ''));
    if (!envsOk)
        problems.push(`${label}: "environments" must be a list of non-empty strings`);
    if (!named)
        return undefined;
    const n = name.trim();
    return {
        position: i + 1,
        stage: {
            name: n,
            domain: text.domain ?? n,
            requiresApproval: t.approval === true,
            task: text.task ?? defaultTask(n),
            environments: envs === undefined || !envsOk ? [n] : envs.map((e) => e.trim()),
        },
    };
}
/**
 * Stage names, Ortelius domains and environments must each be unique. A stage whose name repeats an earlier
 * one is reported once as a duplicate; its domain and environments are not compared again (they would only
 * repeat the same mistake under another message).
 */
function checkUnique(parsed, problems) {
    const names = new Map();
    const domains = new Map();
    const envs = new Map();
    for (const { stage: s, position } of parsed) {
        const first = names.get(s.name);
        if (first !== undefined) {
            problems.push(`duplicate stage "${s.name}" (stages ${first} and ${position} have the same name)`);
            continue;
        }
        names.set(s.name, position);
        const d = domains.get(s.domain);
        if (d !== undefined)
            problems.push(`stages "${d}" and "${s.name}" share the domain "${s.domain}"`);
        domains.set(s.domain, s.name);
        const own = new Set();
        for (const e of s.environments) {
            if (own.has(e)) {
                problems.push(`stage "${s.name}" lists environment "${e}" twice`);
                continue;
            }
            own.add(e);
            const other = envs.get(e);
            if (other !== undefined)
                problems.push(`environment "${e}" is in two stages ("${other}" and "${s.name}")`);
            else
                envs.set(e, s.name);
        }
    }
}
function buildConfig(stages, file) {
    const environments = {};
    for (const s of stages)
        for (const e of s.environments)
            environments[e] = s.name;
    return { ...(file ? { file } : {}), stages, environments };
}
function defaultTask(name) {
    return `Move to ${name}`;
}
function firstLine(s) {
    return s.split('\n')[0].trim();
}
// --- lookups -----------------------------------------------------------------------------------------
/** The stage with this name, or whose Ortelius domain is this; undefined when none. */
export function findStage(config, nameOrDomain) {
    return config.stages.find((s) => s.name === nameOrDomain) ?? config.stages.find((s) => s.domain === nameOrDomain);
}
/** Like findStage, but an unknown stage is an InvalidInputError (exit 2) naming the known ones. */
export function requireStage(config, nameOrDomain) {
    const s = findStage(config, nameOrDomain);
    if (!s) {
        throw new InvalidInputError(`unknown stage "${nameOrDomain}"`, {
            hint: `stages: ${config.stages.map((x) => x.name).join(', ')}${config.file ? ` (from ${config.file})` : ' (default pipeline)'}`,
        });
    }
    return s;
}
/** Position of a stage in the pipeline (-1 when unknown). */
export function stageIndex(config, name) {
    const s = findStage(config, name);
    return s ? config.stages.indexOf(s) : -1;
}
/** The stage after `name` (the first stage when `name` is undefined); undefined after the last one. */
export function nextStage(config, name) {
    if (name === undefined)
        return config.stages[0];
    const i = stageIndex(config, name);
    return i < 0 ? undefined : config.stages[i + 1];
}
/** The stage an environment belongs to; undefined when the environment is not in the config. */
export function stageOfEnvironment(config, environment) {
    const name = config.environments[environment];
    return name === undefined ? undefined : findStage(config, name);
}
/** Like stageOfEnvironment, but an unknown environment is an InvalidInputError (exit 2). */
export function requireEnvironmentStage(config, environment) {
    const s = stageOfEnvironment(config, environment);
    if (!s) {
        throw new InvalidInputError(`unknown environment "${environment}"`, {
            hint: `environments: ${Object.keys(config.environments).join(', ')}${config.file ? ` (from ${config.file})` : ' (default pipeline)'}`,
        });
    }
    return s;
}
