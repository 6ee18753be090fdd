/**
 * Vitest setup file (vitest.config.ts `setupFiles`): every result a test gets from execute() (the CLI in-process,
 * the adapters, the core directly) and every JSON document the in-process CLI prints is validated against its
 * schema in schemas/ (result-schemas.ts). A result that does not conform fails the test that produced it, after
 * it ran (afterEach), naming the command and every problem. The wrappers change nothing else: the same outcome,
 * the same printed text.
 */
import { afterEach, vi } from 'vitest';
import { validateResult } from './result-schemas.js';

const failures = vi.hoisted(() => [] as string[]);

function check(where: string, result: unknown): void {
  const problems = validateResult(result);
  if (problems.length === 0) return;
  const op = (result as { operation?: unknown })?.operation;
  failures.push(
    `${where} result${typeof op === 'string' ? ` of ${op}` : ''} does not match its schema:\n  ${problems.join('\n  ')}\n  result: ${JSON.stringify(result).slice(0, 2000)}`,
  );
}

vi.mock('../../src/execute.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/execute.js')>();
  const execute = async (...args: Parameters<typeof original.execute>) => {
    const outcome = await original.execute(...args);
    check('execute()', outcome.result);
    return outcome;
  };
  // result-schemas.test.ts asserts that this wrapper is what the tests run
  return { ...original, execute: Object.assign(execute, { validatesResults: true }) };
});

vi.mock('../../src/cli/output.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/cli/output.js')>();
  return {
    ...original,
    printJson: (...args: Parameters<typeof original.printJson>) => {
      check('printed', args[1]);
      return original.printJson(...args);
    },
  };
});

afterEach(() => {
  const found = failures.splice(0);
  if (found.length > 0) throw new Error(found.join('\n'));
});
