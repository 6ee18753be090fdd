/**
 * What every operation receives. Operations never read globals: all of the outside world comes through
 * the Host; the backend and the pipeline config are opened lazily (envscript and dry runs may not need them).
 */
import type { Backend, BackendKind } from '../backend/backend.js';
import type { Deadline } from '../deadline.js';
import type { Host } from '../host.js';
import type { GateApproval } from '../kit/platform-gates.js';
import type { Actor, CiContext, PipelineConfig } from '../model.js';
import type { ProgressSink } from '../progress.js';

export interface OperationContext {
  host: Host;
  backend(): Promise<Backend>;
  /** Which backend backend() would open, without opening it (no login, no fetch). Absent in some test contexts. */
  backendKind?(): Promise<BackendKind>;
  pipeline(): Promise<PipelineConfig>;
  /** CI facts read once from host.env (ci-context.ts). */
  ci(): CiContext;
  /**
   * Who acts, resolved once (policy/identity.ts): an adapter's verified identity, `--as` outside CI, the CI
   * platform's variables, `git config user.email`, the OS user. UsageError for `--as` in CI.
   */
  actor(): Promise<Actor>;
  /** approve --platform-gate: who released the platform's gate (policy/platform-gate.ts); actor() is theirs then. */
  platformGate?(): Promise<GateApproval>;
  dryRun: boolean;
  /** The command's --timeout (deadline.ts): every request and wait of the command is bounded by it. */
  deadline?: Deadline;
  /** The response size limit in bytes (--max-response-mib): what any server's answer may hold. */
  maxResponseBytes?: number;
  /**
   * Runs once a deployment is about to start for real (application version found, stage checks passed, not a
   * dry run), before the command runs or anything is recorded: where an adapter announces it elsewhere (the
   * GitHub Action's Deployment). A ShiplogError it throws fails the command.
   */
  beforeDeployment?: (facts: DeploymentFacts) => Promise<void>;
  /**
   * Set by a caller that reports a deployment's progress itself (apply: one heartbeat for all its deployments): the
   * deployment's output lines and server status go here, and it prints no start, heartbeat or end line of its own.
   */
  progress?: ProgressSink;
}

/** What beforeDeployment learns about the deployment that is about to start. */
export interface DeploymentFacts {
  /** Full application version name. */
  appVersion: string;
  application: string;
  environment: string;
  stage: string;
}
