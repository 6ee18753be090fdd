/**
 * Runner inputs -> the core's raw inputs. The runner passes every input as INPUT_<NAME> (upper-cased, hyphens
 * kept); an empty value means "not given", so the core can still fall back to its env bindings and defaults.
 * No parsing or validation here: the core validates and reports every problem at once.
 */
import { inputsFor, OPERATIONS, type OperationName } from '../../../core/src/inputs.js';
import { ACTION_ONLY_INPUTS, OPERATION_INPUT } from './action-spec.js';

/** Reads one input's raw value ('' when absent), e.g. @actions/core's getInput. */
export type ReadInput = (name: string) => string;

export type RawInputs = Record<string, string | string[]>;

/** The core inputs of `op` that were given, lists split one item per line. */
export function coreInputs(op: OperationName, read: ReadInput): RawInputs {
  const out: RawInputs = {};
  for (const spec of inputsFor(op)) {
    const raw = read(spec.name);
    if (spec.type === 'list') {
      const items = raw
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (items.length > 0) out[spec.name] = items;
    } else if (raw.trim() !== '') {
      out[spec.name] = raw.trim();
    }
  }
  return out;
}

export class ActionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionInputError';
  }
}

/** The operation of this action folder (the hidden `operation` input its action.yml defaults). */
export function operationOf(read: ReadInput): OperationName {
  const op = read(OPERATION_INPUT).trim();
  if ((OPERATIONS as readonly string[]).includes(op)) return op as OperationName;
  throw new ActionInputError(
    `input "${OPERATION_INPUT}" must be one of ${OPERATIONS.join(', ')} (got "${op}"); use one of the action folders, e.g. uses: <owner>/<repo>/adapters/github-action/deploy@v1`,
  );
}

/** The GitHub-only inputs of `op` (github-token, environment-url, ...), defaults applied. */
export interface GithubOptions {
  githubToken?: string;
  environmentUrl?: string;
  transientEnvironment: boolean;
  exportEnv: boolean;
}

/**
 * With `problems`, a bad value is added there (to be reported with the core's problems, all at once) and read as
 * false; without it, it throws ActionInputError.
 */
export function githubOptions(op: OperationName, read: ReadInput, problems?: string[]): GithubOptions {
  const bool = (name: string, raw: string | undefined): boolean => {
    try {
      return parseBool(name, raw);
    } catch (err) {
      if (!problems || !(err instanceof ActionInputError)) throw err;
      problems.push(err.message);
      return false;
    }
  };
  const value = (name: string): string | undefined => {
    const spec = ACTION_ONLY_INPUTS.find((i) => i.name === name);
    if (!spec || !spec.operations.includes(op)) return undefined;
    const raw = read(name).trim();
    return raw !== '' ? raw : spec.default;
  };
  return {
    githubToken: value('github-token'),
    environmentUrl: value('environment-url'),
    transientEnvironment: bool('transient-environment', value('transient-environment')),
    exportEnv: bool('export-env', value('export-env')),
  };
}

/** YAML 1.2 core-schema booleans, as the runner documents them for action inputs. */
function parseBool(name: string, raw: string | undefined): boolean {
  if (raw === undefined) return false;
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new ActionInputError(`input "${name}" must be true or false (got "${raw}")`);
}
