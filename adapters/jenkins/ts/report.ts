/**
 * resources/shiplog/report.mjs (this file bundled with @shiplog/core/kit): prints the build description line of
 * a shiplog result, the core's report drawn by its text renderer. The steps append it to
 * currentBuild.description: no Groovy decides what a result says. For apply it also writes the whole text report
 * to stderr, which the step's `sh` shows in the console: the table of the deployments it made, failed or did not
 * start (plan's table is already there: the CLI prints it).
 *
 * Usage: node report.mjs --result FILE --operation OP --exit CODE
 */
import { readFileSync } from 'node:fs';
import { buildReport, noResultReport, renderHeadline, renderText, type CommandName, type JsonResult } from '@shiplog/core/kit';

const argv = process.argv.slice(2);
const arg = (name: string) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
const op = (arg('--operation') || undefined) as CommandName | undefined;
let result: unknown;
try {
  result = JSON.parse(readFileSync(arg('--result') ?? '', 'utf8'));
} catch {
  result = undefined;
}
const report = result !== null && typeof result === 'object' ? buildReport(op, result as JsonResult) : noResultReport(op, Number(arg('--exit') ?? 1));
if (op === 'apply') process.stderr.write(renderText(report));
process.stdout.write(`${renderHeadline(report)}\n`);
