/**
 * Resolves a command's inputs from the input table: the given value > the first set env binding
 * (InputSpec.env) > the default; then type-checks every value (boolean only true/false, integers, enum
 * values, durations like 90s/15m/1h) and reports every bad or missing input at once.
 */
import type { Env } from '../host.js';
import { inputsFor, isRequired, type CommandName, type InputSpec } from '../inputs.js';
import { namePartProblem } from '../naming.js';
import type { ResolvedInputs } from './command-module.js';

export type RawInputs = Record<string, string | string[] | boolean | number | undefined>;

export const DEFAULT_TIMEOUT_MS = 30 * 60_000;

export interface ResolvedInputSet {
  values: Record<string, string | string[] | boolean | number | undefined>;
  /** Where each value came from (for messages and "was this given explicitly"). */
  sources: Record<string, 'given' | 'env' | 'default'>;
  problems: string[];
}

/**
 * Name parts no request() parses (naming.ts namePartProblem: no `;`, no control characters). The full names
 * (--component-name, --application) and --app-version are checked where naming.ts parses them.
 */
const NAME_INPUTS: readonly string[] = ['env', 'component-variant', 'component-version'];

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90s`, `15m`, `1h`, `7d`, `2w`, `500ms`, or a bare number of seconds -> milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/i.exec(text);
  if (!m) return undefined;
  const ms = Number(m[1]) * UNITS[(m[2] ?? 's').toLowerCase()];
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : undefined;
}

/** Reads a duration input (already milliseconds after resolution, or text), pushing a problem when bad. */
export function durationInput(inputs: ResolvedInputs, name: string, problems: string[]): number | undefined {
  const v = inputs[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v === 'number') return v;
  const ms = typeof v === 'string' ? parseDuration(v) : undefined;
  if (ms === undefined) problems.push(`--${name} must be a duration like 90s, 15m or 1h (got "${String(v)}")`);
  return ms;
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** The input specs a command accepts, CLI-only ones included (execute() ignores their values). */
export function specsOf(command: CommandName): InputSpec[] {
  return inputsFor(command, { includeCliOnly: true });
}

export function resolveInputs(command: CommandName, given: RawInputs, env: Env): ResolvedInputSet {
  const specs = specsOf(command);
  const byName = new Map(specs.map((s) => [s.name, s]));
  const problems: string[] = [];
  for (const key of Object.keys(given)) {
    if (!byName.has(key) && given[key] !== undefined) problems.push(`${command} does not take the input "${key}"`);
  }
  const values: ResolvedInputSet['values'] = {};
  const sources: ResolvedInputSet['sources'] = {};
  for (const spec of specs) {
    let raw: unknown = given[spec.name];
    let source: 'given' | 'env' | 'default' | undefined = isBlank(raw) ? undefined : 'given';
    if (!source) {
      const fromEnv = (spec.env ?? []).map((e) => env[e]).find((v) => !isBlank(v));
      if (fromEnv !== undefined) {
        raw = fromEnv;
        source = 'env';
      } else if (spec.default !== undefined) {
        raw = spec.default;
        source = 'default';
      }
    }
    if (!source) {
      if (isRequired(spec, command)) problems.push(`--${spec.name} is required`);
      continue;
    }
    const checked = checkValue(spec, raw, source === 'env' ? (spec.env ?? []).find((e) => !isBlank(env[e])) : undefined);
    if ('problem' in checked) {
      problems.push(checked.problem);
      continue;
    }
    if (NAME_INPUTS.includes(spec.name) && typeof checked.value === 'string') {
      // the value stays set: the request's own checks must not add "is required" for it
      const envName = source === 'env' ? (spec.env ?? []).find((e) => !isBlank(env[e])) : undefined;
      const problem = namePartProblem(checked.value.trim(), envName ? `${envName} (for --${spec.name})` : `--${spec.name}`);
      if (problem) problems.push(problem);
    }
    values[spec.name] = checked.value;
    sources[spec.name] = source;
  }
  return { values, sources, problems };
}

function checkValue(
  spec: InputSpec,
  raw: unknown,
  envName: string | undefined,
): { value: string | string[] | boolean | number } | { problem: string } {
  const label = envName ? `${envName} (for --${spec.name})` : `--${spec.name}`;
  const shown = (v: unknown) => JSON.stringify(v);
  switch (spec.type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      const s = String(Array.isArray(raw) ? raw[raw.length - 1] : raw).trim();
      if (s === 'true' || s === 'false') return { value: s === 'true' };
      // dh's Y/N (its pipelines and the orb pass "Y"): N means false here (dh took any value, even N, as true).
      if (s === 'Y' || s === 'y') return { value: true };
      if (s === 'N' || s === 'n') return { value: false };
      return { problem: `${label} must be true or false (got ${shown(s)})` };
    }
    case 'integer': {
      if (typeof raw === 'number' && Number.isInteger(raw)) return { value: raw };
      const s = String(Array.isArray(raw) ? raw[raw.length - 1] : raw).trim();
      if (/^-?\d+$/.test(s) && Number.isSafeInteger(Number(s))) return { value: Number(s) };
      return { problem: `${label} must be an integer (got ${shown(s)})` };
    }
    case 'enum': {
      const s = String(Array.isArray(raw) ? raw[raw.length - 1] : raw).trim();
      if (spec.values?.includes(s)) return { value: s };
      return { problem: `${label} must be one of ${(spec.values ?? []).join(', ')} (got ${shown(s)})` };
    }
    case 'duration': {
      if (typeof raw === 'number' && raw > 0) return { value: raw };
      const s = String(Array.isArray(raw) ? raw[raw.length - 1] : raw);
      const ms = parseDuration(s);
      if (ms !== undefined) return { value: ms };
      return { problem: `${label} must be a duration like 90s, 15m or 1h (got ${shown(s)})` };
    }
    case 'list': {
      const arr = Array.isArray(raw) ? raw : [raw];
      return { value: arr.filter((v) => !isBlank(v)).map((v) => String(v)) };
    }
    default: {
      if (Array.isArray(raw)) return { value: String(raw[raw.length - 1]) };
      if (typeof raw === 'boolean') return { problem: `${label} needs a value` };
      return { value: String(raw) };
    }
  }
}
