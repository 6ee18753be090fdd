/**
 * What the CLI prints for an outcome: the human summary (or error line and hint) on stderr, and with --json
 * exactly one JSON object on stdout.
 */
import type { ExecuteOutcome } from '../execute.js';
import type { Host } from '../host.js';
import type { AnyCommandModule } from '../operations/registry.js';
import { renderDeployment, type DeploymentSummary } from '../operations/deployment-flow.js';

export function printOutcome(host: Host, mod: AnyCommandModule | undefined, outcome: ExecuteOutcome, json: boolean): void {
  const { result } = outcome;
  if (outcome.exitCode === 0 && mod) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const text = mod.render(result as any);
    if (text) host.stderr(`${text}\n`);
  } else {
    const deployment = result.deployment as DeploymentSummary | undefined;
    if (deployment && deployment.id !== null) host.stderr(`${renderDeployment(deployment)}\n`);
    printError(host, result.error as { message: string; hint?: string } | undefined, outcome.error);
  }
  if (json) host.stdout(`${JSON.stringify(result)}\n`);
}

export function printError(host: Host, error: { message: string; hint?: string } | undefined, cause?: unknown): void {
  host.stderr(`shiplog: error: ${error?.message ?? 'unknown error'}\n`);
  if (error?.hint) host.stderr(`hint: ${error.hint}\n`);
  if (host.debug && cause instanceof Error) {
    host.stderr(`${cause.stack ?? cause.message}\n`);
    const inner = (cause as { cause?: unknown }).cause;
    if (inner instanceof Error) host.stderr(`caused by: ${inner.stack ?? inner.message}\n`);
  }
}
