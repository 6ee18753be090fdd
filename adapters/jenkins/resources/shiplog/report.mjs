#!/usr/bin/env node
import { createRequire as __shiplogCreateRequire } from 'node:module';
const require = __shiplogCreateRequire(import.meta.url);
import { readFileSync } from 'node:fs';

const OPERATIONS = ["version-update", "move", "approve", "deploy", "envscript"];
const QUERIES = ["status", "history", "diff", "graph", "report", "show", "check-gate"];
const STORE_COMMANDS = ["store-info", "store-copy", "store-check"];
const INTENT_COMMANDS = ["plan", "apply", "state-set", "state-get", "state-list"];
const COMMANDS = [...OPERATIONS, ...QUERIES, ...STORE_COMMANDS, ...INTENT_COMMANDS];
const ALL = COMMANDS;
const MUTATING = ["version-update", "move", "approve", "deploy", "envscript", "apply", "state-set"];
const PLAN_APPLY = ["plan", "apply"];
const TABLE_QUERIES = ["status", "history", "diff"];
const FILTERED_QUERIES = ["status", "history", "diff", "graph"];
const INPUTS = [
  // --- backend and connection -------------------------------------------------------------------------
  {
    name: "backend",
    type: "enum",
    values: ["local", "ortelius"],
    description: "Where releases are recorded: `local` (embedded store in --state-dir) or `ortelius` (an Ortelius/DeployHub server). Default: `ortelius` when DHURL is set, else `local`.",
    commands: ALL,
    env: ["SHIPLOG_BACKEND"]
  },
  {
    name: "store",
    type: "string",
    description: "Where state is kept, shared across runners: a directory, `git+origin` (this repository's origin, with the checkout's credentials), `git+https://host/org/repo.git[#ref=<ref>]`, `git+ssh://...`, `git+file:///srv/state.git`, `postgres://user@host:5432/db[?sslmode=...]` (libpq's PG* variables fill the rest; docs/store-postgres.md). Default: `[store] url` in shiplog.toml, else the `.shiplog` directory found from here up to the repository root (docs/store.md).",
    commands: ALL,
    env: ["SHIPLOG_STORE"],
    example: "git+origin"
  },
  {
    name: "store-password",
    type: "string",
    secret: true,
    description: "Password or token for a git store over http(s) (sent through GIT_ASKPASS, never in a URL; a warning when it would go over plain http to another machine) or a postgres store (else PGPASSWORD, else ~/.pgpass). Prefer the SHIPLOG_STORE_PASSWORD environment variable.",
    commands: ALL,
    env: ["SHIPLOG_STORE_PASSWORD"],
    expose: {
      circleci: { value: false, envName: "SHIPLOG_STORE_PASSWORD" },
      buildkite: { value: false, envName: "SHIPLOG_STORE_PASSWORD" },
      jenkins: { value: false, credentials: "store-credentials-id" }
    }
  },
  {
    name: "state-dir",
    type: "string",
    description: "Directory of the embedded store (the older spelling of `--store <directory>`). Default: the nearest `.shiplog` directory from here up to the repository root, else `.shiplog` beside shiplog.toml or at the repository root.",
    commands: ALL,
    default: ".shiplog",
    env: ["SHIPLOG_STATE_DIR"]
  },
  {
    name: "config",
    type: "string",
    description: "Pipeline config: stages, environments and the release policy (docs/policy.md). Missing file: dev -> qa -> prod, prod needs one approval.",
    commands: ALL,
    default: "shiplog.toml",
    env: ["SHIPLOG_CONFIG"]
  },
  {
    name: "dhurl",
    type: "string",
    description: "Ortelius/DeployHub server URL (ortelius backend).",
    commands: ALL,
    env: ["DHURL"],
    example: "https://console.deployhub.com",
    expose: { circleci: { value: false, envName: "DHURL" }, buildkite: { envName: "DHURL" } }
  },
  {
    name: "dhuser",
    type: "string",
    description: "Ortelius/DeployHub user (ortelius backend).",
    commands: ALL,
    env: ["DHUSER"],
    expose: { circleci: { value: false, envName: "DHUSER" }, buildkite: { envName: "DHUSER" }, jenkins: { credentials: "credentials-id" } }
  },
  {
    name: "dhpass",
    type: "string",
    secret: true,
    description: "Ortelius/DeployHub password (ortelius backend). Prefer the DHPASS environment variable: a flag value can show in process listings.",
    commands: ALL,
    env: ["DHPASS"],
    expose: {
      circleci: { value: false, envName: "DHPASS" },
      buildkite: { value: false, envName: "DHPASS" },
      jenkins: { value: false, credentials: "credentials-id" }
    }
  },
  {
    name: "ca-cert",
    type: "string",
    description: "PEM file with an extra CA to trust for the Ortelius server.",
    commands: ALL,
    aliases: ["cert"],
    env: ["SHIPLOG_CA_CERT"]
  },
  {
    name: "insecure",
    type: "boolean",
    description: "Do not verify the Ortelius server's TLS certificate (warns on every run).",
    commands: ALL,
    default: "false"
  },
  {
    name: "max-response-mib",
    type: "integer",
    description: "Largest answer (MiB) shiplog reads from a server (Ortelius, the GitHub and Jenkins APIs in their adapters, an object of a git store, a stored value of a postgres store): a larger one is refused with exit 4 naming the limit, after reading no more than that.",
    commands: ALL,
    default: "32",
    env: ["SHIPLOG_MAX_RESPONSE_MIB"]
  },
  {
    name: "timeout",
    type: "duration",
    description: "Time limit of the whole command (e.g. 90s, 15m, 1h): every request to a server (git and postgres stores included: git is stopped with its process group, a postgres connection is closed and its open transaction rolls back), every retry, and a deployment shiplog runs or follows. Past it shiplog stops with exit 5: a deployment command it runs is stopped (its whole process group: SIGTERM, then SIGKILL after 10 s) and recorded as failed (recording may take up to 30 s more); a server-side deployment is no longer followed. Default: 30m for deploy and version-update, 5m for the other commands.",
    commands: ALL,
    env: ["SHIPLOG_TIMEOUT"]
  },
  {
    name: "dry-run",
    type: "boolean",
    description: "Print the plan and write nothing.",
    commands: MUTATING,
    default: "false"
  },
  {
    name: "report",
    type: "boolean",
    description: "After the operation (also a failed one), write the release dashboard as shiplog-report.html and shiplog-report.md in the working directory (docs/dashboard.md), and publish it where the platform keeps such files: GitHub workflow-run artifact linked from the job summary (the action's `report-artifact-url` output), CircleCI store_artifacts, Buildkite artifact and annotation, Jenkins archiveArtifacts (and publishHTML when installed). true or false.",
    commands: ["version-update", "move", "approve", "deploy"],
    default: "false"
  },
  // --- component (version-update, envscript) ----------------------------------------------------------
  {
    name: "toml",
    type: "string",
    description: "component.toml to read (Name, Variant, Version, Application, [Attributes], [Export]). When the default ./component.toml is missing, Name/Variant/Version come from git; any other path must exist.",
    commands: ["version-update", "envscript"],
    default: "component.toml",
    aliases: ["rsp", "envvars"]
  },
  {
    name: "component-name",
    type: "string",
    description: "Full component name with its domain, e.g. GLOBAL.Acme.Store.cart. Overrides Name in component.toml.",
    commands: ["version-update", "history"],
    aliases: ["compname"],
    env: ["COMPONENT_NAME"],
    example: "GLOBAL.Acme.Store.cart"
  },
  {
    name: "component-variant",
    type: "string",
    description: "Component variant, usually the branch (`/`, `.`, `-` become `_`). Overrides Variant.",
    commands: ["version-update"],
    aliases: ["compvariant"],
    env: ["COMPONENT_VARIANT"]
  },
  {
    name: "component-version",
    type: "string",
    description: "Component version (`.` and `-` become `_`). Overrides Version.",
    commands: ["version-update"],
    aliases: ["compversion"],
    env: ["COMPONENT_VERSION"],
    example: "v1.2.0-g61ba0ab"
  },
  {
    name: "auto-increment",
    type: "boolean",
    description: "Name the version v<schema>_<commit count>_g<sha> (the documented Ortelius intent) instead of using Version as is. true or false.",
    commands: ["version-update"],
    default: "false",
    aliases: ["compautoinc"],
    env: ["COMPONENT_AUTOINC"]
  },
  {
    name: "kind",
    type: "enum",
    values: ["docker", "file"],
    description: "Component kind.",
    commands: ["version-update"],
    default: "docker"
  },
  {
    name: "attr",
    type: "list",
    description: "Extra attribute KEY=VALUE (repeatable; KEY:VALUE also accepted; VALUE @file reads a file). version-update: stored on the component version, overriding [Attributes] and derived CI/git values. deploy: stored on the deployment.",
    commands: ["version-update", "deploy"],
    aliases: ["compattr"],
    example: "DockerSha=sha256:..."
  },
  {
    name: "sbom",
    type: "list",
    description: "SBOM to attach, TYPE@FILE with TYPE cyclonedx or spdx (repeatable).",
    commands: ["version-update"],
    aliases: ["deppkg"],
    example: "cyclonedx@bom.json"
  },
  {
    name: "sbom-required",
    type: "boolean",
    description: 'Make SBOM upload fatal: the server is asked whether it takes SBOMs before anything is written, and a refused upload fails the command (exit 4). Without it, a refused SBOM leaves the versions recorded and exits 1 ("recorded, SBOM not uploaded").',
    commands: ["version-update"],
    default: "false"
  },
  // --- application -------------------------------------------------------------------------------------
  {
    name: "application",
    type: "string",
    description: "Full application name with its domain, e.g. GLOBAL.Acme.Store.shop (may carry ;version). status, history, diff, report: only this application. show: also the first word after the command. plan, apply: only these applications of the intent (repeatable).",
    commands: [
      "version-update",
      "move",
      "approve",
      "deploy",
      "history",
      "graph",
      "status",
      "diff",
      "report",
      "show",
      "check-gate",
      ...PLAN_APPLY
    ],
    required: ["move", "approve", "deploy", "graph", "show", "check-gate"],
    listFor: PLAN_APPLY,
    aliases: ["appname"],
    env: ["COMPONENT_APPLICATION"],
    example: "GLOBAL.Acme.Store.shop"
  },
  {
    name: "app-version",
    type: "string",
    description: "Application version (`.` and `-` become `_`). version-update: the version to create or reuse (default: next after the latest). move/approve/deploy/show/check-gate: default the latest.",
    commands: ["version-update", "move", "approve", "deploy", "show", "check-gate"],
    aliases: ["appversion"],
    env: ["COMPONENT_APPLICATION_VERSION"]
  },
  {
    name: "app-auto-increment",
    type: "boolean",
    description: "When the requested application version exists, bump it (1_0_0 -> 1_0_1) instead of reusing it. true or false.",
    commands: ["version-update"],
    default: "false",
    aliases: ["appautoinc"],
    env: ["COMPONENT_APPLICATION_AUTOINC"]
  },
  // --- stages ------------------------------------------------------------------------------------------
  {
    name: "stage",
    type: "string",
    description: "Stage the approval is for. Default: the stage after the application version's current one.",
    commands: ["approve"]
  },
  {
    name: "reject",
    type: "boolean",
    description: "Record a rejection instead of an approval.",
    commands: ["approve"],
    default: "false"
  },
  {
    name: "notes",
    type: "string",
    description: "Free text stored with the approval or move.",
    commands: ["approve", "move"]
  },
  {
    name: "platform-gate",
    type: "boolean",
    description: `Record the approval as the platform's own manual gate, with the identity of who released it (docs/policy.md, "Platform gates"): GitHub: the required reviewer of the job's environment, from the run's approvals (the action, with github-token); Buildkite: the unblocker of the block step before this step; CircleCI: the approver of the workflow's approval job (from API v2 with circleci-token; without it the pipeline's user, source ci:circleci); Jenkins: the submitter of the input step shiplogApprove runs (gate-message). The gate not released: exit 1, nothing stored. Not with reject.`,
    commands: ["approve"],
    default: "false"
  },
  {
    name: "gate-name",
    type: "string",
    description: "With platform-gate: which gate. GitHub: the environment whose reviewers approved (default: the stage). CircleCI: the approval job (default: the one approved last in this workflow). Buildkite, Jenkins: not used.",
    commands: ["approve"],
    example: "hold-prod"
  },
  {
    name: "circleci-token",
    type: "string",
    secret: true,
    description: "With platform-gate on CircleCI: a personal API token that may read the project, to ask API v2 who approved the approval job (GET /workflow/{id}/job, /user/{id}; SHIPLOG_CIRCLECI_API_URL for CircleCI server). Without it the identity recorded is the pipeline's (CIRCLE_USERNAME).",
    commands: ["approve"],
    env: ["CIRCLE_TOKEN"],
    expose: { github: false, buildkite: false, jenkins: false, circleci: { value: false, envName: "CIRCLE_TOKEN" } }
  },
  {
    name: "to",
    type: "string",
    description: "move: stage to move the application version into (default: the next stage). check-gate: the stage a move would go to (or give --env). diff: second environment. store copy: the destination store URL (docs/store.md).",
    commands: ["move", "diff", "check-gate", "store-copy"],
    required: ["diff", "store-copy"],
    aliases: ["todom"]
  },
  {
    name: "from",
    type: "string",
    description: "move: stage (or Ortelius domain) to move from (default: the current stage). diff: first environment. store copy: the source store URL (default: the store this command would use).",
    commands: ["move", "diff", "store-copy"],
    required: ["diff"],
    aliases: ["from_domain", "from-domain"]
  },
  {
    name: "override",
    type: "boolean",
    description: "Pass a gate the release policy refuses, when the target stage allows it (allow_override = true); needs --reason. Recorded with who and why, and shown by status, history and show.",
    commands: ["move", "deploy"],
    default: "false"
  },
  {
    name: "reason",
    type: "string",
    description: "Why --override is used (stored with the override).",
    commands: ["move", "deploy"]
  },
  {
    name: "as",
    type: "string",
    description: "Outside CI only: the identity to record as acting (an e-mail or login), marked self-asserted. In CI the platform names who acts. Default: git config user.email, else the OS user.",
    commands: ["version-update", "move", "approve", "deploy"],
    example: "dana@example.com",
    cliOnly: true
  },
  {
    name: "task",
    type: "string",
    description: "Name of the move task (Ortelius: a task of the from-domain). Default: the target stage's task.",
    commands: ["move"]
  },
  // --- deploy ------------------------------------------------------------------------------------------
  {
    name: "env",
    type: "string",
    description: "deploy and version-update: environment to deploy to (must exist in the pipeline config). check-gate: the environment a deployment would go to. status and history: only this environment. plan, apply: only these environments of the intent (repeatable). state: the environment whose custom state is set or read. envscript: also write that environment's custom state as SHIPLOG_STATE_<KEY>.",
    commands: [
      "deploy",
      "version-update",
      "status",
      "history",
      "check-gate",
      "envscript",
      ...PLAN_APPLY,
      "state-set",
      "state-get",
      "state-list"
    ],
    required: ["deploy", "state-set", "state-get"],
    listFor: PLAN_APPLY,
    aliases: ["deployenv", "deploy-env"],
    env: ["DEPLOY_ENV"],
    example: "qa"
  },
  {
    name: "command",
    type: "string",
    description: "Shell command that performs the deployment; shiplog runs it, streams and keeps its output, and records the result. The CLI also accepts the command after `--`. version-update: deploys to --env after the update.",
    commands: ["deploy", "version-update"],
    example: "helm upgrade --install shop ./chart"
  },
  {
    name: "exit-code",
    type: "integer",
    description: "Record-only: the exit code of a deployment an earlier step ran.",
    commands: ["deploy"]
  },
  {
    name: "log-file",
    type: "string",
    description: "Record-only: file with the deployment's log to store.",
    commands: ["deploy"]
  },
  {
    name: "log-url",
    type: "string",
    description: "Link to the deployment's log (e.g. the CI job), stored with the deployment.",
    commands: ["deploy"]
  },
  // --- envscript ---------------------------------------------------------------------------------------
  {
    name: "output",
    type: "string",
    description: "File the variables are appended to. Default: print to stdout.",
    commands: ["envscript"],
    aliases: ["envvars_sh"],
    expose: {
      circleci: {
        description: "File the variables are appended to. Empty: $BASH_ENV, which CircleCI loads in every later step of the same job; only format sh may go there (another format with an empty output fails the step with exit 2)."
      }
    }
  },
  {
    name: "format",
    type: "enum",
    values: ["sh", "dotenv", "json", "github"],
    description: `sh: export KEY='VALUE' lines; dotenv: KEY="VALUE"; json: one object; github: GITHUB_ENV heredoc blocks.`,
    commands: ["envscript"],
    default: "sh"
  },
  {
    name: "allow-dangerous-exports",
    type: "boolean",
    description: "Let [Export] in component.toml set variables that change how programs start or load code (PATH, LD_PRELOAD, BASH_ENV, NODE_OPTIONS, ...; docs/envscript.md); refused by default (exit 2).",
    commands: ["envscript"],
    default: "false"
  },
  // --- desired state (docs/intent.md) --------------------------------------------------------------------
  {
    name: "intent",
    type: "string",
    description: "The intent file (what should run where; report: the drift it shows). Default: the nearest intent.toml from here up to the repository root (report: none found, no drift shown).",
    commands: [...PLAN_APPLY, "report"],
    env: ["SHIPLOG_INTENT"],
    example: "deploy/intent.toml"
  },
  {
    name: "mermaid",
    type: "boolean",
    description: "Print the plan's waves as a Mermaid flowchart on stdout (the table still goes to stderr).",
    commands: ["plan"],
    default: "false",
    cliOnly: true
  },
  {
    name: "pass-on-changes",
    type: "boolean",
    description: "Exit 0 whenever the plan was made, also when it has work, drift or blocked rows (a pull request check that shows the plan; read the `has-changes` and `changes` outputs). Default: exit 1 then, so that a scheduled job alerts on drift.",
    commands: ["plan"],
    default: "false"
  },
  {
    name: "parallel",
    type: "integer",
    description: "At most this many deployments at once within a wave.",
    commands: ["apply"],
    default: "1"
  },
  {
    name: "fail-fast",
    type: "boolean",
    description: "Stop starting deployments in every environment after the first failure (default: only the failed environment stops).",
    commands: ["apply"],
    default: "false"
  },
  {
    name: "lock-timeout",
    type: "duration",
    description: "How long to wait for another apply's lease on an environment before giving up with exit 4 naming the holder.",
    commands: ["apply"],
    default: "10m"
  },
  {
    name: "key",
    type: "string",
    description: "Custom state key: lower-case letters, digits and _ (db_url); deploy commands receive it as SHIPLOG_STATE_<KEY>. Secret names are refused: state is not a secret store.",
    commands: ["state-set", "state-get"],
    required: ["state-set", "state-get"],
    example: "db_url"
  },
  {
    name: "value",
    type: "string",
    description: "The value to set (a string).",
    commands: ["state-set"]
  },
  {
    name: "from-json",
    type: "string",
    description: "A JSON file whose value (any JSON) is set instead of --value.",
    commands: ["state-set"]
  },
  // --- queries -----------------------------------------------------------------------------------------
  {
    name: "limit",
    type: "integer",
    description: "At most this many entries (state get: values of the key's history).",
    commands: ["history", "state-get"],
    default: "20"
  },
  {
    // Shares its name with version-update's component kind; no command takes both.
    name: "kind",
    type: "enum",
    values: ["deploy", "move", "approve", "reject", "override"],
    description: "What to list: deployments, moves, approvals, rejections, or overrides (moves and deployments that passed a gate by --override).",
    commands: ["history"],
    default: "deploy"
  },
  // --- report (the release dashboard, docs/dashboard.md) ------------------------------------------------
  {
    name: "html",
    type: "string",
    description: "report: write the dashboard as one self-contained HTML page (inline style and script, fetches nothing) to this file.",
    commands: ["report"],
    example: "shiplog-report.html"
  },
  {
    name: "markdown",
    type: "string",
    description: "report: write the dashboard as markdown (PR comments, job summaries; cut under GitHub's 1 MiB summary limit with a pointer to the HTML) to this file; `-` prints it on stdout. Default: on stdout when --html is not given.",
    commands: ["report"],
    example: "report.md"
  },
  {
    name: "html-url",
    type: "string",
    description: "report: where the HTML report is published (an artifact or Pages URL): the markdown links to it.",
    commands: ["report"]
  },
  {
    name: "recent",
    type: "integer",
    description: "report: how many of the latest deployments to show per application.",
    commands: ["report"],
    default: "10"
  },
  // --- output (CLI only) -------------------------------------------------------------------------------
  {
    name: "json",
    type: "boolean",
    description: "Print exactly one JSON object on stdout (human logs stay on stderr).",
    commands: ALL,
    default: "false",
    cliOnly: true
  },
  {
    name: "debug",
    type: "boolean",
    description: "Show debug lines and stack traces.",
    commands: ALL,
    default: "false",
    cliOnly: true
  },
  // --- CLI output (cli/table-format.ts, cli/color.ts; docs/cli.md "Output") -------------------------------
  {
    name: "format",
    type: "enum",
    values: ["table", "json", "markdown", "csv", "tsv", "html"],
    description: "Output on stdout: an aligned table on a terminal (tab-separated rows without header when piped), one JSON object, a Markdown table, CSV or TSV with a header. --json is --format json. html (status only): the release dashboard page, as report --html draws it.",
    commands: TABLE_QUERIES,
    default: "table",
    cliOnly: true
  },
  {
    name: "wide",
    type: "boolean",
    description: "Do not fit the table to the terminal width: show every cell in full.",
    commands: TABLE_QUERIES,
    default: "false",
    cliOnly: true
  },
  {
    name: "color",
    type: "enum",
    values: ["auto", "always", "never"],
    description: "Colour: auto = only on a terminal, unless NO_COLOR is set (FORCE_COLOR forces it on, FORCE_COLOR=0 off).",
    commands: ALL,
    default: "auto",
    cliOnly: true
  },
  {
    name: "ignore-env-filters",
    type: "boolean",
    description: "Ignore the filters taken from environment variables (DEPLOY_ENV, COMPONENT_NAME, COMPONENT_APPLICATION).",
    commands: FILTERED_QUERIES,
    default: "false",
    cliOnly: true
  }
];
INPUTS.filter((i) => i.secret && !i.cliOnly).map((i) => i.name);

