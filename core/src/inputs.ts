/**
 * THE input table: the single source for the CLI flags, the GitHub action.yml inputs, the CircleCI orb
 * parameters, the Buildkite plugin.yml schema, the Jenkins step arguments and docs/cli.md. The inputs only a
 * platform has (github-token, credentialsId, the orb's registry, ...) and every output are in the same table
 * (kit/platform-inputs.ts, kit/outputs.ts); kit/exposure.ts resolves how each input appears on each platform.
 * `npm run build` regenerates every manifest from it and `npm run check` fails when one drifts.
 *
 * Names are kebab-case (CLI flag `--<name>`, action input `<name>`, orb parameter `<name with _>`,
 * plugin option `<name>`, Jenkins named argument camelCase). `aliases` are the reference `dh` CLI's spellings,
 * accepted by the CLI as hidden flags. `env` lists environment variables read when the flag is absent
 * (precedence: flag > env > component.toml > default). `expose` says how a platform takes the input when the
 * default rule does not fit: a secret reaches a platform only through its secret channel (an env-var name on
 * CircleCI and Buildkite, withCredentials on Jenkins, a masked input on GitHub).
 */

export const OPERATIONS = ['version-update', 'move', 'approve', 'deploy', 'envscript'] as const;
export const QUERIES = ['status', 'history', 'diff', 'graph', 'report', 'show', 'check-gate'] as const;
/** Store maintenance (`shiplog store info|copy|check`): CLI commands, not adapter steps. */
export const STORE_COMMANDS = ['store-info', 'store-copy', 'store-check'] as const;
/** Desired state (docs/intent.md): `shiplog plan|apply` and `shiplog state set|get|list`. CLI commands for now. */
export const INTENT_COMMANDS = ['plan', 'apply', 'state-set', 'state-get', 'state-list'] as const;
export type OperationName = (typeof OPERATIONS)[number];
export type QueryName = (typeof QUERIES)[number];
export type StoreCommandName = (typeof STORE_COMMANDS)[number];
export type IntentCommandName = (typeof INTENT_COMMANDS)[number];
export type CommandName = OperationName | QueryName | StoreCommandName | IntentCommandName;
export const COMMANDS: readonly CommandName[] = [...OPERATIONS, ...QUERIES, ...STORE_COMMANDS, ...INTENT_COMMANDS];
/**
 * The commands every CI adapter offers as a step (action folder, orb command and job, plugin operation, Jenkins
 * step): the operations, then plan and apply (docs/intent.md "In CI").
 */
export const ADAPTER_COMMANDS = [...OPERATIONS, 'plan', 'apply'] as const;
export type AdapterCommandName = (typeof ADAPTER_COMMANDS)[number];

/** Commands the CLI spells in two words under a group: `store-info` is `shiplog store info`. */
const COMMAND_GROUPS = ['store', 'state'] as const;

/** How the CLI spells a command: `store-info` is `shiplog store info`, `state-set` is `shiplog state set`. */
export function cliCommandWords(command: CommandName): string[] {
  const group = COMMAND_GROUPS.find((g) => command.startsWith(`${g}-`));
  return group ? [group, command.slice(group.length + 1)] : [command];
}

export type InputType = 'string' | 'boolean' | 'integer' | 'list' | 'enum' | 'duration';

