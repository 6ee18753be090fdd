/**
 * resources/shiplog/report.mjs (this file bundled with @shiplog/core/kit): prints the build description line of
 * a shiplog result, the core's report drawn by its text renderer, and for a failure a second line: the message
 * the step fails with (a refused gate names every unmet rule). The steps append the first to
 * currentBuild.description: no Groovy decides what a result says. For apply it also writes the whole text report
 * to stderr, which the step's `sh` shows in the console (kit/step-report.ts jenkinsStepLines).
 *
 * Usage: node report.mjs --result FILE --operation OP --exit CODE (without --exit: failed when the result says so)
 */
import { readFileSync } from 'node:fs';
import { jenkinsStepLines } from '@shiplog/core/kit';

const argv = process.argv.slice(2);
const arg = (name: string) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
let text: string;
try {
  text = readFileSync(arg('--result') ?? '', 'utf8');
} catch {
  text = '';
}
const exit = arg('--exit');
const lines = jenkinsStepLines(arg('--operation'), text, exit === undefined ? undefined : Number(exit));
if (lines.console !== undefined) process.stderr.write(lines.console);
process.stdout.write(`${lines.description}\n${lines.failure !== undefined ? `${lines.failure}\n` : ''}`);