const rec$3 = (x) => x !== null && typeof x === "object" && !Array.isArray(x) ? x : void 0;
const text$1 = (x) => typeof x === "string" && x.trim() !== "" ? x : void 0;
function ruleOf(x) {
  if (typeof x === "string") return text$1(x) ? { rule: "rule", stage: "", message: x } : void 0;
  const r = rec$3(x);
  const message = text$1(r?.message);
  if (!r || !message) return void 0;
  const environment = text$1(r.environment);
  const next = text$1(r.next);
  return {
    rule: text$1(r.rule) ?? "rule",
    stage: text$1(r.stage) ?? "",
    ...environment ? { environment } : {},
    message,
    ...next ? { next } : {}
  };
}
function gateVerdictOf(result) {
  const e = rec$3(result.error);
  const passed = typeof result.gatePassed === "boolean" ? result.gatePassed : typeof e?.gatePassed === "boolean" ? e.gatePassed : void 0;
  const list = Array.isArray(result.unmetRules) ? result.unmetRules : Array.isArray(e?.unmetRules) ? e.unmetRules : void 0;
  if (passed === void 0 && list === void 0) return void 0;
  const rules = (list ?? []).map(ruleOf).filter((r) => r !== void 0);
  return { passed: passed ?? rules.length === 0, rules };
}
function ruleLine(r) {
  const head = r.rule === "rule" && !r.stage ? r.message : `${r.rule}: ${r.message}`;
  return r.next ? `${head} (next: ${r.next})` : head;
}
function refusalHeadline(title, verdict) {
  const kinds = [...new Set(verdict.rules.map((r) => r.rule).filter((k) => k !== "rule"))];
  const n = verdict.rules.length;
  return `${title} refused by the release policy: ${n} unmet rule${n === 1 ? "" : "s"}${kinds.length > 0 ? ` (${kinds.join(", ")})` : ""}`;
}

