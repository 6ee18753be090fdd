/**
 * `report: true` on an operation (kit/report-publishing.ts): once the operation has its outcome (success or
 * failure), the release dashboard is written as shiplog-report.html and shiplog-report.md by the `report`
 * command, with the operation's store and connection inputs, and the result gains `report` (the files, or why
 * there are none). The dashboard never changes the operation's exit code: a report that cannot be written is a
 * warning and `report.error`. Also the lineage a report of the operation draws (lineageAfter).
 */
import type { ExecuteOutcome } from '../execute.js';
import type { Host } from '../host.js';
import { inputsFor, type CommandName } from '../inputs.js';
import { appVersionOf, type JsonResult } from '../kit/outputs.js';
import { reportInputsFrom, type PublishedReport } from '../kit/report-publishing.js';

export type RunCommand = (command: CommandName, inputs: Record<string, unknown>) => Promise<ExecuteOutcome>;

export async function withReport(
  command: CommandName,
  inputs: Readonly<Record<string, unknown>>,
  host: Host,
  outcome: ExecuteOutcome,
  run: RunCommand,
): Promise<ExecuteOutcome> {
  const after = await run('report', reportInputsFrom(command, inputs));
  const r = after.result as { html?: PublishedReport['html']; markdown?: PublishedReport['markdown']; error?: { message?: string } };
  let report: PublishedReport;
  if (after.exitCode === 0) {
    report = {
      html: r.html ?? null,
      markdown: r.markdown ? { path: r.markdown.path, bytes: r.markdown.bytes, truncated: r.markdown.truncated } : null,
    };
    host.log.info(`shiplog: release dashboard written to ${report.html?.path ?? '-'}`);
  } else {
    const why = r.error?.message ?? 'unknown error';
    report = { html: null, markdown: null, error: why };
    host.log.warn(`the release dashboard was not written: ${why}`);
  }
  return { ...outcome, result: { ...outcome.result, report: host.redactor.redactValue(report) } };
}

/**
 * The application's lineage as Mermaid, for a report's diagram (the GitHub job summary draws it): the `graph`
 * query after a recorded operation, with the connection inputs both commands take. Undefined when there is none to
 * draw (a failure, a dry run, envscript, plan or apply, no application) or the query fails (said at debug level).
 */
export async function lineageAfter(
  command: CommandName,
  result: JsonResult,
  inputs: Readonly<Record<string, unknown>>,
  host: Host,
  run: RunCommand,
): Promise<string | undefined> {
  if (result.ok !== true || command === 'envscript' || command === 'plan' || command === 'apply' || result.dryRun === true)
    return undefined;
  const given = typeof inputs.application === 'string' && inputs.application.trim() !== '' ? inputs.application.trim() : undefined;
  const application = appVersionOf(result)?.split(';')[0] ?? given;
  if (!application) return undefined;
  // json: the Mermaid text comes back in the result only.
  const graphInputs: Record<string, unknown> = { application, json: 'true' };
  for (const spec of inputsFor('graph'))
    if (inputs[spec.name] !== undefined && spec.name !== 'application') graphInputs[spec.name] = inputs[spec.name];
  const { result: graph } = await run('graph', graphInputs);
  if (graph.ok === true && typeof graph.mermaid === 'string') return graph.mermaid;
  host.log.debug(`no lineage graph: ${String((graph.error as { message?: unknown } | undefined)?.message ?? 'no mermaid in the result')}`);
  return undefined;
}
