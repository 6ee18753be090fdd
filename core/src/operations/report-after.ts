/**
 * `report: true` on an operation (kit/report-publishing.ts): once the operation has its outcome (success or
 * failure), the release dashboard is written as shiplog-report.html and shiplog-report.md by the `report`
 * command, with the operation's store and connection inputs, and the result gains `report` (the files, or why
 * there are none). The dashboard never changes the operation's exit code: a report that cannot be written is a
 * warning and `report.error`.
 */
import type { ExecuteOutcome } from '../execute.js';
import type { Host } from '../host.js';
import type { CommandName } from '../inputs.js';
import { reportInputsFrom, type PublishedReport } from '../kit/report-publishing.js';

export type RunCommand = (command: CommandName, inputs: Record<string, unknown>) => Promise<ExecuteOutcome>;

export async function withReport(command: CommandName, inputs: Readonly<Record<string, unknown>>, host: Host, outcome: ExecuteOutcome, run: RunCommand): Promise<ExecuteOutcome> {
  const after = await run('report', reportInputsFrom(command, inputs));
  const r = after.result as { html?: PublishedReport['html']; markdown?: PublishedReport['markdown']; error?: { message?: string } };
  let report: PublishedReport;
  if (after.exitCode === 0) {
    report = { html: r.html ?? null, markdown: r.markdown ? { path: r.markdown.path, bytes: r.markdown.bytes, truncated: r.markdown.truncated } : null };
    host.log.info(`shiplog: release dashboard written to ${report.html?.path ?? '-'}`);
  } else {
    const why = r.error?.message ?? 'unknown error';
    report = { html: null, markdown: null, error: why };
    host.log.warn(`the release dashboard was not written: ${why}`);
  }
  return { ...outcome, result: { ...outcome.result, report: host.redactor.redactValue(report) } };
}
