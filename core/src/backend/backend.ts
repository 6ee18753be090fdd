/**
 * One Backend interface, two implementations: `local` (embedded store in a directory) and `ortelius`
 * (an Ortelius/DeployHub server). Operations in core/src/operations/ talk only to this interface.
 * The conformance suite (core/test/backend-conformance.ts) pins the semantics below for both.
 */
import type {
  Actor,
  AppVersionRecord,
  Approval,
  ApplicationVersion,
  CiContext,
  ComponentKind,
  ComponentVersion,
  Deployment,
  DeploymentMode,
  EnvironmentState,
  Override,
  PipelineConfig,
  Put,
} from '../model.js';
import type { CustomStatePut, CustomStateSpec, CustomStateValue, Lease, LeaseOutcome, LeaseRequest } from '../state-model.js';

export type BackendKind = 'local' | 'git' | 'postgres' | 'ortelius';

export interface ComponentVersionSpec {
  domain: string;
  short: string;
  /** Cleaned variant (naming.ts), or undefined. */
  variant?: string;
  /** Cleaned version. Required: the core computes auto-increment before calling. */
  version: string;
  kind: ComponentKind;
  /** Merged into existing attributes (never deletes keys). */
  attributes: Record<string, string>;
  /** Text files attached to the version (Ortelius /msapi/textfile). Contents, not paths. */
  files?: { readme?: string; license?: string; swagger?: string };
  /** SBOMs attached to the version (Ortelius /msapi/deppkg). */
  sboms?: { type: 'cyclonedx' | 'spdx'; content: string }[];
  provenance: CiContext;
  actor?: Actor;
  at: string;
}

/**
 * The release policy a write must pass, re-checked by the record stores inside their transaction with the same
 * function the core ran before (policy/gate.ts), so a concurrent writer cannot slip past it on stale reads.
 */
export interface GateCheck {
  pipeline: PipelineConfig;
  /** Who acts. */
  actor: Actor;
  /** The instant the core judged at (ISO): the backstop judges at the same one and reaches the same verdict. */
  now: string;
  /** `--override --reason`. */
  override?: { reason: string };
}

export interface ApplicationVersionSpec {
  /** Full base application name `domain.short`. */
  application: string;
  /** Cleaned version requested, or undefined to derive the next one from the latest. */
  version?: string;
  /** Bump a requested version that already exists instead of reusing it. */
  autoIncrement: boolean;
  /** The component version that must be in the application version. */
  component: ComponentVersion;
  /** Stage a newly created application version starts in (the pipeline's first stage). */
  initialStage: string;
  provenance: CiContext;
  actor?: Actor;
  at: string;
}

export interface MoveSpec {
  appVersion: ApplicationVersion;
  from: { name: string; domain: string };
  to: { name: string; domain: string };
  task: string;
  /**
   * Without `gate`: the target stage needs a standing approval (the backend refuses without one). With `gate`
   * the stage's whole policy applies and this is ignored.
   */
  requiresApproval: boolean;
  /** The release policy to pass (the record stores check it under their lock). */
  gate?: GateCheck;
  by: string;
  actor?: Actor;
  at: string;
  /** Free text from `move --notes` (ortelius: sent as the RunTask notes). */
  notes?: string;
  /** The override the core granted (stored with the move; a record store recomputes it under its lock). */
  override?: Override;
  provenance: CiContext;
}

export interface DeploymentRecordSpec {
  appVersion: ApplicationVersion;
  environment: string;
  exitCode: number;
  log: string[];
  startedAt: string;
  finishedAt: string;
  mode: DeploymentMode;
  logUrl?: string;
  attributes?: Record<string, string>;
  actor?: Actor;
  /**
   * Record mode: the release policy the deployment must pass (the record stores re-check it under their lock).
   * A deployment shiplog ran (or the server ran) is a fact once it ran and is always recorded.
   */
  gate?: GateCheck;
  /** The override the core granted, stored with the deployment (a record store recomputes it in record mode). */
  override?: Override;
  provenance: CiContext;
  /** The custom state revisions the command received (SHIPLOG_STATE_*), kept with the current state. */
  stateRevisions?: Record<string, number>;
  /**
   * This build's deployment key (deploymentKeyOf): a backend that cannot read back which build recorded a
   * deployment (ortelius) keeps it, so that a re-run of the same build records nothing twice.
   */
  key?: string;
}

