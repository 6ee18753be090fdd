// What the hook reports to Buildkite for one run, from the core's report: the annotation style (by verdict),
// the annotation (the markdown renderer) and the build meta-data (the outputs renderer, `shiplog-<name>` keys).
// Values come from the CLI's result, which the core has already redacted.
import { buildReport, escapeMarkdown, noResultReport, renderMarkdown, renderOutputs, type CommandName, type JsonResult, type Verdict } from '@shiplog/core/kit';

const STYLE: Record<Verdict, string> = { success: 'success', 'dry-run': 'info', blocked: 'warning', failed: 'error' };

/** Escapes text for an annotation (Buildkite renders markdown and HTML): the core's one markdown escaper. */
export const md = escapeMarkdown;

export function report(operation: string, exitCode: number, text: string): { style: string; annotation: string; metadata: [string, string][] } {
  let result: JsonResult | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object') result = parsed as JsonResult;
  } catch {
    result = undefined;
  }
  const op = operation as CommandName;
  const r = result ? buildReport(op, result) : noResultReport(op, exitCode);
  return { style: STYLE[r.verdict], annotation: renderMarkdown(r), metadata: renderOutputs(r, 'buildkite') };
}