INPUTS.find((i) => i.name === "report")?.commands ?? [];

const rec$2 = (v) => v !== null && typeof v === "object" && !Array.isArray(v) ? v : void 0;
const str = (v) => typeof v === "string" ? v : typeof v === "number" ? String(v) : void 0;
function nameOf(v) {
  return str(v) ?? str(rec$2(v)?.name);
}
function deploymentOf(result) {
  return rec$2(result.deployment) ?? rec$2(rec$2(result.error)?.deployment);
}
function planOf(result) {
  if (result.operation === "plan" || rec$2(result.counts)?.deploy !== void 0) return rec$2(result.counts) ? result : void 0;
  return rec$2(result.plan);
}
function planChanges(result) {
  const counts = rec$2(planOf(result)?.counts);
  if (!counts) return void 0;
  return ["deploy", "undeploy", "blocked"].reduce((n, k) => n + (typeof counts[k] === "number" ? counts[k] : 0), 0);
}

const v = {
  text: (text) => ({ text: textOf(text) }),
  code: (text, note) => ({ text: textOf(text), code: true, ...note ? { note } : {} })
};
function textOf(x) {
  if (typeof x === "string") return x;
  if (typeof x === "number" || typeof x === "boolean") return String(x);
  if (x !== null && typeof x === "object" && typeof x.name === "string") return x.name;
  return "";
}

