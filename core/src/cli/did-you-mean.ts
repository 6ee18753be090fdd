/**
 * "did you mean" for an unknown flag: the command's flag (or dh alias) nearest to what was typed, when it is
 * close enough to be a typo (edit distance at most 2, and at most a third of the word). Only a hint: the command
 * still exits 2 and nothing runs.
 */
import { closest, distance } from 'fastest-levenshtein';
import { INPUTS, type CommandName } from '../inputs.js';

export function suggestFlag(typed: string, command: CommandName): string | undefined {
  const names = [...new Set(INPUTS.filter((i) => i.commands.includes(command)).flatMap((i) => [i.name, ...(i.aliases ?? [])])), 'help'];
  if (names.length === 0) return undefined;
  const best = closest(typed, names);
  const d = distance(typed, best);
  return d > 0 && d <= 2 && d <= Math.max(1, Math.floor(typed.length / 3)) ? `--${best}` : undefined;
}