/** An environment on the server (ortelius): full name `<domain>.<name>` and its domain. */
export interface ServerEnvironment {
  name: string;
  domain: string;
}

export interface ServerDeploymentFacts {
  actor?: Actor;
  override?: Override;
  provenance?: CiContext;
}

export interface HistoryFilter {
  application?: string;
  environment?: string;
  /**
   * Full component name; matches deployments that contained it (naming.ts componentMatches): `domain.short`
   * any variant and version, `domain.short;variant` any version of that variant, a full version name exactly it.
   */
  component?: string;
  limit?: number;
}

export interface FollowOptions {
  timeoutMs: number;
  /** New log lines as they arrive. */
  onLog?: (lines: string[]) => void;
  /** The server's status after every check while the deployment runs (e.g. "running, 12 log lines"): progress.ts. */
  onStatus?: (status: string) => void;
  signal?: AbortSignal;
}

export interface Backend {
  readonly kind: BackendKind;
  /** Human description for logs: the store directory or the server URL (never credentials). */
  readonly location: string;

  getComponentVersion(fullName: string): Promise<ComponentVersion | undefined>;
  /** Every version under a base (`domain.short[;variant]`), oldest first. */
  listComponentVersions(base: string): Promise<ComponentVersion[]>;
  /**
   * The newest version under a base, or undefined. Optional: a remote backend answers it with a couple of
   * calls where listing costs calls per version (ortelius); callers fall back to the last of the list.
   */
  latestComponentVersion?(base: string): Promise<ComponentVersion | undefined>;
  /**
   * Creates exactly the named version under its base (creating the base as needed) if it does not exist,
   * else reuses it; merges attributes either way. created=false on an identical re-run.
   */
  putComponentVersion(spec: ComponentVersionSpec): Promise<Put<ComponentVersion>>;

  /**
   * Attaches SBOMs to a component version already recorded (ortelius: after the component and application
   * steps, so a refused SBOM leaves the versions recorded). Without it, SBOMs go with putComponentVersion.
   */
  attachSboms?(cv: ComponentVersion, sboms: NonNullable<ComponentVersionSpec['sboms']>): Promise<void>;
  /** Checks, writing nothing, that the backend can take SBOMs (`--sbom-required` asks before any write). */
  probeSboms?(): Promise<void>;

  getApplicationVersion(fullName: string): Promise<ApplicationVersion | undefined>;
  /** Every version of a base application, oldest first. */
  listApplicationVersions(application: string): Promise<ApplicationVersion[]>;
  /**
   * Creates or reuses an application version holding spec.component (sections 8.2 and 8.3):
   * 1. the latest version already holds that exact component version -> reuse it (created=false);
   * 2. target = spec.version ?? bumpVersion(latest.version) ?? '1';
   * 3. target exists: autoIncrement -> bump until free and create; else reuse it and swap the component in
   *    (updated=true);
   * 4. create target as a copy of the latest version's components with the component swapped in by base
   *    (or appended), predecessor = latest.
   */
  putApplicationVersion(spec: ApplicationVersionSpec): Promise<Put<ApplicationVersion>>;

  /**
   * Records an approval or rejection. With `gate`, the identity must be allowed to decide for the stage
   * (policy/approvals.ts approverProblems): GateRefusedError and nothing stored otherwise. An approval recorded
   * while the stage's latest decision is a rejection carries `overrides`.
   */
  recordApproval(approval: Approval, gate?: Pick<GateCheck, 'pipeline'>): Promise<Approval>;
  /** Approvals of one application version, oldest first (ortelius: those it can tell). */
  listApprovals(appVersion: string): Promise<Approval[]>;
  /**
   * Everything recorded about an application version (the gate's and `show`'s input); undefined when it does not
   * exist. `branches: false`: the caller needs no component branches (a backend that pays a call per component
   * version may then leave `components[].branch` out).
   */
  applicationVersionRecord(fullName: string, opts?: { branches?: boolean }): Promise<AppVersionRecord | undefined>;
  /** Every base application name (for queries across applications). */
  listApplications(): Promise<string[]>;
  /**
   * Moves an application version between stages. With spec.gate: the gate's error (policy/refusal.ts) when the
   * policy refuses; without: ApprovalRequiredError/ApprovalRejectedError when spec.requiresApproval and no
   * approval stands. `notes`: spec.notes as the backend stored it (redacted), when it keeps them with the move;
   * `override`: the override stored with the move.
   */
  moveApplicationVersion(spec: MoveSpec): Promise<{ from: string; to: string; notes?: string; override?: Override }>;

