/**
 * What the CLI prints for an outcome: a query's product on stdout, other human summaries (or the error line and
 * hint) on stderr, and with --json exactly one JSON object on stdout.
 */
import { debugStack } from '../errors.js';
import type { ExecuteOutcome } from '../execute.js';
import type { Host } from '../host.js';
import type { AnyCommandModule } from '../operations/registry.js';
import { renderDeployment, type DeploymentSummary } from '../operations/deployment-flow.js';
import type { OutputOptions } from './output-options.js';
import { formatTable, type TableFormat } from './table-format.js';

/**
 * `stdoutJson` writes the --json document as is (the CLI's raw stdout). It must not be host.stdout: the
 * Host redacts text, and text redaction of a JSON document breaks it when a secret is a JSON word (`null`) or
 * meets an escape sequence; here every string of the value is redacted before it is serialized instead.
 *
 * A query's table is its product: stdout, in the --format asked for (with --json only the JSON is printed). The
 * other commands' human summary is a diagnostic: stderr, also with --json (graph writes its Mermaid itself).
 */
export function printOutcome(
  host: Host,
  mod: AnyCommandModule | undefined,
  outcome: ExecuteOutcome,
  out: OutputOptions,
  stdoutJson: (text: string) => void,
): void {
  const { result } = outcome;
  const json = out.format === 'json';
  // A successful result with its own exit code (plan: 1 when there is work) still prints as a success.
  if ((outcome.exitCode === 0 || result.ok === true) && mod) {
    if (out.format === 'html' && typeof result.html === 'string') {
      // status --format html: the dashboard page, already drawn from the redacted model
      host.stdout(result.html);
    } else if (mod.table) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const r = json ? undefined : formatTable(mod.table(result as any), out.format as TableFormat, out.table);
      if (r?.stdout) host.stdout(r.stdout);
      if (r?.stderr) host.stderr(r.stderr);
    } else {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const text = mod.render(result as any);
      if (text) host.stderr(`${text}\n`);
    }
  } else {
    const deployment = result.deployment as DeploymentSummary | undefined;
    if (deployment && deployment.id !== null) host.stderr(`${renderDeployment(deployment)}\n`);
    printError(host, result.error as { message: string; hint?: string } | undefined, outcome.error);
  }
  if (json) printJson(host, result, stdoutJson);
}

/** One JSON document on one line: every string and key redacted on its own, then serialized. */
export function printJson(host: Host, value: unknown, stdoutJson: (text: string) => void): void {
  stdoutJson(`${JSON.stringify(host.redactor.redactValue(value))}\n`);
}

export function printError(host: Host, error: { message: string; hint?: string } | undefined, cause?: unknown): void {
  host.stderr(`shiplog: error: ${error?.message ?? 'unknown error'}\n`);
  if (error?.hint) host.stderr(`hint: ${error.hint}\n`);
  if (host.debug && cause instanceof Error) host.stderr(`${debugStack(cause)}\n`);
}
