/**
 * The core's JSON result -> the step outputs declared in action-spec.ts (ACTION_OUTPUTS). Pure mapping.
 */
import { inputsFor, type OperationName } from '../../../core/src/inputs.js';
import { ACTION_ONLY_INPUTS, manifestOutputs } from './action-spec.js';

/** The one JSON object `shiplog --json` prints: `{ok:true, operation, ...}` or `{ok:false, error}`. */
export type JsonResult = Record<string, unknown> & { ok?: boolean };

export interface FailureInfo {
  code: string;
  message: string;
  exitCode: number;
  hint?: string;
}

const rec = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** `name` of an object field, or the field itself when the core gives a plain name. */
function nameOf(v: unknown): string | undefined {
  return str(v) ?? str(rec(v)?.name);
}

export function deploymentOf(result: JsonResult): Record<string, unknown> | undefined {
  return rec(result.deployment) ?? rec(rec(result.error)?.deployment);
}

export function failureOf(result: JsonResult): FailureInfo | undefined {
  if (result.ok !== false) return undefined;
  const e = rec(result.error) ?? {};
  return {
    code: str(e.code) ?? 'INTERNAL',
    message: str(e.message) ?? 'shiplog failed without a message',
    exitCode: typeof e.exitCode === 'number' ? e.exitCode : 1,
    hint: str(e.hint),
  };
}

/** Output name -> value, only for the outputs `op` declares and the result has. */
export function outputsFor(op: OperationName, result: JsonResult): Record<string, string> {
  const deployment = deploymentOf(result);
  const failure = failureOf(result);
  const values: Record<string, string | undefined> = {
    'component-version': nameOf(result.componentVersion),
    'app-version': nameOf(result.appVersion) ?? nameOf(deployment?.appVersion),
    'deployment-id': str(deployment?.id),
    'deployment-status': str(deployment?.status) ?? (failure?.code === 'DEPLOY_FAILED' ? 'failed' : undefined),
    result: JSON.stringify(result),
  };
  const out: Record<string, string> = {};
  for (const o of manifestOutputs(op)) {
    const v = values[o.name];
    if (v !== undefined) out[o.name] = v;
  }
  return out;
}

/** Where the action's inputs are documented (the hint of an input error). */
export const INPUTS_DOC = 'adapters/github-action/README.md, "Inputs and outputs"';

/**
 * An input error in the action's terms: the core names its inputs as CLI flags (`--timeout must be ...`,
 * `DEPLOY_ENV (for --env)`) and hints at `shiplog <op> --help`; the user of the action set inputs. Only
 * invalid-input errors (exit 2) are mapped, and only flags that are inputs of this action folder.
 */
export function inActionTerms(op: OperationName, result: JsonResult): JsonResult {
  const e = rec(result.error);
  if (result.ok !== false || !e || e.exitCode !== 2) return result;
  const names = new Set([...inputsFor(op).map((s) => s.name), ...ACTION_ONLY_INPUTS.filter((i) => i.operations.includes(op)).map((i) => i.name)]);
  const rename = (text: string): string =>
    text.replace(/--([a-z][a-z0-9-]*[a-z0-9])(?![\w-])/g, (flag, name: string) => (names.has(name) ? `input "${name}"` : flag));
  const error: Record<string, unknown> = { ...e };
  if (typeof e.message === 'string') error.message = rename(e.message);
  if (Array.isArray(e.problems)) error.problems = e.problems.map((p) => (typeof p === 'string' ? rename(p) : p));
  if (typeof e.hint === 'string') {
    error.hint = /^see shiplog [a-z-]+ --help$/.test(e.hint) ? `see the ${op} inputs in ${INPUTS_DOC}` : rename(e.hint);
  }
  return { ...result, error };
}
