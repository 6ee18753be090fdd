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
  actor?: Actor;
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
  /** Who recorded it (the identity allow_self_approval = false refuses as its approver). */
  actor?: Actor;
}

/**
 * Who did something, and how shiplog knows (docs/policy.md, "Identity"). `source`:
 * - `ci:github`, `ci:circleci`, `ci:buildkite`, `ci:jenkins`: the CI system's own variables (GITHUB_TRIGGERING_ACTOR
 *   or GITHUB_ACTOR, CIRCLE_USERNAME, BUILDKITE_UNBLOCKER_EMAIL or BUILDKITE_BUILD_CREATOR_EMAIL, BUILD_USER_ID);
 * - `verified:<platform>`: confirmed by an adapter through the platform's API (a block step's unblocker, a
 *   required reviewer) and passed to execute() as ExecuteOptions.actor;
 * - `git`: `git config user.email` outside CI; `os`: the OS user (USER/USERNAME/LOGNAME) outside CI;
 * - `self-asserted`: `--as <id>` outside CI; `unknown`: a record written before shiplog kept actors.
 */
export interface Actor {
  id: string;
  source: string;
}

export interface Approval {
  appVersion: string;
  stage: string;
  approved: boolean;
  /** actor.id (kept for records and readers that predate `actor`). */
  by: string;
  /** Who decided; records written before shiplog kept actors read as {id: by, source: 'unknown'}. */
  actor?: Actor;
  at: string;
  notes?: string;
  /** An approval recorded while the latest decision for its stage was a rejection: the rejection it overrides. */
  overrides?: { by: string; at: string };
  provenance?: CiContext;
}

/** One rule of the release policy a gate found unmet (policy/gate.ts). */
export interface UnmetRule {
  /** stage-order | stage-reached | require-success | branches | wait | approval | rejected | freeze | approvers | trust | self-approval | override */
  rule: string;
  stage: string;
  environment?: string;
  /** What is wrong, one sentence. */
  message: string;
  /** The next step that would meet the rule. */
  next: string;
  /** require-success: the deployment that failed. */
  deploymentId?: number;
  /** wait, freeze: when the rule stops refusing (ISO). */
  endsAt?: string;
  /** approval: how many more approvals are needed. */
  missing?: number;
  /** stage-order: the stages that would be skipped. */
  skipped?: string[];
  /** freeze: the window's name. */
  window?: string;
}

/** A gate passed with `--override --reason`: who, why, and the rules that were overridden. */
export interface Override {
  reason: string;
  actor: Actor;
  at: string;
  rules: Pick<UnmetRule, 'rule' | 'stage' | 'message'>[];
}

/** A move of an application version between stages, as recorded. */
export interface MoveRecord {
  from: string;
  to: string;
  task: string;
  /** actor.id */
  by: string;
  actor?: Actor;
  at: string;
  /** `move --notes`, redacted like every stored text. */
  notes?: string;
  override?: Override;
  provenance: CiContext;
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
  /** Who deployed (absent in records written before shiplog kept actors). */
  actor?: Actor;
  /** Set when the deployment passed its gate only by `--override --reason`. */
  override?: Override;
  /** `undeploy`: this run removed the application from the environment (`shiplog apply`, selector `none`). */
  action?: 'undeploy';
  provenance: CiContext;
}

/** One deployment of an application version, as its record lists it (AppVersionRecord). */
export interface DeploymentRef {
  id: number;
  environment: string;
  status: DeploymentStatus;
  exitCode: number | null;
  mode: DeploymentMode;
  startedAt: string;
  finishedAt?: string;
  actor?: Actor;
  override?: Override;
}

/** Everything recorded about one application version: what the gate and `show` read. */
export interface AppVersionRecord {
  appVersion: ApplicationVersion;
  /** Its component versions with the branch each was built from (when known) and who recorded it. */
  components: { name: string; branch?: string; actor?: Actor }[];
  /** Every approval and rejection, oldest first. */
  approvals: Approval[];
  /** Every move, oldest first. */
  moves: MoveRecord[];
  /** Every deployment of it, oldest first. */
  deployments: DeploymentRef[];
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
  actor?: Actor;
  /** The deployment that put it there overrode its gate. */
  override?: Override;
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
  /** Moving INTO this stage needs an approval for it (policy.minApprovals >= 1). */
  requiresApproval: boolean;
  /** Task that moves an application version into this stage. */
  task: string;
  environments: string[];
  /** The release policy of the stage; absent on a stage built in code: policy/lifecycle.ts policyOf fills defaults. */
  policy?: StagePolicy;
}

/** A duration as written in shiplog.toml and in milliseconds. */
export interface PolicyDuration {
  text: string;
  ms: number;
}

/** The release policy of one stage (shiplog.toml keys in brackets; docs/policy.md). */
export interface StagePolicy {
  /** [after] The stage a version comes from; undefined for the first stage. Default: the stage before in the file. */
  after?: string;
  /** [optional] A move may skip this stage. */
  optional: boolean;
  /** [require_success] Leaving this stage needs a successful deployment of the version to one of its environments. */
  requireSuccess: boolean;
  /** [all_environments] ...to every one of its environments. */
  allEnvironments: boolean;
  /** [branches] Only versions built from a branch matching one of these globs may enter. */
  branches?: string[];
  /** [wait] Soak time after the successful deployment in the stage a version comes from. */
  wait?: PolicyDuration;
  /** [approvers] Who may approve (or reject): ids, `<platform>:<id>`, `group:<name>`; undefined: anyone. */
  approvers?: string[];
  /** [min_approvals] Distinct approvals needed to enter (0: no approval needed). */
  minApprovals: number;
  /** [allow_self_approval] The identity that recorded the version may approve it. */
  allowSelfApproval: boolean;
  /** [expires] An approval older than this no longer counts. */
  expires?: PolicyDuration;
  /** [trust] Identity sources an approval may come from (`ci`, `verified`, `git`, `os`, `self-asserted`, `ci:github`...); undefined: any. */
  trust?: string[];
  /** [allow_override] `--override --reason` may pass a refused gate into this stage. */
  allowOverride: boolean;
}

/** A deployment freeze ([[freeze]] in shiplog.toml): moves and deploys into matching environments are refused. */
export interface FreezeWindow {
  name: string;
  /** Environment globs (`prod-*`). */
  environments: string[];
  /** IANA time zone the window's times are read in. */
  timeZone: string;
  reason?: string;
  /** As written, for messages: `2026-12-20T18:00 -> 2027-01-04T06:00 Europe/Berlin`. */
  text: string;
  /** absolute: ISO instants; weekly: minutes since Monday 00:00 local time (to may be < from: wraps the week). */
  schedule: { kind: 'absolute'; from: string; to: string } | { kind: 'weekly'; from: number; to: number };
}

export interface PipelineConfig {
  /** Where it was read from; undefined for the built-in default. */
  file?: string;
  stages: Stage[];
  /** Environment name -> its stage name. */
  environments: Record<string, string>;
  /** [groups] name -> members (ids or `<platform>:<id>`). */
  groups?: Record<string, string[]>;
  freezes?: FreezeWindow[];
}

export interface Put<T> {
  value: T;
  created: boolean;
  /** An existing object changed (attributes merged, component swapped into an existing app version). */
  updated?: boolean;
}
