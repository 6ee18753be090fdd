/**
 * Filters are never silent (issue 17 item 3): a query's filter taken from an environment variable (DEPLOY_ENV,
 * COMPONENT_NAME, COMPONENT_APPLICATION, left behind by an earlier dh-style step) is named on stderr and in the
 * result's `filters`; `--ignore-env-filters` makes the query ignore those variables.
 */
import type { Env } from '../host.js';
import { QUERIES, inputsFor, type CommandName } from '../inputs.js';
import type { ResolvedInputSet } from './input-resolution.js';

/** The query inputs that narrow the answer. */
export const FILTER_INPUTS: readonly string[] = ['env', 'application', 'component-name'];

export interface AppliedFilter {
  input: string;
  value: string;
  /** `flag`: given (CLI flag or adapter input); `env`: from `variable`. */
  source: 'flag' | 'env';
  variable?: string;
}

export function isQueryCommand(command: CommandName): boolean {
  return (QUERIES as readonly string[]).includes(command);
}

function filterSpecs(command: CommandName) {
  return inputsFor(command, { includeCliOnly: true }).filter((s) => FILTER_INPUTS.includes(s.name));
}

/** The environment the inputs are resolved from: without the filter variables under --ignore-env-filters. */
export function resolutionEnv(command: CommandName, given: Record<string, unknown>, env: Env): Env {
  const ignore = given['ignore-env-filters'];
  if (!isQueryCommand(command) || (ignore !== true && ignore !== 'true')) return env;
  const drop = new Set(filterSpecs(command).flatMap((s) => s.env ?? []));
  return Object.fromEntries(Object.entries(env).filter(([k]) => !drop.has(k)));
}

/** Every filter a query applies, and where it came from (empty for the other commands). */
export function appliedFilters(command: CommandName, resolved: ResolvedInputSet, env: Env): AppliedFilter[] {
  if (!isQueryCommand(command)) return [];
  const out: AppliedFilter[] = [];
  for (const spec of filterSpecs(command)) {
    const value = resolved.values[spec.name];
    const source = resolved.sources[spec.name];
    if (typeof value !== 'string' || (source !== 'given' && source !== 'env')) continue;
    if (source === 'given') out.push({ input: spec.name, value, source: 'flag' });
    else {
      const variable = (spec.env ?? []).find((e) => env[e] !== undefined && env[e]!.trim() !== '');
      out.push({ input: spec.name, value, source: 'env', ...(variable ? { variable } : {}) });
    }
  }
  return out;
}

/** The stderr line for a filter taken from the environment. */
export function envFilterNote(f: AppliedFilter): string {
  return `filtered by ${f.variable}=${f.value} from the environment (--${f.input} to change, --ignore-env-filters to ignore)`;
}
