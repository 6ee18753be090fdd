/**
 * What the adapters that run the CLI show of its result on their platform, from the one report model: CircleCI's
 * step output (the text report) and the outputs a later step of the job branches on (exported through $BASH_ENV),
 * the Jenkins lines (the build description, and the failure message that names each unmet rule), and Buildkite's
 * annotation (style and markdown) and build meta-data, and the GitHub Action's outputs, job summary, annotations and
 * failure message (the action runs the core in process and hands over the Report). The CLI bundle exports circleciStepReport (cli/bin.ts) so
 * the orb's run.sh needs nothing but the verified bundle.
 */
import { toShiplogError } from '../errors.js';
import type { CommandName } from '../inputs.js';
import { buildReport, noResultReport } from '../report/build.js';
import { gateAnnotations, ruleLine, type GateAnnotation } from '../report/gate-verdict.js';
import { RESULT_SCHEMA_VERSION } from '../result-version.js';
import type { Report } from '../report/model.js';
import { renderOutputs } from '../report/outputs.js';
import { renderMarkdown } from '../report/markdown.js';
import type { Verdict } from '../report/model.js';
import { renderHeadline, renderText, plainLine } from '../report/text.js';
import type { JsonResult } from './outputs.js';
import { jobSummaryWithReport } from './report-publishing.js';

/** A result as the CLI printed it (`--json`), or undefined when it printed no JSON object. */
export function parseResult(resultText: string): JsonResult | undefined {
  try {
    const parsed: unknown = JSON.parse(resultText);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as JsonResult;
  } catch {
    /* no result */
  }
  return undefined;
}

function reportOf(operation: string | undefined, resultText: string, exitCode: number): Report {
  const op = (operation || undefined) as CommandName | undefined;
  const result = parseResult(resultText);
  return result ? buildReport(op, result) : noResultReport(op, exitCode);
}

/** A value for `export NAME=...` in a file bash sources: single-quoted, quotes escaped. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * CircleCI: the text report for the step output, and `export SHIPLOG_GATE_PASSED='false'`-style lines for $BASH_ENV
 * (kit/outputs.ts names them), so a later step of the same job can branch on the verdict.
 */
export function circleciStepReport(operation: string | undefined, resultText: string, exitCode = 1): { text: string; bashEnv: string } {
  const report = reportOf(operation, resultText, exitCode);
  const bashEnv = renderOutputs(report, 'circleci')
    .map(([name, value]) => `export ${name}=${shellQuote(value)}\n`)
    .join('');
  return { text: renderText(report), bashEnv };
}

/**
 * Jenkins: the build description (the headline), and when the step fails (a non-zero exit, or an error) the message
 * it fails with: a refused gate names every unmet rule and its next step, else the error's own message, else `exit N`;
 * a result that is ok with its own exit code (a plan with changes) gives its headline. For apply also the whole text
 * report for the console (the table of the deployments it made, failed or did not start; plan's table is already
 * there: the CLI prints it).
 */
export function jenkinsStepLines(
  operation: string | undefined,
  resultText: string,
  exitCode: number | undefined,
): { description: string; failure?: string; console?: string } {
  // Without the CLI's exit code (a caller that has only the result file), the result says whether it failed.
  const parsed = parseResult(resultText);
  const errorExit = (parsed?.error as { exitCode?: unknown } | undefined)?.exitCode;
  exitCode ??= typeof errorExit === 'number' ? errorExit : parsed && parsed.ok !== false && !parsed.error ? 0 : 1;
  const report = reportOf(operation, resultText, exitCode);
  const description = renderHeadline(report);
  const console = operation === 'apply' ? { console: renderText(report) } : {};
  if (!report.error && exitCode === 0) return { description, ...console };
  const rules = report.gate?.passed === false ? report.gate.rules.map(ruleLine) : [];
  // The error's own message, when it has one.
  const message = (report.result.error as { message?: unknown } | undefined)?.message;
  const failure =
    rules.length > 0
      ? `refused by the release policy: ${rules.join('; ')}`
      : typeof message === 'string' && message.trim() !== ''
        ? message
        : report.error
          ? `exit ${exitCode}`
          : description;
  return { description, failure: plainLine(failure), ...console };
}

/** Buildkite's annotation style of each verdict. */
const BUILDKITE_STYLE: Readonly<Record<Verdict, string>> = { success: 'success', 'dry-run': 'info', blocked: 'warning', failed: 'error' };

/**
 * Buildkite: the annotation (its style by verdict, the markdown renderer) and the build meta-data (the outputs
 * renderer, `shiplog-<name>` keys) of one run. Values come from the CLI's result, which the core has already redacted.
 */
export function buildkiteStepReport(
  operation: string,
  resultText: string,
  exitCode: number,
): { style: string; annotation: string; metadata: [string, string][] } {
  const report = reportOf(operation, resultText, exitCode);
  return { style: BUILDKITE_STYLE[report.verdict], annotation: renderMarkdown(report), metadata: renderOutputs(report, 'buildkite') };
}

/** The result of a step that failed outside the core (a bad operation input, the runner's files): `{ok: false, schemaVersion, error}`. */
export function failureResult(operation: CommandName | undefined, err: unknown): JsonResult {
  return { ok: false, ...(operation ? { operation } : {}), schemaVersion: RESULT_SCHEMA_VERSION, error: toShiplogError(err).toJSON() };
}

/**
 * GitHub Actions: the step outputs (the outputs renderer, GitHub's names; `result` alone when the step failed before
 * its operation was known), the job summary (markdown with its
 * Mermaid diagrams; with `report: true` the dashboard's markdown after it, under GitHub's 1 MiB limit, or one line
 * pointing at `dashboard.where`), one error annotation per unmet rule of a refused gate, and the message the step
 * fails with: the error's own, with its next step as a hint, or, for a result that is ok with its own exit code (a
 * plan with changes), its headline.
 */
export function githubStepReport(
  report: Report,
  exitCode: number,
  dashboard?: { markdown?: string; where: { name: string; href?: string } },
): { outputs: [string, string][]; summary: string; annotations: GateAnnotation[]; failure?: string } {
  const own = renderMarkdown(report, { diagrams: true });
  const e = report.error;
  const failure = e
    ? report.nextStep
      ? `${e.message} (hint: ${report.nextStep})`
      : e.message
    : exitCode !== 0
      ? `${report.headline} (exit ${exitCode}; pass-on-changes: true passes the step)`
      : undefined;
  return {
    // `result` is set on every step, also one that failed before its operation was known.
    outputs: report.command ? renderOutputs(report, 'github') : [['result', JSON.stringify(report.result)]],
    summary: dashboard ? jobSummaryWithReport(own, dashboard.markdown, dashboard.where) : own,
    annotations: gateAnnotations(report.gate),
    ...(failure !== undefined ? { failure } : {}),
  };
}