const rec$1 = (x) => x !== null && typeof x === "object" && !Array.isArray(x) ? x : {};
const arr = (x) => Array.isArray(x) ? x.map(rec$1) : [];
const text = (x) => typeof x === "string" ? x : typeof x === "number" ? String(x) : "";
const num = (x) => typeof x === "number" ? x : 0;
function version(full) {
  const s = text(full);
  if (s === "") return "-";
  const i = s.lastIndexOf(";");
  return i < 0 ? s : s.slice(i + 1);
}
function durationText(ms) {
  if (typeof ms !== "number") return "";
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)} s`;
  const s = Math.round(ms / 1e3);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
}
const MAX_TABLE_ROWS = 300;
function capped(rows, width) {
  if (rows.length <= MAX_TABLE_ROWS) return rows;
  const more = [`... ${rows.length - MAX_TABLE_ROWS} more rows in the JSON result`, ...Array(width - 1).fill("")];
  return [...rows.slice(0, MAX_TABLE_ROWS), more];
}
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
function planHeadline(plan) {
  const c = rec$1(plan.counts);
  const parts = [
    num(c.deploy) ? `${num(c.deploy)} to deploy` : "",
    num(c.undeploy) ? `${num(c.undeploy)} to undeploy` : "",
    num(c.blocked) ? `${num(c.blocked)} blocked` : "",
    `${num(c.nothing)} up to date`
  ].filter(Boolean);
  return `${planChanges(plan) ? "" : "nothing to do, "}${parts.join(", ")}`;
}
function planFacts(plan) {
  const envs = arr(plan.environments).map((e) => text(e.name));
  return [
    { label: "Intent", values: [{ text: text(plan.intent), code: true }] },
    { label: "Environments", values: envs.length ? envs.map((e) => ({ text: e, code: true })) : [{ text: "none" }] },
    { label: "Changes", values: [{ text: String(planChanges(plan) ?? 0) }] },
    { label: "Waves", values: [{ text: String(arr(plan.waves).length) }] }
  ];
}
function planTable(plan) {
  return {
    title: "Plan",
    columns: ["Environment", "Wave", "Application", "Current", "Desired", "Action", "Reason"],
    rows: capped(
      arr(plan.rows).map((r) => [
        text(r.environment),
        text(r.wave),
        text(r.application),
        version(r.current),
        r.desired === null ? "none" : version(r.desired),
        text(r.action),
        text(r.reason)
      ]),
      7
    )
  };
}
function blockedRules(plan) {
  return arr(plan.rows).filter((r) => r.action === "blocked").flatMap(
    (r) => arr(r.unmetRules).map(
      (u) => `${text(r.environment)} ${text(r.application)} ${version(r.desired)}: ${text(u.rule)}: ${text(u.message)}${text(u.next) ? ` (next: ${text(u.next)})` : ""}`
    )
  );
}
function stepsTable(steps) {
  return {
    title: "Deployments",
    columns: ["Environment", "Wave", "Application", "Version", "Action", "Status", "Duration", "Deployment", "Note"],
    rows: capped(
      steps.map((s) => [
        text(s.environment),
        text(s.wave),
        text(s.application),
        version(s.appVersion),
        text(s.action),
        s.status === "skipped" ? "not started" : text(s.status),
        durationText(s.durationMs),
        s.deploymentId === null || s.deploymentId === void 0 ? "" : `#${text(s.deploymentId)}`,
        text(s.message)
      ]),
      9
    )
  };
}
function applyHeadline(result) {
  const c = rec$1(result.counts);
  if (result.dryRun === true) return `would carry out: ${planHeadline(rec$1(result.plan))}`;
  if (num(c.succeeded) === 0 && num(c.failed) === 0) return "nothing to do: every environment matches the intent";
  return `${plural(num(c.succeeded), "deployment")} made, ${num(c.unchanged)} already matched`;
}
function applyFacts(result) {
  const c = rec$1(result.counts);
  const lease = rec$1(result.lease);
  const n = (label, key) => num(c[key]) ? [{ label, values: [{ text: String(num(c[key])) }] }] : [];
  return [
    { label: "Intent", values: [{ text: text(rec$1(result.plan).intent), code: true }] },
    { label: "Deployed", values: [{ text: String(num(c.succeeded)) }] },
    ...n("Failed", "failed"),
    ...n("Not started", "skipped"),
    ...n("Blocked", "blocked"),
    { label: "Already matched", values: [{ text: String(num(c.unchanged)) }] },
    ...text(lease.holder) ? [{ label: "Lease holder", values: [{ text: text(lease.holder) }] }] : []
  ];
}
function intentReport(command, result) {
  if (command === "plan" && Array.isArray(result.rows)) {
    return {
      headline: planHeadline(result),
      facts: planFacts(result),
      tables: [planTable(result)],
      unmetRules: blockedRules(result),
      diagram: text(result.mermaid) || void 0,
      diagramTitle: "Waves"
    };
  }
  if (command === "apply" && Array.isArray(result.steps)) {
    const plan = rec$1(result.plan);
    const dry = result.dryRun === true;
    const worked = arr(result.steps).filter((s) => s.status !== "unchanged");
    return {
      headline: applyHeadline(result),
      facts: applyFacts(result),
      tables: dry ? [planTable(plan)] : worked.length ? [stepsTable(worked)] : [],
      unmetRules: blockedRules(plan),
      diagram: text(plan.mermaid) || void 0,
      diagramTitle: "Waves"
    };
  }
  return void 0;
}

