/**
 * The release domain, with Ortelius/DeployHub's names (shared/ortelius-api.md sections 1 and 8).
 * Full names: components `<dotted domain>.<short>[;variant][;version]`, applications `<domain>.<short>[;version]`.
 * All timestamps are ISO-8601 strings in UTC.
 */

/** Where a build ran: filled from the injected env by ci-context.ts. Never contains secrets. */
export interface CiContext {
  /** 'github' | 'circleci' | 'buildkite' | 'jenkins' | other env-ci service ids | 'local'. */
  provider: string;
  isCi: boolean;
  buildId?: string;
  buildNumber?: string;
  buildUrl?: string;
  jobUrl?: string;
  /**
   * The pipeline job that ran, by name: GitHub `<workflow> / <job id>`, CircleCI the job, Buildkite
   * `<pipeline slug> / <step label>`, Jenkins JOB_NAME (folders included).
   */
  job?: string;
  /** The commit the build is for (a GitHub pull request: its head commit, not the merge commit checked out). */
  commit?: string;
  /** GitHub pull_request: the throwaway merge commit (refs/pull/N/merge) the checkout holds, when it differs. */
  mergeCommit?: string;
  branch?: string;
  tag?: string;
  /** `org/repo` */
  repo?: string;
  repoUrl?: string;
  actor?: string;
  /** Pull/merge request number. */
  pr?: string;
  prBranch?: string;
}

export type ComponentKind = 'docker' | 'file';

export interface ComponentVersion {
  /** Backend id (local: `cv:<n>`; ortelius: the numeric id as a string). */
  id: string;
  /** Full name: `domain.short;variant;version` (or `domain.short;version`). */
  name: string;
  /** Full base name: `domain.short;variant` (or `domain.short`). */
  base: string;
  domain: string;
  short: string;
  variant?: string;
  version: string;
  kind: ComponentKind;
  attributes: Record<string, string>;
  /** Full name of the version this one was created from (lineage). */
  predecessor?: string;
  createdAt: string;
  provenance?: CiContext;
}

export interface ApplicationVersion {
  id: string;
  /** Full name: `domain.short;version`. */
  name: string;
  /** Full base application name: `domain.short`. */
  application: string;
  version: string;
  /** Full component version names, in the order they joined the application. */
  components: string[];
  /** Full name of the application version this one was derived from: the dependency map's lineage. */
  predecessor?: string;
  /** Current pipeline stage; undefined when the backend cannot tell. */
  stage?: string;
  createdAt: string;
  provenance?: CiContext;
}

export interface Approval {
  appVersion: string;
  stage: string;
  approved: boolean;
  by: string;
  at: string;
  notes?: string;
  provenance?: CiContext;
}

export type DeploymentStatus = 'success' | 'failed' | 'running';
/** run: shiplog ran the command; record: an earlier step ran it; server: the backend's deploy engine ran it. */
export type DeploymentMode = 'run' | 'record' | 'server';

export interface Deployment {
  id: number;
  appVersion: string;
  application: string;
  environment: string;
  componentVersions: string[];
  exitCode: number | null;
  status: DeploymentStatus;
  startedAt: string;
  finishedAt?: string;
  /** Log lines (redacted before they are stored). */
  log: string[];
  logUrl?: string;
  mode: DeploymentMode;
  /** Free key/values attached to the deployment (e.g. Jenkins causes, change sets). */
  attributes?: Record<string, string>;
  /** `undeploy`: this run removed the application from the environment (`shiplog apply`, selector `none`). */
  action?: 'undeploy';
  provenance: CiContext;
}

/** What runs where: one entry per (environment, application). */
export interface EnvironmentState {
  name: string;
  application: string;
  appVersion: string;
  components: string[];
  deploymentId: number;
  deployedAt: string;
  provenance: CiContext;
  /** The custom state revisions (key -> revision) the deployment's command received (docs/intent.md). */
  stateRevisions?: Record<string, number>;
  /**
   * Deployment `deploymentId` undeployed `appVersion`: nothing runs there now. Kept as the current state's
   * record (every engine stores it like any state); Backend.status() leaves these out.
   */
  undeployed?: true;
}

/** A pipeline stage (an Ortelius domain) from shiplog.toml. */
export interface Stage {
  name: string;
  /** Ortelius domain the stage maps to (move's from-domain). Defaults to the stage name. */
  domain: string;
  /** Moving INTO this stage needs an approval for it. */
  requiresApproval: boolean;
  /** Task that moves an application version into this stage. */
  task: string;
  environments: string[];
}

export interface PipelineConfig {
  /** Where it was read from; undefined for the built-in default. */
  file?: string;
  stages: Stage[];
  /** Environment name -> its stage name. */
  environments: Record<string, string>;
}

export interface Put<T> {
  value: T;
  created: boolean;
  /** An existing object changed (attributes merged, component swapped into an existing app version). */
  updated?: boolean;
}