/** The CI platforms shiplog has an adapter for. */
export const PLATFORMS = ['github', 'circleci', 'buildkite', 'jenkins'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A Jenkins credentials binding (withCredentials) made from the credentials id an input names. */
export type CredentialsBinding =
  { kind: 'usernamePassword'; usernameVariable: string; passwordVariable: string } | { kind: 'sshUserPrivateKey'; keyFileVariable: string };

/**
 * How one platform takes an input, where the default rule (kit/exposure.ts) does not fit: non-secret inputs
 * are a plain value everywhere (spelled for the platform), secret inputs only on GitHub (a masked input).
 */
export interface Exposure {
  /** The platform's spelling when the rule (kebab, snake_case, camelCase) does not fit. */
  name?: string;
  /** Takes a literal value (default: true, for a secret input only on GitHub). */
  value?: boolean;
  /** Takes the NAME of the environment variable holding the value (CircleCI env_var_name, Buildkite `credentials`); its default. */
  envName?: string;
  /** Jenkins: bound by withCredentials from the credentials id given in this table input. */
  credentials?: string;
  /** Jenkins: the binding a credentials-id input makes. */
  binds?: CredentialsBinding;
  /** What the platform does differently from the table's description. */
  description?: string;
  /** The platform's default when it differs from the table's. */
  default?: string;
  /** CircleCI: a parameter type of its own (`executor`). */
  type?: string;
  /** CircleCI: only on the orb's commands or only on its jobs (default both). */
  scope?: 'command' | 'job';
}

export interface InputSpec {
  name: string;
  type: InputType;
  description: string;
  /** Commands that take it. */
  commands: readonly CommandName[];
  required?: boolean | readonly CommandName[];
  default?: string;
  secret?: boolean;
  /** For type 'enum'. */
  values?: readonly string[];
  /** The reference dh CLI's spellings (without dashes). */
  aliases?: readonly string[];
  /** Environment variables read when the flag is not given. */
  env?: readonly string[];
  /** Shown to users as an example value. */
  example?: string;
  /** Only meaningful on the CLI (e.g. --json); adapters do not expose it as an input. */
  cliOnly?: boolean;
  /** Per-platform exposure (kit/exposure.ts); `false` hides it there. */
  expose?: Partial<Record<Platform, Exposure | false>>;
  /** Only this platform has it (github-token, credentialsId, ...): not a core input, never passed to execute(). */
  platform?: Platform;
  /**
   * Commands for which the input is a repeatable list (`plan --env qa --env prod`) and is not read from its
   * environment variables (a CI job's DEPLOY_ENV must not quietly narrow a plan), whatever `type` and `env` say.
   */
  listFor?: readonly CommandName[];
}

const ALL: readonly CommandName[] = COMMANDS;
const MUTATING: readonly CommandName[] = ['version-update', 'move', 'approve', 'deploy', 'envscript', 'apply', 'state-set'];
const PLAN_APPLY: readonly CommandName[] = ['plan', 'apply'];
/** Queries whose result is a table (--format, --wide). */
const TABLE_QUERIES: readonly CommandName[] = ['status', 'history', 'diff'];
const FILTERED_QUERIES: readonly CommandName[] = ['status', 'history', 'diff', 'graph'];

export const INPUTS: readonly InputSpec[] = [
  // --- backend and connection -------------------------------------------------------------------------
  {
    name: 'backend',
    type: 'enum',
    values: ['local', 'ortelius'],
    description:
      'Where releases are recorded: `local` (embedded store in --state-dir) or `ortelius` (an Ortelius/DeployHub server). Default: `ortelius` when DHURL is set, else `local`.',
    commands: ALL,
    env: ['SHIPLOG_BACKEND'],
  },
  {
    name: 'store',
    type: 'string',
    description:
      "Where state is kept, shared across runners: a directory, `git+origin` (this repository's origin, with the checkout's credentials), `git+https://host/org/repo.git[#ref=<ref>]`, `git+ssh://...`, `git+file:///srv/state.git`, `postgres://user@host:5432/db[?sslmode=...]` (libpq's PG* variables fill the rest; docs/store-postgres.md). Default: `[store] url` in shiplog.toml, else the `.shiplog` directory found from here up to the repository root (docs/store.md).",
    commands: ALL,
    env: ['SHIPLOG_STORE'],
    example: 'git+origin',
  },
  {
    name: 'store-password',
    type: 'string',
    secret: true,
    description:
      'Password or token for a git store over http(s) (sent through GIT_ASKPASS, never in a URL; a warning when it would go over plain http to another machine) or a postgres store (else PGPASSWORD, else ~/.pgpass). Prefer the SHIPLOG_STORE_PASSWORD environment variable.',
    commands: ALL,
    env: ['SHIPLOG_STORE_PASSWORD'],
    expose: {
      circleci: { value: false, envName: 'SHIPLOG_STORE_PASSWORD' },
      buildkite: { value: false, envName: 'SHIPLOG_STORE_PASSWORD' },
      jenkins: { value: false, credentials: 'store-credentials-id' },
    },
  },
  {
    name: 'state-dir',
    type: 'string',
    description:
      'Directory of the embedded store (the older spelling of `--store <directory>`). Default: the nearest `.shiplog` directory from here up to the repository root, else `.shiplog` beside shiplog.toml or at the repository root.',
    commands: ALL,
    default: '.shiplog',
    env: ['SHIPLOG_STATE_DIR'],
  },
  {
    name: 'config',
    type: 'string',
    description:
      'Pipeline config: stages, environments and the release policy (docs/policy.md). Missing file: dev -> qa -> prod, prod needs one approval.',
    commands: ALL,
    default: 'shiplog.toml',
    env: ['SHIPLOG_CONFIG'],
  },
  {
    name: 'dhurl',
    type: 'string',
    description: 'Ortelius/DeployHub server URL (ortelius backend).',
    commands: ALL,
    env: ['DHURL'],
    example: 'https://console.deployhub.com',
    expose: { circleci: { value: false, envName: 'DHURL' }, buildkite: { envName: 'DHURL' } },
  },
  {
    name: 'dhuser',
    type: 'string',
    description: 'Ortelius/DeployHub user (ortelius backend).',
    commands: ALL,
    env: ['DHUSER'],
    expose: { circleci: { value: false, envName: 'DHUSER' }, buildkite: { envName: 'DHUSER' }, jenkins: { credentials: 'credentials-id' } },
  },
  {
    name: 'dhpass',
    type: 'string',
    secret: true,
    description:
      'Ortelius/DeployHub password (ortelius backend). Prefer the DHPASS environment variable: a flag value can show in process listings.',
    commands: ALL,
    env: ['DHPASS'],
    expose: {
      circleci: { value: false, envName: 'DHPASS' },
      buildkite: { value: false, envName: 'DHPASS' },
      jenkins: { value: false, credentials: 'credentials-id' },
    },
  },
  {
    name: 'ca-cert',
    type: 'string',
    description: 'PEM file with an extra CA to trust for the Ortelius server.',
    commands: ALL,
    aliases: ['cert'],
    env: ['SHIPLOG_CA_CERT'],
  },
  {
    name: 'insecure',
    type: 'boolean',
    description: "Do not verify the Ortelius server's TLS certificate (warns on every run).",
    commands: ALL,
    default: 'false',
  },
  {
    name: 'max-response-mib',
    type: 'integer',
    description:
      'Largest answer (MiB) shiplog reads from a server (Ortelius, the GitHub and Jenkins APIs in their adapters, an object of a git store, a stored value of a postgres store): a larger one is refused with exit 4 naming the limit, after reading no more than that.',
    commands: ALL,
    default: '32',
    env: ['SHIPLOG_MAX_RESPONSE_MIB'],
  },
  {
    name: 'timeout',
    type: 'duration',
    description:
      'Time limit of the whole command (e.g. 90s, 15m, 1h): every request to a server (git and postgres stores included: git is stopped with its process group, a postgres connection is closed and its open transaction rolls back), every retry, and a deployment shiplog runs or follows. Past it shiplog stops with exit 5: a deployment command it runs is stopped (its whole process group: SIGTERM, then SIGKILL after 10 s) and recorded as failed (recording may take up to 30 s more); a server-side deployment is no longer followed. Default: 30m for deploy and version-update, 5m for the other commands.',
    commands: ALL,
    env: ['SHIPLOG_TIMEOUT'],
  },
  {
    name: 'dry-run',
    type: 'boolean',
    description: 'Print the plan and write nothing.',
    commands: MUTATING,
    default: 'false',
  },
  {
    name: 'report',
    type: 'boolean',
    description:
      "After the operation (also a failed one), write the release dashboard as shiplog-report.html and shiplog-report.md in the working directory (docs/dashboard.md), and publish it where the platform keeps such files: GitHub workflow-run artifact linked from the job summary (the action's `report-artifact-url` output), CircleCI store_artifacts, Buildkite artifact and annotation, Jenkins archiveArtifacts (and publishHTML when installed). true or false.",
    commands: ['version-update', 'move', 'approve', 'deploy'],
    default: 'false',
  },
  // --- component (version-update, envscript) ----------------------------------------------------------
  {
    name: 'toml',
    type: 'string',
    description:
      'component.toml to read (Name, Variant, Version, Application, [Attributes], [Export]). When the default ./component.toml is missing, Name/Variant/Version come from git; any other path must exist.',
    commands: ['version-update', 'envscript'],
    default: 'component.toml',
    aliases: ['rsp', 'envvars'],
  },
  {
    name: 'component-name',
    type: 'string',
    description: 'Full component name with its domain, e.g. GLOBAL.Acme.Store.cart. Overrides Name in component.toml.',
    commands: ['version-update', 'history'],
    aliases: ['compname'],
    env: ['COMPONENT_NAME'],
    example: 'GLOBAL.Acme.Store.cart',
  },
  {
    name: 'component-variant',
    type: 'string',
    description: 'Component variant, usually the branch (`/`, `.`, `-` become `_`). Overrides Variant.',
    commands: ['version-update'],
    aliases: ['compvariant'],
    env: ['COMPONENT_VARIANT'],
  },
  {
    name: 'component-version',
    type: 'string',
    description: 'Component version (`.` and `-` become `_`). Overrides Version.',
    commands: ['version-update'],
    aliases: ['compversion'],
    env: ['COMPONENT_VERSION'],
    example: 'v1.2.0-g61ba0ab',
  },
  {
    name: 'auto-increment',
    type: 'boolean',
    description:
      'Name the version v<schema>_<commit count>_g<sha> (the documented Ortelius intent) instead of using Version as is. true or false.',
    commands: ['version-update'],
    default: 'false',
    aliases: ['compautoinc'],
    env: ['COMPONENT_AUTOINC'],
  },
  {
    name: 'kind',
    type: 'enum',
    values: ['docker', 'file'],
    description: 'Component kind.',
    commands: ['version-update'],
    default: 'docker',
  },
  {
    name: 'attr',
    type: 'list',
    description:
      'Extra attribute KEY=VALUE (repeatable; KEY:VALUE also accepted; VALUE @file reads a file). version-update: stored on the component version, overriding [Attributes] and derived CI/git values. deploy: stored on the deployment.',
    commands: ['version-update', 'deploy'],
    aliases: ['compattr'],
    example: 'DockerSha=sha256:...',
  },
  {
    name: 'sbom',
    type: 'list',
    description: 'SBOM to attach, TYPE@FILE with TYPE cyclonedx or spdx (repeatable).',
    commands: ['version-update'],
    aliases: ['deppkg'],
    example: 'cyclonedx@bom.json',
  },
  {
    name: 'sbom-required',
    type: 'boolean',
    description:
      'Make SBOM upload fatal: the server is asked whether it takes SBOMs before anything is written, and a refused upload fails the command (exit 4). Without it, a refused SBOM leaves the versions recorded and exits 1 ("recorded, SBOM not uploaded").',
    commands: ['version-update'],
    default: 'false',
  },
  // --- application -------------------------------------------------------------------------------------
  {
    name: 'application',
    type: 'string',
    description:
      'Full application name with its domain, e.g. GLOBAL.Acme.Store.shop (may carry ;version). status, history, diff, report: only this application. show: also the first word after the command. plan, apply: only these applications of the intent (repeatable).',
    commands: [
      'version-update',
      'move',
      'approve',
      'deploy',
      'history',
      'graph',
      'status',
      'diff',
      'report',
      'show',
      'check-gate',
      ...PLAN_APPLY,
    ],
    required: ['move', 'approve', 'deploy', 'graph', 'show', 'check-gate'],
    listFor: PLAN_APPLY,
    aliases: ['appname'],
    env: ['COMPONENT_APPLICATION'],
    example: 'GLOBAL.Acme.Store.shop',
  },
  {
    name: 'app-version',
    type: 'string',
    description:
      'Application version (`.` and `-` become `_`). version-update: the version to create or reuse (default: next after the latest). move/approve/deploy/show/check-gate: default the latest.',
    commands: ['version-update', 'move', 'approve', 'deploy', 'show', 'check-gate'],
    aliases: ['appversion'],
    env: ['COMPONENT_APPLICATION_VERSION'],
  },
  {
    name: 'app-auto-increment',
    type: 'boolean',
    description: 'When the requested application version exists, bump it (1_0_0 -> 1_0_1) instead of reusing it. true or false.',
    commands: ['version-update'],
    default: 'false',
    aliases: ['appautoinc'],
    env: ['COMPONENT_APPLICATION_AUTOINC'],
  },
  // --- stages ------------------------------------------------------------------------------------------
  {
    name: 'stage',
    type: 'string',
    description: "Stage the approval is for. Default: the stage after the application version's current one.",
    commands: ['approve'],
  },
  {
    name: 'reject',
    type: 'boolean',
    description: 'Record a rejection instead of an approval.',
    commands: ['approve'],
    default: 'false',
  },
  {
    name: 'notes',
    type: 'string',
    description: 'Free text stored with the approval or move.',
    commands: ['approve', 'move'],
  },
  {
    name: 'platform-gate',
    type: 'boolean',
    description:
      "Record the approval as the platform's own manual gate, with the identity of who released it (docs/policy.md, \"Platform gates\"): GitHub: the required reviewer of the job's environment, from the run's approvals (the action, with github-token); Buildkite: the unblocker of the block step before this step; CircleCI: the approver of the workflow's approval job (from API v2 with circleci-token; without it the pipeline's user, source ci:circleci); Jenkins: the submitter of the input step shiplogApprove runs (gate-message). The gate not released: exit 1, nothing stored. Not with reject.",
    commands: ['approve'],
    default: 'false',
  },
  {
    name: 'gate-name',
    type: 'string',
    description:
      'With platform-gate: which gate. GitHub: the environment whose reviewers approved (default: the stage). CircleCI: the approval job (default: the one approved last in this workflow). Buildkite, Jenkins: not used.',
    commands: ['approve'],
    example: 'hold-prod',
  },
  {
    name: 'circleci-token',
    type: 'string',
    secret: true,
    description:
      "With platform-gate on CircleCI: a personal API token that may read the project, to ask API v2 who approved the approval job (GET /workflow/{id}/job, /user/{id}; SHIPLOG_CIRCLECI_API_URL for CircleCI server). Without it the identity recorded is the pipeline's (CIRCLE_USERNAME).",
    commands: ['approve'],
    env: ['CIRCLE_TOKEN'],
    expose: { github: false, buildkite: false, jenkins: false, circleci: { value: false, envName: 'CIRCLE_TOKEN' } },
  },
  {
    name: 'to',
    type: 'string',
    description:
      'move: stage to move the application version into (default: the next stage). check-gate: the stage a move would go to (or give --env). diff: second environment. store copy: the destination store URL (docs/store.md).',
    commands: ['move', 'diff', 'check-gate', 'store-copy'],
    required: ['diff', 'store-copy'],
    aliases: ['todom'],
  },
  {
    name: 'from',
    type: 'string',
    description:
      'move: stage (or Ortelius domain) to move from (default: the current stage). diff: first environment. store copy: the source store URL (default: the store this command would use).',
    commands: ['move', 'diff', 'store-copy'],
    required: ['diff'],
    aliases: ['from_domain', 'from-domain'],
  },
  {
    name: 'override',
    type: 'boolean',
    description:
      'Pass a gate the release policy refuses, when the target stage allows it (allow_override = true); needs --reason. Recorded with who and why, and shown by status, history and show.',
    commands: ['move', 'deploy'],
    default: 'false',
  },
  {
    name: 'reason',
    type: 'string',
    description: 'Why --override is used (stored with the override).',
    commands: ['move', 'deploy'],
  },
  {
    name: 'as',
    type: 'string',
    description:
      'Outside CI only: the identity to record as acting (an e-mail or login), marked self-asserted. In CI the platform names who acts. Default: git config user.email, else the OS user.',
    commands: ['version-update', 'move', 'approve', 'deploy'],
    example: 'dana@example.com',
    cliOnly: true,
  },
  {
    name: 'task',
    type: 'string',
    description: "Name of the move task (Ortelius: a task of the from-domain). Default: the target stage's task.",
    commands: ['move'],
  },
  // --- deploy ------------------------------------------------------------------------------------------
  {
    name: 'env',
    type: 'string',
    description:
      "deploy and version-update: environment to deploy to (must exist in the pipeline config). check-gate: the environment a deployment would go to. status and history: only this environment. plan, apply: only these environments of the intent (repeatable). state: the environment whose custom state is set or read. envscript: also write that environment's custom state as SHIPLOG_STATE_<KEY>.",
    commands: [
      'deploy',
      'version-update',
      'status',
      'history',
      'check-gate',
      'envscript',
      ...PLAN_APPLY,
      'state-set',
      'state-get',
      'state-list',
    ],
    required: ['deploy', 'state-set', 'state-get'],
    listFor: PLAN_APPLY,
    aliases: ['deployenv', 'deploy-env'],
    env: ['DEPLOY_ENV'],
    example: 'qa',
  },
  {
    name: 'command',
    type: 'string',
    description:
      'Shell command that performs the deployment; shiplog runs it, streams and keeps its output, and records the result. The CLI also accepts the command after `--`. version-update: deploys to --env after the update.',
    commands: ['deploy', 'version-update'],
    example: 'helm upgrade --install shop ./chart',
  },
  {
    name: 'exit-code',
    type: 'integer',
    description: 'Record-only: the exit code of a deployment an earlier step ran.',
    commands: ['deploy'],
  },
  {
    name: 'log-file',
    type: 'string',
    description: "Record-only: file with the deployment's log to store.",
    commands: ['deploy'],
  },
  {
    name: 'log-url',
    type: 'string',
    description: "Link to the deployment's log (e.g. the CI job), stored with the deployment.",
    commands: ['deploy'],
  },
  // --- envscript ---------------------------------------------------------------------------------------
  {
    name: 'output',
    type: 'string',
    description: 'File the variables are appended to. Default: print to stdout.',
    commands: ['envscript'],
    aliases: ['envvars_sh'],
    expose: {
      circleci: {
        description:
          'File the variables are appended to. Empty: $BASH_ENV, which CircleCI loads in every later step of the same job; only format sh may go there (another format with an empty output fails the step with exit 2).',
      },
    },
  },
  {
    name: 'format',
    type: 'enum',
    values: ['sh', 'dotenv', 'json', 'github'],
    description: 'sh: export KEY=\'VALUE\' lines; dotenv: KEY="VALUE"; json: one object; github: GITHUB_ENV heredoc blocks.',
    commands: ['envscript'],
    default: 'sh',
  },
  {
    name: 'allow-dangerous-exports',
    type: 'boolean',
    description:
      'Let [Export] in component.toml set variables that change how programs start or load code (PATH, LD_PRELOAD, BASH_ENV, NODE_OPTIONS, ...; docs/envscript.md); refused by default (exit 2).',
    commands: ['envscript'],
    default: 'false',
  },
  // --- desired state (docs/intent.md) --------------------------------------------------------------------
  {
    name: 'intent',
    type: 'string',
    description:
      'The intent file (what should run where; report: the drift it shows). Default: the nearest intent.toml from here up to the repository root (report: none found, no drift shown).',
    commands: [...PLAN_APPLY, 'report'],
    env: ['SHIPLOG_INTENT'],
    example: 'deploy/intent.toml',
  },
  {
    name: 'mermaid',
    type: 'boolean',
    description: "Print the plan's waves as a Mermaid flowchart on stdout (the table still goes to stderr).",
    commands: ['plan'],
    default: 'false',
    cliOnly: true,
  },
  {
    name: 'pass-on-changes',
    type: 'boolean',
    description:
      'Exit 0 whenever the plan was made, also when it has work, drift or blocked rows (a pull request check that shows the plan; read the `has-changes` and `changes` outputs). Default: exit 1 then, so that a scheduled job alerts on drift.',
    commands: ['plan'],
    default: 'false',
  },
  {
    name: 'parallel',
    type: 'integer',
    description: 'At most this many deployments at once within a wave.',
    commands: ['apply'],
    default: '1',
  },
  {
    name: 'fail-fast',
    type: 'boolean',
    description: 'Stop starting deployments in every environment after the first failure (default: only the failed environment stops).',
    commands: ['apply'],
    default: 'false',
  },
  {
    name: 'lock-timeout',
    type: 'duration',
    description: "How long to wait for another apply's lease on an environment before giving up with exit 4 naming the holder.",
    commands: ['apply'],
    default: '10m',
  },
  {
    name: 'key',
    type: 'string',
    description:
      'Custom state key: lower-case letters, digits and _ (db_url); deploy commands receive it as SHIPLOG_STATE_<KEY>. Secret names are refused: state is not a secret store.',
    commands: ['state-set', 'state-get'],
    required: ['state-set', 'state-get'],
    example: 'db_url',
  },
  {
    name: 'value',
    type: 'string',
    description: 'The value to set (a string).',
    commands: ['state-set'],
  },
  {
    name: 'from-json',
    type: 'string',
    description: 'A JSON file whose value (any JSON) is set instead of --value.',
    commands: ['state-set'],
  },
  // --- queries -----------------------------------------------------------------------------------------
  {
    name: 'limit',
    type: 'integer',
    description: "At most this many entries (state get: values of the key's history).",
    commands: ['history', 'state-get'],
    default: '20',
  },
  {
    // Shares its name with version-update's component kind; no command takes both.
    name: 'kind',
    type: 'enum',
    values: ['deploy', 'move', 'approve', 'reject', 'override'],
    description:
      'What to list: deployments, moves, approvals, rejections, or overrides (moves and deployments that passed a gate by --override).',
    commands: ['history'],
    default: 'deploy',
  },
  // --- report (the release dashboard, docs/dashboard.md) ------------------------------------------------
  {
    name: 'html',
    type: 'string',
    description: 'report: write the dashboard as one self-contained HTML page (inline style and script, fetches nothing) to this file.',
    commands: ['report'],
    example: 'shiplog-report.html',
  },
  {
    name: 'markdown',
    type: 'string',
    description:
      "report: write the dashboard as markdown (PR comments, job summaries; cut under GitHub's 1 MiB summary limit with a pointer to the HTML) to this file; `-` prints it on stdout. Default: on stdout when --html is not given.",
    commands: ['report'],
    example: 'report.md',
  },
  {
    name: 'html-url',
    type: 'string',
    description: 'report: where the HTML report is published (an artifact or Pages URL): the markdown links to it.',
    commands: ['report'],
  },
  {
    name: 'recent',
    type: 'integer',
    description: 'report: how many of the latest deployments to show per application.',
    commands: ['report'],
    default: '10',
  },
  // --- output (CLI only) -------------------------------------------------------------------------------
  {
    name: 'json',
    type: 'boolean',
    description: 'Print exactly one JSON object on stdout (human logs stay on stderr).',
    commands: ALL,
    default: 'false',
    cliOnly: true,
  },
  {
    name: 'debug',
    type: 'boolean',
    description: 'Show debug lines and stack traces.',
    commands: ALL,
    default: 'false',
    cliOnly: true,
  },
  // --- CLI output (cli/table-format.ts, cli/color.ts; docs/cli.md "Output") -------------------------------
  {
    name: 'format',
    type: 'enum',
    values: ['table', 'json', 'markdown', 'csv', 'tsv', 'html'],
    description:
      'Output on stdout: an aligned table on a terminal (tab-separated rows without header when piped), one JSON object, a Markdown table, CSV or TSV with a header. --json is --format json. html (status only): the release dashboard page, as report --html draws it.',
    commands: TABLE_QUERIES,
    default: 'table',
    cliOnly: true,
  },
  {
    name: 'wide',
    type: 'boolean',
    description: 'Do not fit the table to the terminal width: show every cell in full.',
    commands: TABLE_QUERIES,
    default: 'false',
    cliOnly: true,
  },
  {
    name: 'color',
    type: 'enum',
    values: ['auto', 'always', 'never'],
    description: 'Colour: auto = only on a terminal, unless NO_COLOR is set (FORCE_COLOR forces it on, FORCE_COLOR=0 off).',
    commands: ALL,
    default: 'auto',
    cliOnly: true,
  },
  {
    name: 'ignore-env-filters',
    type: 'boolean',
    description: 'Ignore the filters taken from environment variables (DEPLOY_ENV, COMPONENT_NAME, COMPONENT_APPLICATION).',
    commands: FILTERED_QUERIES,
    default: 'false',
    cliOnly: true,
  },
];

export function inputsFor(command: CommandName, opts: { includeCliOnly?: boolean } = {}): InputSpec[] {
  return INPUTS.filter((i) => i.commands.includes(command) && (opts.includeCliOnly || !i.cliOnly)).map((i) =>
    i.listFor?.includes(command) ? { ...i, type: 'list' as const, env: undefined, required: false } : i,
  );
}

export function isRequired(input: InputSpec, command: CommandName): boolean {
  if (input.required === true) return true;
  if (Array.isArray(input.required)) return input.required.includes(command);
  return false;
}

/** Names of every secret input an adapter exposes (each only through its platform's secret channel). */
export const SECRET_INPUTS: readonly string[] = INPUTS.filter((i) => i.secret && !i.cliOnly).map((i) => i.name);