  /**
   * Server-side deploy engine (ortelius only): starts a deployment and returns its id. With `opts.key` (the
   * build's deployment key) a re-run of the same build follows the deployment it started instead of starting
   * a second one (even when the first start's answer was lost). `opts.facts` (who, an override, the CI context)
   * are stored with the deployment once followDeployment sees it finish.
   */
  startDeployment?(
    appVersion: ApplicationVersion,
    environment: string,
    opts?: { key?: string; facts?: ServerDeploymentFacts },
  ): Promise<{ id: number }>;
  /** Follows a server-side deployment to completion (TimeoutError when opts.timeoutMs runs out). */
  followDeployment?(id: number, opts: FollowOptions): Promise<Deployment>;
  /**
   * Records a finished deployment; on exitCode 0 the environment's current state becomes this version. In record
   * mode with spec.gate, the gate's error and nothing stored when the policy refuses.
   */
  recordDeployment(spec: DeploymentRecordSpec): Promise<Deployment>;

  /** What runs where, one entry per (environment, application). Must not scan history. */
  status(filter?: { environment?: string; application?: string }): Promise<EnvironmentState[]>;
  /** Deployments newest first. */
  history(filter: HistoryFilter): Promise<Deployment[]>;

  /**
   * Names the backend's server knows, for environments, stage domains and move tasks the pipeline config does
   * not define (ortelius: the server is the source of truth; operations/server-names.ts). An unknown name is an
   * InvalidInputError listing the nearest ones.
   */
  resolveEnvironment?(name: string, opts?: { application?: string }): Promise<ServerEnvironment>;
  resolveDomain?(name: string, opts?: { application?: string }): Promise<{ id: number; name: string }>;
  /** Names of the Move tasks of a domain (by the id resolveDomain answered). */
  moveTasks?(domainId: number): Promise<string[]>;
  // ---- desired state (docs/intent.md; record stores: records/intent-records.ts; ortelius: refused, exit 2) --
  /** The environment's custom state, one value per key, sorted by key. Must not read history. */
  getCustomState(environment: string): Promise<CustomStateValue[]>;
  /** Sets one key (a new revision); an equal value writes nothing (changed=false). Secret-named keys: exit 2. */
  setCustomState(spec: CustomStateSpec): Promise<CustomStatePut>;
  /** The values (environment, key) held, newest first, at most `limit`. */
  customStateHistory(environment: string, key: string, limit?: number): Promise<CustomStateValue[]>;
  /** The lease on an environment (possibly expired), undefined when free. */
  getLease(environment: string): Promise<Lease | undefined>;
  /** Takes the lease when free, expired, already the holder's or held by `replacing`; compared in one transaction. */
  acquireLease(req: LeaseRequest): Promise<LeaseOutcome>;
  /** Extends a held lease; undefined when the holder lost it. */
  renewLease(req: { environment: string; holderId: string; ttlMs: number; at: string }): Promise<Lease | undefined>;
  /** Frees a held lease; false when the holder did not hold it. */
  releaseLease(req: { environment: string; holderId: string; at: string }): Promise<boolean>;
  /** Records an undeployment; on exit code 0 nothing runs there any more (status() leaves the application out). */
  recordUndeployment(spec: DeploymentRecordSpec): Promise<Deployment>;

  close(): Promise<void>;
}

/** Whether a backend keeps custom state and leases: every record store does; an Ortelius server has no place for them. */
export function keepsDesiredState(backend: Pick<Backend, 'kind'>): boolean {
  return backend.kind !== 'ortelius';
}
