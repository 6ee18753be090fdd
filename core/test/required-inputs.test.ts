/**
 * A command run without its required inputs names each missing one exactly once (execute() checks the input
 * table's required flags, and the command's request() may check them again: the two must not both show).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS, inputsFor, isRequired } from '../src/inputs.js';
import { makeRepo, type TestRepo } from './execute-fixtures.js';

let repo: TestRepo;
afterEach(() => repo?.cleanup());

const WITH_REQUIRED = COMMANDS.filter((c) => inputsFor(c).some((i) => isRequired(i, c)));
/** Problems a command adds for inputs of which one is needed (not required each): check-gate's --to or --env. */
const ONE_OF: Partial<Record<string, RegExp>> = { 'check-gate': /--to\b.*--env\b/ };
/** Problems a command reports besides its missing required flags when run without any (all at once). */
const OTHER_PROBLEMS: Partial<Record<string, string[]>> = { 'state-set': ['give the value with exactly one of --value or --from-json'] };

describe('missing required inputs', () => {
  it('the table covers the commands with required inputs', () => {
    expect(WITH_REQUIRED).toEqual([
      'move',
      'approve',
      'deploy',
      'diff',
      'graph',
      'show',
      'check-gate',
      'store-copy',
      'state-set',
      'state-get',
    ]);
  });

  it.each(WITH_REQUIRED)('%s without flags: exit 2, each required flag named once', async (command) => {
    repo = makeRepo({}, { git: false });
    const r = await repo.run(command);
    expect(r.exitCode).toBe(2);
    const error = r.result.error as { message: string; problems?: string[] };
    const problems = error.problems ?? [error.message];
    const required = inputsFor(command)
      .filter((i) => isRequired(i, command))
      .map((i) => `--${i.name}`);
    for (const flag of required) {
      const naming = problems.filter((p) => p.split(/[\s,;:()]+/).includes(flag));
      expect(naming, `${command}: ${problems.join('; ')}`).toHaveLength(1);
    }
    const oneOf = ONE_OF[command];
    const other = (p: string) => (oneOf?.test(p) ?? false) || (OTHER_PROBLEMS[command]?.includes(p) ?? false);
    expect(problems.filter((p) => !other(p))).toHaveLength(required.length);
    if (oneOf) expect(problems.filter((p) => oneOf.test(p))).toHaveLength(1);
  });
});
