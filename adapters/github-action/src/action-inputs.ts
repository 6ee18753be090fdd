/**
 * Runner inputs (INPUT_<NAME>, read with core.getInput) -> the core's raw inputs and the action's own inputs,
 * through the kit's table reader: no parsing or validation here, the core reports every problem at once.
 */
import {
  ADAPTER_COMMANDS,
  ADAPTER_REFS,
  InvalidInputError,
  readPlatformInputs,
  type AdapterCommandName,
  type RawInputs,
} from '@shiplog/core';

/** Reads one input's raw value ('' when absent), e.g. @actions/core's getInput. */
export type ReadInput = (name: string) => string;

/** A bad action input: exit 2, as every invalid input. */
export { InvalidInputError as ActionInputError };

/** The hidden input that tells the shared bundle which operation its folder runs. */
export const OPERATION_INPUT = 'operation';

/** The core inputs of `op` that were given, lists split one item per line. */
export function coreInputs(op: AdapterCommandName, read: ReadInput): RawInputs {
  return readPlatformInputs('github', op, read).inputs;
}

/** The operation of this action folder (the hidden `operation` input its action.yml defaults). */
export function operationOf(read: ReadInput): AdapterCommandName {
  const op = read(OPERATION_INPUT).trim();
  if ((ADAPTER_COMMANDS as readonly string[]).includes(op)) return op as AdapterCommandName;
  throw new InvalidInputError(
    `input "${OPERATION_INPUT}" must be one of ${ADAPTER_COMMANDS.join(', ')} (got "${op}"); use one of the action folders, e.g. uses: ${ADAPTER_REFS.githubAction('deploy')}`,
  );
}

/** The GitHub-only inputs of `op` (github-token, environment-url, ...), defaults applied. */
export interface GithubOptions {
  githubToken?: string;
  environmentUrl?: string;
  transientEnvironment: boolean;
  exportEnv: boolean;
}

/** With `problems`, a bad value is added there (reported with the core's) and read as false; without, it throws. */
export function githubOptions(op: AdapterCommandName, read: ReadInput, problems?: string[]): GithubOptions {
  const { own, problems: found } = readPlatformInputs('github', op, read);
  if (found.length > 0 && !problems) throw new InvalidInputError(found[0]);
  problems?.push(...found);
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    githubToken: text(own['github-token']),
    environmentUrl: text(own['environment-url']),
    transientEnvironment: own['transient-environment'] === true,
    exportEnv: own['export-env'] === true,
  };
}