const rec = (x) => x !== null && typeof x === "object" && !Array.isArray(x) ? x : {};
const fact = (label, ...values) => ({ label, values });
const some = (f) => f.values.some((x) => x.text !== "");
const createdNote = (created) => created === true ? "created" : created === false ? "reused" : void 0;
const BLOCKED_CODES = ["APPROVAL_REQUIRED", "APPROVAL_REJECTED", "GATE_REFUSED", "APPROVER_REFUSED"];
function deploymentFacts(d) {
  const status = textOf(d.status);
  const logUrl = textOf(d.logUrl);
  return [
    fact("Application version", v.code(nameOf(d.appVersion))),
    fact("Environment", v.code(d.environment)),
    fact("Deployment", v.text(d.id === void 0 || d.id === null ? "" : `#${textOf(d.id)}`)),
    fact("Status", status === "success" || status === "failed" ? { text: status, status } : v.text(status)),
    fact("Exit code", v.text(d.exitCode)),
    ...logUrl ? [fact("Deployment log", { text: "log", href: logUrl })] : []
  ];
}
function variableNames(vars) {
  if (Array.isArray(vars)) return vars.map((x) => textOf(x)).filter(Boolean);
  return Object.keys(rec(vars));
}
const OPERATION_FACTS = {
  "version-update": (r) => [
    fact("Component version", v.code(nameOf(r.componentVersion), createdNote(r.componentVersionCreated))),
    fact("Application version", v.code(nameOf(r.appVersion), createdNote(r.appVersionCreated))),
    ...r.deployment ? deploymentFacts(rec(r.deployment)) : []
  ],
  move: (r) => [
    fact("Application version", v.code(r.appVersion)),
    fact("From", v.code(r.from)),
    fact("To", v.code(r.to)),
    ...textOf(r.notes) ? [fact("Notes", v.text(r.notes))] : []
  ],
  approve: (r) => [
    fact("Application version", v.code(r.appVersion)),
    fact("Stage", v.code(r.stage)),
    fact("Decision", v.text(r.approved === false ? "rejected" : "approved")),
    fact("By", v.code(rec(r.actor).id)),
    ...textOf(r.notes) ? [fact("Notes", v.text(r.notes))] : []
  ],
  deploy: (r) => deploymentFacts(deploymentOf(r) ?? {}),
  envscript: (r) => {
    const names = variableNames(r.variables);
    return [
      fact("File", v.code(textOf(r.file) || "job log (no output file)")),
      fact("Variables", ...names.length === 0 ? [v.text("none")] : names.map((n) => v.code(n)))
    ];
  }
};
const HEADLINES = {
  "version-update": (r) => `${nameOf(r.componentVersion) ?? ""}${nameOf(r.appVersion) ? ` in ${nameOf(r.appVersion)}` : ""}`,
  move: (r) => r.moved === false && r.dryRun !== true ? `${textOf(r.appVersion)} stays in ${textOf(r.to)}` : `moved ${textOf(r.appVersion)} ${textOf(r.from)} -> ${textOf(r.to)}`,
  approve: (r) => `${r.approved === false ? "rejected" : "approved"} ${textOf(r.appVersion)}${textOf(r.stage) ? ` for ${textOf(r.stage)}` : ""}`,
  deploy: (r) => {
    const d = deploymentOf(r) ?? {};
    return `${nameOf(d.appVersion) ?? ""} to ${textOf(d.environment)} ${textOf(d.status)}${d.id === void 0 || d.id === null ? "" : ` (#${textOf(d.id)})`}`;
  },
  envscript: (r) => {
    const n = variableNames(r.variables).length;
    return `${n} variable${n === 1 ? "" : "s"}${textOf(r.file) ? ` in ${textOf(r.file)}` : ""}`;
  },
  report: (r) => {
    const d = rec(r.dashboard);
    const apps = Array.isArray(d.applications) ? d.applications.length : 0;
    const envs = Array.isArray(d.environments) ? d.environments.length : 0;
    const file = textOf(rec(r.html).path);
    return `dashboard of ${apps} application${apps === 1 ? "" : "s"} x ${envs} environment${envs === 1 ? "" : "s"}${file ? ` in ${file}` : ""}`;
  }
};
function gateFact(result) {
  const override = rec(result.override);
  const rules = Array.isArray(override.rules) ? override.rules.map((r) => textOf(rec(r).rule) || textOf(r)).filter(Boolean) : [];
  return fact(
    "Release policy",
    override.reason !== void 0 ? v.text(`passed by override (${rules.join(", ") || "refused rules"}): ${textOf(override.reason)}`) : { text: "gate passed", status: "success" }
  );
}
function errorOf(result) {
  if (result.ok !== false) return void 0;
  const e = rec(result.error);
  const problems = Array.isArray(e.problems) ? e.problems.map((p) => textOf(p)) : void 0;
  return {
    code: textOf(e.code) || "INTERNAL",
    message: textOf(e.message) || "shiplog failed without a message",
    exitCode: typeof e.exitCode === "number" ? e.exitCode : 1,
    ...problems && problems.length > 1 ? { problems } : {}
  };
}
function isCommand(x) {
  return typeof x === "string" && COMMANDS.includes(x);
}
function buildReport(command, result, context = {}) {
  const op = command ?? (isCommand(result.operation) ? result.operation : void 0);
  const title = op ? `shiplog ${op}` : "shiplog";
  const error = errorOf(result);
  const dryRun = result.dryRun === true;
  const verdict = error ? BLOCKED_CODES.includes(error.code) ? "blocked" : "failed" : dryRun ? "dry-run" : "success";
  const e = rec(result.error);
  const gate = gateVerdictOf(result);
  const unmetRules = (gate?.rules ?? []).map(ruleLine);
  const intent = intentReport(op, result);
  if (intent) unmetRules.push(...intent.unmetRules);
  let facts;
  let headline;
  if (error) {
    const deployment = deploymentOf(result);
    const recorded = op !== void 0 && deployment !== void 0 && deployment.id !== void 0 && deployment.id !== null;
    facts = [
      fact("Error", v.code(error.code), v.text(error.message)),
      ...recorded ? deploymentFacts(deployment) : [],
      ...intent?.facts ?? []
    ];
    headline = recorded ? `${title}: ${nameOf(deployment.appVersion) ?? ""} to ${textOf(deployment.environment)} FAILED (#${textOf(deployment.id)})` : gate && !gate.passed && gate.rules.length > 0 ? refusalHeadline(title, gate) : `${title} failed: ${error.message}`;
  } else {
    facts = intent ? intent.facts : op && OPERATION_FACTS[op] ? OPERATION_FACTS[op](result) : [];
    const line = intent ? intent.headline : op && HEADLINES[op] ? HEADLINES[op](result) : "ok";
    headline = `${title}${dryRun ? " (dry run)" : ""}: ${line}`;
  }
  const hint = textOf(e.hint);
  return {
    ...op ? { command: op } : {},
    verdict,
    title,
    headline,
    facts: [...facts.filter(some), ...gate?.passed && !error ? [gateFact(result)] : [], ...context.facts ?? []],
    tables: [
      ...error?.problems ? [{ title: "Problems", columns: ["Problem"], rows: error.problems.map((p) => [p]) }] : [],
      ...intent?.tables ?? []
    ],
    links: context.links ?? [],
    unmetRules,
    ...gate ? { gate } : {},
    ...hint ? { nextStep: hint } : {},
    ...error ? { error } : {},
    ...(context.diagram ?? intent?.diagram) && verdict === "success" ? { diagram: context.diagram ?? intent?.diagram, ...!context.diagram && intent ? { diagramTitle: intent.diagramTitle } : {} } : {},
    result
  };
}
function noResultReport(command, exitCode) {
  const message = `shiplog ${command ?? ""} failed with exit ${exitCode} and no result: see the job log`.replace("  ", " ");
  return buildReport(command, { ok: false, ...command ? { operation: command } : {}, error: { code: "NO_RESULT", message, exitCode } });
}

function plainLine(s) {
  return s.replace(/\r?\n/g, " ").replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
}
function value(x) {
  const note = x.note ? ` (${plainLine(x.note)})` : "";
  const href = x.href && /^https?:\/\//.test(x.href) ? ` <${plainLine(x.href)}>` : "";
  return `${plainLine(x.text)}${note}${href}`;
}
function renderHeadline(report) {
  return plainLine(report.headline);
}
function alignedTable(t) {
  const rows = [t.columns, ...t.rows].map((r) => r.map((c) => plainLine(c)));
  const widths = t.columns.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r) => `  ${r.map((c, i) => i === r.length - 1 ? c : c.padEnd(widths[i])).join("  ")}`.trimEnd();
  return [`  ${plainLine(t.title)}:`, ...rows.map(line)];
}
function renderText(report) {
  const lines = [renderHeadline(report)];
  for (const f of report.facts) lines.push(`  ${plainLine(f.label)}: ${f.values.map(value).join(" ")}`);
  for (const l of report.links) lines.push(`  ${plainLine(l.label)}: ${value({ text: l.text, href: l.href })}`);
  for (const r of report.unmetRules) lines.push(`  unmet rule: ${plainLine(r)}`);
  for (const t of report.tables) {
    if (t.columns.length > 2) lines.push(...alignedTable(t));
    else for (const row of t.rows) lines.push(`  ${plainLine(t.title)}: ${row.map(plainLine).join(" | ")}`);
  }
  if (report.nextStep) lines.push(`  next step: ${plainLine(report.nextStep)}`);
  return `${lines.join("\n")}
`;
}

