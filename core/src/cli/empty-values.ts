/**
 * A flag given an empty value where a path or a store is expected (`--output "$GITHUB_ENV"` with the variable
 * unset) is a mistake, not "use the default": without this check the empty value reads as "not given" and, for
 * envscript, the script silently goes to stdout instead. The CLI refuses it (exit 2, nothing written). Adapters
 * pass empty strings for inputs left unset, so this is the CLI's rule, checked on the flags actually typed.
 */
import { inputsFor, type CommandName } from '../inputs.js';

/** Inputs whose value names a file, a directory or a store. */
export const PATH_INPUTS: readonly string[] = ['output', 'toml', 'config', 'state-dir', 'ca-cert', 'log-file', 'store'];

/** One problem per path flag given empty (or only blanks), in input-table order. */
export function emptyPathProblems(command: CommandName, given: Readonly<Record<string, unknown>>): string[] {
  return inputsFor(command, { includeCliOnly: true })
    .filter((s) => PATH_INPUTS.includes(s.name))
    .filter((s) => typeof given[s.name] === 'string' && (given[s.name] as string).trim() === '')
    .map((s) => `--${s.name} is empty: give a path, or leave the flag out for the default`);
}