function parseResult(resultText) {
  try {
    const parsed = JSON.parse(resultText);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return parsed;
  } catch {
  }
  return void 0;
}
function reportOf(operation, resultText, exitCode) {
  const op = operation || void 0;
  const result = parseResult(resultText);
  return result ? buildReport(op, result) : noResultReport(op, exitCode);
}
function jenkinsStepLines(operation, resultText, exitCode) {
  const parsed = parseResult(resultText);
  const errorExit = parsed?.error?.exitCode;
  exitCode ??= typeof errorExit === "number" ? errorExit : parsed && parsed.ok !== false && !parsed.error ? 0 : 1;
  const report = reportOf(operation, resultText, exitCode);
  const description = renderHeadline(report);
  const console = operation === "apply" ? { console: renderText(report) } : {};
  if (!report.error && exitCode === 0) return { description, ...console };
  const rules = report.gate?.passed === false ? report.gate.rules.map(ruleLine) : [];
  const message = report.result.error?.message;
  const failure = rules.length > 0 ? `refused by the release policy: ${rules.join("; ")}` : typeof message === "string" && message.trim() !== "" ? message : report.error ? `exit ${exitCode}` : description;
  return { description, failure: plainLine(failure), ...console };
}

function jenkinsReportOutput(argv, read) {
  const arg = (name) => argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : void 0;
  let text;
  try {
    text = read(arg("--result") ?? "");
  } catch {
    text = "";
  }
  const exit = arg("--exit");
  const lines = jenkinsStepLines(arg("--operation"), text, exit === void 0 ? void 0 : Number(exit));
  const stdout = `${lines.description}
${lines.failure !== void 0 ? `${lines.failure}
` : ""}`;
  return lines.console !== void 0 ? { stdout, stderr: lines.console } : { stdout };
}

const out = jenkinsReportOutput(process.argv.slice(2), (file) => readFileSync(file, "utf8"));
if (out.stderr !== void 0) process.stderr.write(out.stderr);
process.stdout.write(out.stdout);
