// GENERATED from src/ and @shiplog/core by `npm run build`: do not edit (`npm run check` fails when it drifts).
import { spawnSync } from 'node:child_process';
import { statSync, chmodSync, realpathSync, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { constants } from 'node:os';

const EXIT = {
  OPERATION_FAILED: 1,
  INVALID: 2};
class ShiplogError extends Error {
  code = "SHIPLOG_ERROR";
  exitCode = EXIT.OPERATION_FAILED;
  hint;
  problems;
  details;
  constructor(message, opts = {}) {
    super(oneLine(message), opts.cause === void 0 ? void 0 : { cause: opts.cause });
    this.name = new.target.name;
    this.hint = opts.hint;
    this.problems = opts.problems;
    this.details = opts.details;
  }
  toJSON() {
    return {
      code: this.code,
      message: this.message,
      exitCode: this.exitCode,
      ...this.hint ? { hint: this.hint } : {},
      ...this.problems && this.problems.length > 1 ? { problems: this.problems } : {}
    };
  }
}
class ConfigError extends ShiplogError {
  code = "CONFIG";
  exitCode = EXIT.INVALID;
}
const INVISIBLE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
function oneLine(s) {
  return s.replace(/\s*\n\s*/g, " ").trim().replace(INVISIBLE_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const LONG_NEEDLE = 512;
const CHUNK_SOURCE = 8192;
class NeedleSet {
  needles = /* @__PURE__ */ new Set();
  compiled;
  /** Adds a needle (empty strings are ignored); true when it was new. */
  add(needle) {
    if (!needle || this.needles.has(needle)) return false;
    this.needles.add(needle);
    this.compiled = void 0;
    return true;
  }
  has(needle) {
    return this.needles.has(needle);
  }
  get size() {
    return this.needles.size;
  }
  values() {
    return [...this.needles];
  }
  /**
   * Replaces every occurrence of any needle with `mask` (overlapping occurrences: one mask over their union).
   * May throw only on out-of-memory-like failures (a result string too long); callers that must not throw
   * catch that themselves.
   */
  replaceAll(text, mask) {
    if (this.needles.size === 0 || !text) return text;
    if (this.absentFrom(text)) return text;
    const spans = this.spans(text);
    return spans.length === 0 ? text : splice(text, spans, mask);
  }
  /** A quick "no needle here" for the usual case (one chunk of short needles); false when unsure. */
  absentFrom(text) {
    const c = this.compiled ??= this.compile();
    if (c.literals.length !== 0 || c.chunks.length !== 1) return false;
    const { re } = c.chunks[0];
    try {
      re.lastIndex = 0;
      return !re.test(text);
    } catch {
      return false;
    }
  }
  /** Sorted, merged spans of every occurrence of any needle in `text`. */
  spans(text) {
    const c = this.compiled ??= this.compile();
    const found = [];
    for (let i = 0; i < c.chunks.length; i++) {
      const { re } = c.chunks[i];
      try {
        re.lastIndex = 0;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          found.push([m.index, m.index + m[0].length]);
          re.lastIndex = m.index + 1;
        }
      } catch (err) {
        if (!this.demote(i, err)) throw err;
        return this.spans(text);
      }
    }
    for (const needle of c.literals) {
      if (needle.length > text.length) continue;
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) found.push([at, at + needle.length]);
    }
    return merge(found, c.chunks.length + c.literals.length > 1);
  }
  compile() {
    const sorted = [...this.needles].sort((a, b) => b.length - a.length);
    const literals = [];
    const chunks = [];
    let parts = [];
    let members = [];
    let source = 0;
    const flush = () => {
      if (parts.length) chunks.push({ re: new RegExp(parts.join("|"), "g"), needles: members });
      parts = [];
      members = [];
      source = 0;
    };
    for (const n of sorted) {
      if (n.length > LONG_NEEDLE) {
        literals.push(n);
        continue;
      }
      const escaped = escapeRegExp(n);
      if (source + escaped.length + 1 > CHUNK_SOURCE) flush();
      parts.push(escaped);
      members.push(n);
      source += escaped.length + 1;
    }
    flush();
    return { chunks, literals };
  }
  /**
   * A chunk V8 refused (it compiles lazily, at the first exec): its needles are searched with indexOf from
   * now on. False when the error is not a refusal of the pattern (a SyntaxError): the caller rethrows it.
   */
  demote(index, err) {
    if (!(err instanceof SyntaxError)) return false;
    const c = this.compiled;
    const [refused] = c.chunks.splice(index, 1);
    c.literals.push(...refused.needles);
    return true;
  }
}
function merge(found, sort) {
  if (found.length <= 1) return found;
  if (sort) found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out = [found[0]];
  for (let i = 1; i < found.length; i++) {
    const last = out[out.length - 1];
    const [s, e] = found[i];
    if (s < last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}
function splice(text, spans, mask) {
  let out = "";
  let at = 0;
  for (const [s, e] of spans) {
    out += text.slice(at, s) + mask;
    at = e;
  }
  return out + text.slice(at);
}
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const MASK = "***";
const WITHHELD = "[shiplog: text withheld: it could not be redacted]";
const MIN_SECRET_LENGTH = 3;
const LINE_BREAK = /\r\n|\r|\n/;
class Redactor {
  needles = new NeedleSet();
  /** Secrets registered already (the CLI and execute() both register the environment's). */
  seen = /* @__PURE__ */ new Set();
  /**
   * Register a secret value. Empty and very short values are ignored. Never throws.
   * A multi-line secret (a PEM key, a kubeconfig) is registered whole and line by line (each line, and each line
   * without its surrounding blanks, of at least MIN_SECRET_LENGTH characters, with its encoded forms): deployment
   * output is redacted and stored one line at a time, so the whole value never appears in one line.
   */
  add(secret) {
    if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH || this.seen.has(secret)) return;
    this.seen.add(secret);
    for (const form of secretForms(secret)) {
      if (form.length >= MIN_SECRET_LENGTH) this.needles.add(form);
    }
    if (!LINE_BREAK.test(secret)) return;
    for (const line of secret.split(LINE_BREAK)) {
      this.add(line);
      this.add(line.trim());
    }
  }
  /** How many needles (secrets and their encoded forms) are registered. */
  get size() {
    return this.needles.size;
  }
  /** The registered raw secrets and their encoded forms (for adapters that must mask them natively). */
  values() {
    return this.needles.values();
  }
  /** `text` with every registered secret masked; WITHHELD when that cannot be done. Never throws. */
  redact(text) {
    try {
      if (typeof text !== "string") return WITHHELD;
      return this.needles.replaceAll(text, MASK);
    } catch {
      return WITHHELD;
    }
  }
  /**
   * Deep-redacts a JSON-like value: every string, and every object key (keys such as attribute names can
   * carry data), is redacted on its own, so a secret is masked whatever JSON would make of it (`"` and `\`
   * escaped, unicode), and the result is always a value JSON can write. Numbers, booleans and null are
   * structure, never masked: a secret spelled `null` or `true` cannot corrupt the document. The result has
   * the shape JSON.stringify would give (toJSON applied, undefined and functions dropped, non-finite numbers
   * null); a bigint becomes its decimal text and a cycle the string "[Circular]" instead of an exception.
   * Never throws: it runs after operations have committed, and must not turn them into failures.
   */
  redactValue(value) {
    if (this.needles.size === 0) return value;
    try {
      return this.walk(value, "", /* @__PURE__ */ new Set());
    } catch {
      return WITHHELD;
    }
  }
  walk(value, key, path) {
    let v = value;
    if (v !== null && typeof v === "object" && typeof v.toJSON === "function") {
      try {
        v = v.toJSON(key);
      } catch {
        return MASK;
      }
    }
    if (typeof v === "string") return this.redact(v);
    if (typeof v === "number") return Number.isFinite(v) ? v : null;
    if (typeof v === "boolean" || v === null) return v;
    if (typeof v === "bigint") return this.redact(v.toString());
    if (typeof v !== "object") return void 0;
    if (path.has(v)) return "[Circular]";
    path.add(v);
    try {
      if (Array.isArray(v)) {
        return v.map((item, i) => {
          const r = this.walk(item, String(i), path);
          return r === void 0 ? null : r;
        });
      }
      const out = {};
      for (const [k, item] of Object.entries(v)) {
        const r = this.walk(item, k, path);
        if (r !== void 0) Object.defineProperty(out, this.redact(k), { value: r, enumerable: true, writable: true, configurable: true });
      }
      return out;
    } finally {
      path.delete(v);
    }
  }
}
function secretForms(secret) {
  const forms = /* @__PURE__ */ new Set([secret]);
  const tryAdd = (make) => {
    try {
      forms.add(make());
    } catch {
    }
  };
  tryAdd(() => JSON.stringify(secret).slice(1, -1));
  tryAdd(() => encodeURIComponent(secret));
  tryAdd(() => encodeURIComponent(secret).replace(/%20/g, "+"));
  const utf8 = Buffer.from(secret, "utf8");
  const b64 = utf8.toString("base64");
  forms.add(b64);
  forms.add(b64.replace(/=+$/, ""));
  forms.add(utf8.toString("base64url"));
  for (const prefixLen of [1, 2]) {
    const enc = Buffer.concat([Buffer.alloc(prefixLen, "x"), utf8]).toString("base64");
    const stable = enc.slice(4, enc.length - 4);
    if (stable.length >= 8) forms.add(stable);
  }
  return forms;
}

const OPERATIONS = ["version-update", "move", "approve", "deploy", "envscript"];
const QUERIES = ["status", "history", "diff", "graph", "report", "show", "check-gate"];
const STORE_COMMANDS = ["store-info", "store-copy", "store-check"];
const INTENT_COMMANDS = ["plan", "apply", "state-set", "state-get", "state-list"];
const COMMANDS = [...OPERATIONS, ...QUERIES, ...STORE_COMMANDS, ...INTENT_COMMANDS];
const ADAPTER_COMMANDS = [...OPERATIONS, "plan", "apply"];
const ALL$1 = COMMANDS;
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
    commands: ALL$1,
    env: ["SHIPLOG_BACKEND"]
  },
  {
    name: "store",
    type: "string",
    description: "Where state is kept, shared across runners: a directory, `git+origin` (this repository's origin, with the checkout's credentials), `git+https://host/org/repo.git[#ref=<ref>]`, `git+ssh://...`, `git+file:///srv/state.git`, `postgres://user@host:5432/db[?sslmode=...]` (libpq's PG* variables fill the rest; docs/store-postgres.md). Default: `[store] url` in shiplog.toml, else the `.shiplog` directory found from here up to the repository root (docs/store.md).",
    commands: ALL$1,
    env: ["SHIPLOG_STORE"],
    example: "git+origin"
  },
  {
    name: "store-password",
    type: "string",
    secret: true,
    description: "Password or token for a git store over http(s) (sent through GIT_ASKPASS, never in a URL; a warning when it would go over plain http to another machine) or a postgres store (else PGPASSWORD, else ~/.pgpass). Prefer the SHIPLOG_STORE_PASSWORD environment variable.",
    commands: ALL$1,
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
    commands: ALL$1,
    default: ".shiplog",
    env: ["SHIPLOG_STATE_DIR"]
  },
  {
    name: "config",
    type: "string",
    description: "Pipeline config: stages, environments and the release policy (docs/policy.md). Missing file: dev -> qa -> prod, prod needs one approval.",
    commands: ALL$1,
    default: "shiplog.toml",
    env: ["SHIPLOG_CONFIG"]
  },
  {
    name: "dhurl",
    type: "string",
    description: "Ortelius/DeployHub server URL (ortelius backend).",
    commands: ALL$1,
    env: ["DHURL"],
    example: "https://console.deployhub.com",
    expose: { circleci: { value: false, envName: "DHURL" }, buildkite: { envName: "DHURL" } }
  },
  {
    name: "dhuser",
    type: "string",
    description: "Ortelius/DeployHub user (ortelius backend).",
    commands: ALL$1,
    env: ["DHUSER"],
    expose: { circleci: { value: false, envName: "DHUSER" }, buildkite: { envName: "DHUSER" }, jenkins: { credentials: "credentials-id" } }
  },
  {
    name: "dhpass",
    type: "string",
    secret: true,
    description: "Ortelius/DeployHub password (ortelius backend). Prefer the DHPASS environment variable: a flag value can show in process listings.",
    commands: ALL$1,
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
    commands: ALL$1,
    aliases: ["cert"],
    env: ["SHIPLOG_CA_CERT"]
  },
  {
    name: "insecure",
    type: "boolean",
    description: "Do not verify the Ortelius server's TLS certificate (warns on every run).",
    commands: ALL$1,
    default: "false"
  },
  {
    name: "max-response-mib",
    type: "integer",
    description: "Largest answer (MiB) shiplog reads from a server (Ortelius, the GitHub and Jenkins APIs in their adapters, an object of a git store, a stored value of a postgres store): a larger one is refused with exit 4 naming the limit, after reading no more than that.",
    commands: ALL$1,
    default: "32",
    env: ["SHIPLOG_MAX_RESPONSE_MIB"]
  },
  {
    name: "timeout",
    type: "duration",
    description: "Time limit of the whole command (e.g. 90s, 15m, 1h): every request to a server (git and postgres stores included: git is stopped with its process group, a postgres connection is closed and its open transaction rolls back), every retry, and a deployment shiplog runs or follows. Past it shiplog stops with exit 5: a deployment command it runs is stopped (its whole process group: SIGTERM, then SIGKILL after 10 s) and recorded as failed (recording may take up to 30 s more); a server-side deployment is no longer followed. Default: 30m for deploy and version-update, 5m for the other commands.",
    commands: ALL$1,
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
    commands: ALL$1,
    default: "false",
    cliOnly: true
  },
  {
    name: "debug",
    type: "boolean",
    description: "Show debug lines and stack traces.",
    commands: ALL$1,
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
    commands: ALL$1,
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
function isRequired(input, command) {
  if (input.required === true) return true;
  if (Array.isArray(input.required)) return input.required.includes(command);
  return false;
}
INPUTS.filter((i) => i.secret && !i.cliOnly).map((i) => i.name);

const ALL = COMMANDS;
const PLATFORM_INPUTS = [
  // --- GitHub Actions ----------------------------------------------------------------------------------
  {
    name: "github-token",
    platform: "github",
    type: "string",
    secret: true,
    description: "deploy: token used to create a GitHub Deployment for `env` and post its statuses (in_progress, then success or failure); pass the workflow's `github.token` and grant the job `permissions: deployments: write`. Empty: no GitHub Deployment. approve with platform-gate: token that reads this run's approvals (`permissions: actions: read`).",
    commands: ["deploy", "approve"]
  },
  {
    name: "environment-url",
    platform: "github",
    type: "string",
    description: "URL of the deployed environment, set on the GitHub Deployment status (with `github-token`).",
    commands: ["deploy"]
  },
  {
    name: "transient-environment",
    platform: "github",
    type: "boolean",
    description: "Mark the GitHub Deployment's environment as transient (e.g. a review app that is destroyed later). true or false.",
    commands: ["deploy"],
    default: "false"
  },
  {
    name: "export-env",
    platform: "github",
    type: "boolean",
    description: "Also export the variables into `GITHUB_ENV` (multiline-safe) so later steps of the job see them; sets `format` to `github`, leave `output` empty. true or false.",
    commands: ["envscript"],
    default: "false"
  },
  // --- Jenkins -----------------------------------------------------------------------------------------
  {
    name: "credentials-id",
    platform: "jenkins",
    type: "string",
    description: 'Jenkins "Username with password" credentials for the Ortelius server: bound with withCredentials into DHUSER/DHPASS, never interpolated into a script.',
    commands: ALL,
    expose: { jenkins: { binds: { kind: "usernamePassword", usernameVariable: "DHUSER", passwordVariable: "DHPASS" } } }
  },
  {
    name: "store-credentials-id",
    platform: "jenkins",
    type: "string",
    description: 'Jenkins "Username with password" credentials whose password (a token, or the PostgreSQL password) is bound with withCredentials into SHIPLOG_STORE_PASSWORD for the store; the user name goes in the store URL when the server needs one.',
    commands: ALL,
    expose: {
      jenkins: { binds: { kind: "usernamePassword", usernameVariable: "SHIPLOG_STORE_USER", passwordVariable: "SHIPLOG_STORE_PASSWORD" } }
    }
  },
  {
    name: "store-ssh-credentials-id",
    platform: "jenkins",
    type: "string",
    description: 'Jenkins "SSH Username with private key" credentials for a git+ssh:// store: the key file is bound with withCredentials and handed to git through GIT_SSH_COMMAND.',
    commands: ALL,
    expose: { jenkins: { binds: { kind: "sshUserPrivateKey", keyFileVariable: "SHIPLOG_STORE_SSH_KEY" } } }
  },
  {
    name: "jenkins-credentials-id",
    platform: "jenkins",
    type: "string",
    description: `shiplogDeploy only: Jenkins "Username with password" credentials (user + API token) used to attach this build's console log, causes and change sets to a record-only deployment.`,
    commands: ["deploy"],
    expose: {
      jenkins: { binds: { kind: "usernamePassword", usernameVariable: "SHIPLOG_JENKINS_USER", passwordVariable: "SHIPLOG_JENKINS_TOKEN" } }
    }
  },
  {
    name: "gate-message",
    platform: "jenkins",
    type: "string",
    description: "shiplogApprove with platformGate: the message of the `input` step the library runs first (input(message, submitter, submitterParameter)); whoever submits it is recorded as the approver (verified:jenkins). Aborting the input aborts the build; nothing is stored.",
    commands: ["approve"]
  },
  {
    name: "gate-submitters",
    platform: "jenkins",
    type: "string",
    description: "shiplogApprove with platformGate: the input step's `submitter` (comma-separated user ids or groups allowed to submit). Empty: anyone who may build the job.",
    commands: ["approve"]
  },
  {
    name: "fail-on-error",
    platform: "jenkins",
    type: "boolean",
    default: "true",
    description: "Fail the build (error step) when shiplog exits non-zero; false returns the result Map with ok=false.",
    commands: ALL
  },
  {
    name: "node-binary",
    platform: "jenkins",
    type: "string",
    default: "node",
    description: "Node.js 20+ executable on the agent.",
    commands: ALL
  },
  // --- CircleCI ----------------------------------------------------------------------------------------
  {
    name: "registry",
    platform: "circleci",
    type: "string",
    default: "https://registry.npmjs.org",
    // {package} and {version} are the pinned @shiplog/core (filled in when the orb is generated).
    description: "npm registry (or mirror) to download {package}@{version} from; the bundle is verified against the SHA-256 pinned in this orb whatever the source.",
    commands: ADAPTER_COMMANDS
  },
  {
    name: "bundle-file",
    platform: "circleci",
    type: "string",
    default: "",
    description: "Path of a shiplog.mjs already in the job (vendored, or from a workspace). Used instead of downloading; still checksum-verified. Empty: download.",
    commands: ADAPTER_COMMANDS
  },
  {
    name: "working-directory",
    platform: "circleci",
    type: "string",
    default: ".",
    description: "Directory the step runs in (component.toml, shiplog.toml, the state dir and git are looked up there).",
    commands: ADAPTER_COMMANDS
  },
  {
    name: "defer-exit",
    platform: "circleci",
    type: "boolean",
    default: "false",
    description: "Exit 0 and leave the exit code in the results directory for a later `exit-status` step (the jobs use this so the JSON result is stored as an artifact even when the operation fails).",
    commands: ADAPTER_COMMANDS,
    expose: { circleci: { scope: "command" } }
  },
  {
    name: "executor",
    platform: "circleci",
    type: "string",
    default: "default",
    description: "Executor to run in: any image with node 20+, bash and tar.",
    commands: ADAPTER_COMMANDS,
    expose: { circleci: { scope: "job", type: "executor" } }
  },
  {
    name: "checkout",
    platform: "circleci",
    type: "boolean",
    default: "true",
    description: "Check out the project first (component.toml, shiplog.toml and git facts come from it).",
    commands: ADAPTER_COMMANDS,
    expose: { circleci: { scope: "job" } }
  }
];

const INPUT_TABLE = [...INPUTS, ...PLATFORM_INPUTS];
function platformName(platform, name) {
  return name;
}
function exposureOf(spec, platform) {
  if (spec.cliOnly) return void 0;
  if (spec.platform && spec.platform !== platform) return void 0;
  const given = spec.expose?.[platform];
  if (given === false) return void 0;
  const e = given ?? {};
  const value = e.value ?? (!spec.secret || platform === "github");
  if (!value && !e.envName && !e.credentials) return void 0;
  return { ...e, value };
}
function paramsOf(source, platform, command) {
  if (!source.commands.includes(command)) return [];
  const spec = source.listFor?.includes(command) ? { ...source, type: "list", env: void 0, required: false } : source;
  const e = exposureOf(spec, platform);
  if (!e) return [];
  const base = {
    spec,
    source,
    platform,
    description: (e.description ?? spec.description).replace(/\s+/g, " ").trim(),
    required: isRequired(spec, command),
    exposure: e,
    ...e.default !== void 0 || spec.default !== void 0 ? { default: e.default ?? spec.default } : {}
  };
  const name = e.name ?? platformName(platform, spec.name);
  const out = [];
  if (e.value) out.push({ ...base, name, channel: "value" });
  if (e.envName) out.push({ ...base, name, channel: "env-name", envDefault: e.envName, required: false });
  if (e.credentials) out.push({ ...base, name, channel: "credentials", via: e.credentials, required: false });
  return out;
}
function platformParams(platform, command) {
  return INPUT_TABLE.flatMap((spec) => paramsOf(spec, platform, command));
}

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
function ruleWhere(r) {
  return r.environment && r.environment !== r.stage ? `${r.stage} (${r.environment})` : r.stage;
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

function escapeMarkdown(s) {
  return s.replace(/[\\`*_[\]|&<>]/g, (c) => c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : `\\${c}`).replace(/\r?\n/g, " ");
}
function markdownCode(s) {
  return s === "" ? "" : "`" + s.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/\r?\n/g, " ") + "`";
}
function markdownLink(label, url) {
  if (!url || !/^https?:\/\/[^\s()<>]+$/.test(url)) return escapeMarkdown(label);
  return `[${escapeMarkdown(label)}](${url})`;
}
const MARK = { success: "\u2705", failed: "\u274C" };
function value(x) {
  if (x.href !== void 0) return markdownLink(x.text, x.href);
  if (x.status) return `${MARK[x.status]} ${escapeMarkdown(x.text)}`;
  const shown = x.code ? markdownCode(x.text) : escapeMarkdown(x.text);
  return x.note ? `${shown} (${escapeMarkdown(x.note)})` : shown;
}
function renderMarkdown(report, opts = {}) {
  const failed = report.verdict === "failed" || report.verdict === "blocked";
  const refused = report.verdict === "blocked" && report.gate?.passed === false;
  const heading = refused ? `### \u26D4 ${report.title} refused by the release policy (exit ${report.error?.exitCode ?? 1})` : failed ? `### \u274C ${report.title} failed (exit ${report.error?.exitCode ?? 1})` : `### ${report.title}${report.verdict === "dry-run" ? " (dry run: nothing written)" : ""}`;
  const rows = report.facts.map((f) => `| ${escapeMarkdown(f.label)} | ${f.values.map(value).join(" ")} |`);
  if (report.nextStep) rows.splice(failed ? 1 : rows.length, 0, `| Hint | ${escapeMarkdown(report.nextStep)} |`);
  for (const l of report.links) rows.push(`| ${escapeMarkdown(l.label)} | ${markdownLink(l.text, l.href)} |`);
  const out = [heading, ""];
  if (rows.length > 0) out.push("| | |", "| --- | --- |", ...rows, "");
  out.push(...gateSection(report));
  for (const t of report.tables) {
    out.push(`${escapeMarkdown(t.title)}:`, "");
    if (t.columns.length === 1) out.push(...t.rows.map((r) => `- ${escapeMarkdown(r[0] ?? "")}`), "");
    else
      out.push(
        `| ${t.columns.map(escapeMarkdown).join(" | ")} |`,
        `|${" --- |".repeat(t.columns.length)}`,
        ...t.rows.map((r) => `| ${r.map(escapeMarkdown).join(" | ")} |`),
        ""
      );
  }
  if (opts.diagrams && report.diagram)
    out.push(`#### ${escapeMarkdown(report.diagramTitle ?? "Lineage")}`, "", "```mermaid", report.diagram.trimEnd(), "```", "");
  return out.join("\n");
}
function gateSection(report) {
  const rules = report.gate?.rules ?? [];
  if (report.gate?.passed !== false || rules.length === 0) {
    return report.unmetRules.length > 0 ? ["Unmet rules:", "", ...report.unmetRules.map((r) => `- ${escapeMarkdown(r)}`), ""] : [];
  }
  if (rules.every((r) => r.stage === ""))
    return ["#### Release policy: refused", "", ...rules.map((r) => `- ${escapeMarkdown(r.message)}`), ""];
  const n = rules.length;
  return [
    "#### Release policy: refused",
    "",
    `${n} unmet rule${n === 1 ? "" : "s"}; nothing was written.`,
    "",
    "| Rule | Where | What is missing | Next step |",
    "| --- | --- | --- | --- |",
    ...rules.map(
      (r) => `| ${markdownCode(r.rule)} | ${markdownCode(ruleWhere(r))} | ${escapeMarkdown(r.message)} | ${escapeMarkdown(r.next ?? "")} |`
    ),
    ""
  ];
}

const SUMMARY_LIMIT_BYTES = 1024 * 1024;

const REPORT_ANNOTATION_CONTEXT = "shiplog-report";
const REPORTING_COMMANDS = INPUTS.find((i) => i.name === "report")?.commands ?? [];
function publishedReportOf(result) {
  const r = result.report;
  return r !== null && typeof r === "object" && "html" in r ? r : void 0;
}
const bytes = (s) => new TextEncoder().encode(s).length;
function buildkiteReportCalls(report, markdown) {
  if (!report.html) return [];
  return [
    { argv: ["artifact", "upload", report.html.path] },
    { argv: ["annotate", "--style", "info", "--context", REPORT_ANNOTATION_CONTEXT], stdin: buildkiteAnnotation(report, markdown) }
  ];
}
function buildkiteAnnotation(report, markdown, limit = SUMMARY_LIMIT_BYTES) {
  const head = report.html ? `**Release dashboard**: <a href="artifact://${report.html.path}">${report.html.path}</a>

` : "";
  const body = markdown ?? "";
  return bytes(head) + bytes(body) <= limit ? `${head}${body}` : `${head}_The dashboard's markdown is too large for an annotation: open the page._
`;
}

const rec$2 = (v) => v !== null && typeof v === "object" && !Array.isArray(v) ? v : void 0;
const str = (v) => typeof v === "string" ? v : typeof v === "number" ? String(v) : void 0;
function nameOf(v) {
  return str(v) ?? str(rec$2(v)?.name);
}
function deploymentOf(result) {
  return rec$2(result.deployment) ?? rec$2(rec$2(result.error)?.deployment);
}
function appVersionOf(result) {
  return nameOf(result.appVersion) ?? nameOf(deploymentOf(result)?.appVersion);
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
const stepCount = (r, status) => r.steps !== void 0 ? str(rec$2(r.counts)?.[status]) : void 0;
const GATED = ["version-update", "move", "approve", "deploy", "check-gate"];
const reportArtifactOf = (r) => rec$2(rec$2(r.report)?.artifact);
const meta = (name) => ({ buildkite: { name: `shiplog-${name}` }, circleci: false, jenkins: false });
const OUTPUTS = [
  {
    name: "component-version",
    description: "Full name of the component version created or reused, e.g. `GLOBAL.Acme.Store.cart;main;v1_2_0`.",
    commands: ["version-update"],
    value: (r) => nameOf(r.componentVersion),
    expose: meta("component-version")
  },
  {
    name: "deployment-id",
    description: "Id of the recorded deployment.",
    commands: ["deploy"],
    value: (r) => str(deploymentOf(r)?.id),
    expose: meta("deployment-id")
  },
  {
    name: "deployment-status",
    description: "`success` or `failed`.",
    commands: ["deploy"],
    value: (r) => str(deploymentOf(r)?.status),
    expose: meta("deployment-status")
  },
  {
    name: "app-version",
    description: "Full name of the application version the operation created, moved, approved or deployed.",
    commands: ["version-update", "move", "approve", "deploy"],
    value: appVersionOf,
    expose: meta("app-version")
  },
  {
    name: "changes",
    description: "plan, apply: how many rows of the plan differ from the intent (to deploy, to undeploy, blocked by the release policy); `0` when every environment matches.",
    commands: ["plan", "apply"],
    value: (r) => str(planChanges(r)),
    expose: meta("changes"),
    always: true
  },
  {
    name: "has-changes",
    description: "plan, apply: `true` when the plan has work, drift or blocked rows, else `false`.",
    commands: ["plan", "apply"],
    value: (r) => {
      const n = planChanges(r);
      return n === void 0 ? void 0 : String(n > 0);
    },
    expose: meta("has-changes"),
    always: true
  },
  {
    name: "deployed",
    description: "apply: how many deployments (and undeployments) it made that succeeded.",
    commands: ["apply"],
    value: (r) => stepCount(r, "succeeded"),
    expose: meta("deployed"),
    always: true
  },
  {
    name: "failed",
    description: "apply: how many of its deployments failed (`not started` and `blocked` rows are not counted: see `result`).",
    commands: ["apply"],
    value: (r) => stepCount(r, "failed"),
    expose: meta("failed"),
    always: true
  },
  {
    name: "apply-status",
    description: "apply: `success` (every environment matches the intent), `dry-run`, or `failed` (a deployment failed, or rows stayed blocked or not started).",
    commands: ["apply"],
    value: (r) => r.ok === true ? r.dryRun === true ? "dry-run" : "success" : r.ok === false ? "failed" : void 0,
    expose: meta("apply-status"),
    always: true
  },
  {
    name: "report-html",
    description: "With `report: true`: the release dashboard page written (`shiplog-report.html`, in the working directory), also after a failed operation; empty when none was written. The page stays in the workspace whether or not it was uploaded.",
    commands: REPORTING_COMMANDS,
    value: (r) => str(rec$2(rec$2(r.report)?.html)?.path),
    expose: meta("report-html"),
    always: true
  },
  {
    name: "report-artifact-id",
    description: "With `report: true`: the id of the workflow-run artifact the action uploaded the dashboard to (`shiplog-report.html` and `.md`); empty when it was not uploaded (no artifact service on this runner, or the upload failed: a warning says which).",
    commands: REPORTING_COMMANDS,
    value: (r) => str(reportArtifactOf(r)?.id),
    expose: { buildkite: false, circleci: false, jenkins: false },
    always: true
  },
  {
    name: "report-artifact-url",
    description: "With `report: true`: the uploaded artifact's page, `https://github.com/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID/artifacts/<id>` (the job summary links it); empty when it was not uploaded.",
    commands: REPORTING_COMMANDS,
    value: (r) => str(reportArtifactOf(r)?.url),
    expose: { buildkite: false, circleci: false, jenkins: false },
    always: true
  },
  {
    name: "gate-passed",
    description: "The release policy's verdict (docs/policy.md): `true` when the gate passed (or was passed by `override`), `false` when it refused (the step fails with exit 1). Set on a refusal and on a dry run too; absent when the operation stopped before the gate was asked (bad input, no such version).",
    commands: GATED,
    value: (r) => typeof r.gatePassed === "boolean" ? String(r.gatePassed) : void 0,
    expose: { buildkite: { name: "shiplog-gate-passed" }, circleci: { name: "SHIPLOG_GATE_PASSED" }, jenkins: { name: "gatePassed" } },
    always: true
  },
  {
    name: "unmet-rules",
    description: 'Every rule the gate found unmet, as a JSON array `[{"rule","stage","environment"?,"message","next",...}]` (`[]` when it passed): what `fromJSON(...)` or `jq` can branch on. Set whenever `gate-passed` is.',
    commands: GATED,
    value: (r) => typeof r.gatePassed === "boolean" ? JSON.stringify(Array.isArray(r.unmetRules) ? r.unmetRules : []) : void 0,
    expose: { buildkite: { name: "shiplog-unmet-rules" }, circleci: { name: "SHIPLOG_UNMET_RULES" }, jenkins: { name: "unmetRules" } },
    always: true
  },
  {
    name: "result",
    description: 'The operation\'s result as one JSON object, as `shiplog --json` prints it (`{"ok":true,"operation":...}` or `{"ok":false,"error":{...}}`).',
    commands: ADAPTER_COMMANDS,
    value: (r) => JSON.stringify(r),
    expose: { buildkite: false, circleci: false, jenkins: false }
  }
];
function platformOutputs(platform, command) {
  return OUTPUTS.filter((o) => o.commands.includes(command) && o.expose?.[platform] !== false).map((spec) => {
    const e = spec.expose?.[platform];
    return { spec, name: e ? e.name : spec.name };
  });
}

const credentialLabel = (terms, name) => terms.credential?.(name) ?? `${terms.envGroup}.${name}`;
const typeOf = (t) => t === "boolean" || t === "integer" || t === "list" ? t : "string";
function optionTypes(platform, command) {
  return new Map(valueOptions(platform, command).map((p) => [p.name, typeOf(p.spec.type)]));
}
function valueOptions(platform, command) {
  return platformParams(platform, command).filter((p) => p.channel === "value");
}
function allOptionTypes(platform) {
  const types = /* @__PURE__ */ new Map();
  for (const command of ADAPTER_COMMANDS) {
    for (const [name, type] of optionTypes(platform, command)) if (types.get(name) !== "list") types.set(name, type);
  }
  return types;
}
function envNameDefaults(platform) {
  const out = {};
  for (const command of ADAPTER_COMMANDS) {
    for (const p of platformParams(platform, command)) if (p.channel === "env-name") out[p.name] = p.envDefault;
  }
  return out;
}
function scalar(label, value, type) {
  if (type === "boolean") {
    if (value === true || value === "true" || value === false || value === "false") return String(value);
    throw new ConfigError(`${label} must be true or false`);
  }
  if (type === "integer") {
    const s = String(value).trim();
    if (typeof value === "boolean" || !/^-?[0-9]+$/.test(s)) throw new ConfigError(`${label} must be an integer`);
    return s;
  }
  if (typeof value === "object" && value !== null)
    throw new ConfigError(`${label} must be a ${type === "list" ? "string or a list of strings" : "string"}`);
  if (typeof value === "number") {
    throw new ConfigError(
      `${label} must be a string, but YAML read the number ${String(value)}: quote the value (e.g. "1.10") so that it stays as written`
    );
  }
  return String(value);
}
function optionArgs(platform, command, config, terms, own) {
  const types = optionTypes(platform, command);
  for (const name of Object.keys(config)) {
    if (!own.includes(name) && !types.has(name)) throw new ConfigError(`${terms.noun} "${name}" is not an option of ${command}`);
  }
  const args = [];
  for (const p of valueOptions(platform, command)) {
    const [name, type] = [p.name, types.get(p.name)];
    const value = config[name];
    if (value === null || value === void 0) continue;
    for (const v of type === "list" && Array.isArray(value) ? value : [value])
      args.push(`--${p.spec.name}=${scalar(`${terms.noun} "${name}"`, v, type)}`);
  }
  return args;
}
function envNameVars(platform, given, terms) {
  const defaults = envNameDefaults(platform);
  const named = given ?? {};
  if (typeof named !== "object" || Array.isArray(named)) throw new ConfigError(`${terms.noun} "${terms.envGroup}" must be a mapping`);
  for (const name of Object.keys(named)) {
    if (!Object.hasOwn(defaults, name))
      throw new ConfigError(`unknown ${terms.envGroup} key "${name}" (expected ${Object.keys(defaults).join(", ")})`);
  }
  const vars = {};
  for (const [name, fallback] of Object.entries(defaults)) {
    const v = named[name] ?? fallback;
    if (typeof v !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) {
      throw new ConfigError(`${credentialLabel(terms, name)} must name an environment variable (letters, digits, _), not hold a value`);
    }
    vars[name] = v;
  }
  return vars;
}
function requireNamedServerUrl(platform, vars, config, env, terms) {
  const key = platformName(platform, "dhurl");
  const name = vars[key];
  if (name === void 0 || name === envNameDefaults(platform)[key] || (env[name] ?? "") !== "") return;
  const url = config[key];
  if ((config[platformName(platform, "backend")] ?? env.SHIPLOG_BACKEND) === "local" || url !== void 0 && url !== null && String(url) !== "")
    return;
  throw new ConfigError(
    `${credentialLabel(terms, key)} names ${name}, but ${name} is unset or empty in this job: ${terms.setVariable} or use backend: local`
  );
}
function envNameEnv(platform, command, vars, env) {
  const out = { ...env };
  for (const p of platformParams(platform, command)) {
    if (p.channel !== "env-name") continue;
    const source = vars[p.name];
    if (env[source] !== void 0) out[p.envDefault] = env[source];
    else if (source !== p.envDefault) delete out[p.envDefault];
  }
  return out;
}
function envNameSecretForms(platform, command, vars, env) {
  const out = {};
  for (const p of platformParams(platform, command)) {
    if (p.channel !== "env-name" || !p.spec.secret) continue;
    const redactor = new Redactor();
    redactor.add(env[vars[p.name]]);
    redactor.values().forEach((form, n) => out[`${vars[p.name]}_${n}`] = form);
  }
  return out;
}
function structuredCommand(platform, config, env, terms) {
  const command = config.operation;
  const known = ADAPTER_COMMANDS.join(", ");
  if (command === void 0 || command === null || command === "")
    throw new ConfigError(`${terms.noun} "operation" is required (one of ${known})`);
  if (typeof command !== "string" || !ADAPTER_COMMANDS.includes(command)) {
    throw new ConfigError(`unknown operation "${String(command)}" (expected one of ${known})`);
  }
  const vars = envNameVars(platform, config[terms.envGroup], terms);
  requireNamedServerUrl(platform, vars, config, env, terms);
  const args = optionArgs(platform, command, config, terms, ["operation", terms.envGroup]);
  return { command, vars, args };
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

function renderOutputs(report, platform) {
  if (!report.command) return [];
  const d = deploymentOf(report.result);
  const recorded = report.verdict === "success" || report.error !== void 0 && report.result.dryRun !== true && d?.id !== void 0 && d?.id !== null;
  const out = [];
  for (const { spec, name } of platformOutputs(platform, report.command)) {
    if (spec.name !== "result" && !spec.always && !recorded) continue;
    const value = spec.value(report.result);
    if (value !== void 0 && value !== "") out.push([name, value]);
  }
  return out;
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
const BUILDKITE_STYLE = { success: "success", "dry-run": "info", blocked: "warning", failed: "error" };
function buildkiteStepReport(operation, resultText, exitCode) {
  const report = reportOf(operation, resultText, exitCode);
  return { style: BUILDKITE_STYLE[report.verdict], annotation: renderMarkdown(report), metadata: renderOutputs(report, "buildkite") };
}

const TERMS = { noun: "plugin option", envGroup: "credentials", setVariable: "set it (for example in your secrets hook)" };
const envKey = (key) => key.toUpperCase().replace(/[-\s]/g, "_");
function parseJson(raw, what) {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ConfigError(`${what} is not valid JSON`);
  }
}
function flattenedPrefix(env) {
  const name = env.BUILDKITE_PLUGIN_NAME;
  if (name && Object.keys(env).some((k) => k.startsWith(`BUILDKITE_PLUGIN_${name}_`))) return `BUILDKITE_PLUGIN_${name}_`;
  const found = Object.keys(env).flatMap((k) => /^BUILDKITE_PLUGIN_(.+)_OPERATION$/.exec(k)?.[1] ?? []);
  return found.length === 1 ? `BUILDKITE_PLUGIN_${found[0]}_` : void 0;
}
function isThisPlugin(location, env) {
  const path = location.split("#")[0].replace(/\\/g, "/").replace(/\/+$/, "");
  const name = (path.split("/").pop() ?? "").toLowerCase().replace(/[^a-z0-9]/g, "-").replace(/-buildkite-plugin(-git)?/g, "");
  if (env.BUILDKITE_PLUGIN_NAME) return envKey(name) === env.BUILDKITE_PLUGIN_NAME;
  return name === "shiplog" || /(^|\/)adapters\/buildkite-plugin$/.test(path);
}
function configFromPlugins(env) {
  if ((env.BUILDKITE_PLUGINS ?? "").trim() === "") return void 0;
  const entries = parseJson(env.BUILDKITE_PLUGINS, "BUILDKITE_PLUGINS");
  if (!Array.isArray(entries)) throw new ConfigError("BUILDKITE_PLUGINS is not a list of plugin entries");
  const ours = entries.flatMap((entry) => {
    if (typeof entry === "string") return isThisPlugin(entry, env) ? [{}] : [];
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return [];
    return Object.entries(entry).flatMap(([location, config]) => isThisPlugin(location, env) ? [config ?? {}] : []);
  });
  if (ours.length > 1)
    throw new ConfigError(
      "BUILDKITE_PLUGINS lists this plugin more than once and the agent set no per-plugin configuration: use one shiplog entry per step"
    );
  return ours[0];
}
function configFromFlattened(env) {
  const prefix = flattenedPrefix(env);
  if (prefix === void 0) {
    const fromPlugins = configFromPlugins(env);
    if (fromPlugins !== void 0) return fromPlugins;
    throw new ConfigError(
      "no plugin configuration found (BUILDKITE_PLUGIN_CONFIGURATION is not set, no BUILDKITE_PLUGIN_<NAME>_OPERATION variable, and BUILDKITE_PLUGINS has no shiplog entry)"
    );
  }
  const config = {};
  for (const [name, type] of [["operation", "string"], ...allOptionTypes("buildkite")]) {
    const key = prefix + envKey(name);
    const items = [];
    for (let i = 0; type === "list" && env[`${key}_${i}`] !== void 0; i++) items.push(env[`${key}_${i}`]);
    if (items.length || env[key] !== void 0) config[name] = items.length ? items : env[key];
  }
  const credentials = {};
  for (const name of Object.keys(envNameDefaults("buildkite"))) {
    const value = env[`${prefix}CREDENTIALS_${envKey(name)}`];
    if (value !== void 0) credentials[name] = value;
  }
  if (Object.keys(credentials).length) config.credentials = credentials;
  return config;
}
function readBuildkiteConfig(env) {
  const raw = env.BUILDKITE_PLUGIN_CONFIGURATION;
  if (raw === void 0 || raw.trim() === "") return configFromFlattened(env);
  const config = parseJson(raw, "BUILDKITE_PLUGIN_CONFIGURATION");
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new ConfigError("the plugin configuration must be a mapping of options");
  }
  return config;
}
function buildkitePlan(env, phase) {
  const config = readBuildkiteConfig(env);
  const { command: operation, vars: credentials, args } = structuredCommand("buildkite", config, env, TERMS);
  const mode = /[^ \t\n\r\f\v]/.test(env.BUILDKITE_COMMAND ?? "") ? "wrap" : "run";
  if (mode === "wrap") {
    if (operation !== "deploy") {
      throw new ConfigError(
        `the step has a command, but operation "${operation}" cannot wrap one: remove the step command (the plugin runs the operation) or use operation deploy`
      );
    }
    for (const clash of ["command", "exit-code", "log-file"]) {
      if (config[clash] !== void 0 && config[clash] !== null)
        throw new ConfigError(`plugin option "${clash}" cannot be used while the plugin wraps the step command`);
    }
  }
  const jobUrl = env.BUILDKITE_JOB_ID ? `${env.BUILDKITE_BUILD_URL}#${env.BUILDKITE_JOB_ID}` : env.BUILDKITE_BUILD_URL;
  if (operation === "deploy" && (config["log-url"] === void 0 || config["log-url"] === null) && env.BUILDKITE_BUILD_URL)
    args.push(`--log-url=${jobUrl}`);
  if (mode === "wrap" && phase === "post-command") {
    const status = (env.BUILDKITE_COMMAND_EXIT_STATUS ?? "").trim();
    if (!/^-?[0-9]+$/.test(status))
      throw new ConfigError("BUILDKITE_COMMAND_EXIT_STATUS is missing or not a number: cannot record the wrapped deployment");
    args.push(...Number(status) < 0 ? ["--exit-code=255", `--attr=BuildkiteCommandExitStatus=${status}`] : [`--exit-code=${status}`]);
  }
  return { mode, operation, credentials, args };
}
function buildkiteRedactorCall(env, plan) {
  const forms = envNameSecretForms("buildkite", plan.operation, plan.credentials, env);
  if (Object.keys(forms).length === 0) return void 0;
  const warning = "could not register the password with the agent's redactor (this agent may lack 'buildkite-agent redactor add')";
  return { argv: ["redactor", "add", "--format", "json"], stdin: JSON.stringify(forms), warning };
}
function buildkiteHookOutcome(plan, phase, code, json, readText) {
  const { operation } = plan;
  const result = parseResult(json);
  const r = buildkiteStepReport(operation, json, code);
  const calls = [
    {
      argv: ["annotate", "--style", r.style, "--context", `shiplog-${operation}`],
      stdin: r.annotation,
      warning: "buildkite-agent annotate failed"
    },
    ...r.metadata.map(([key, value]) => ({
      argv: ["meta-data", "set", key, value],
      stdin: "",
      warning: `buildkite-agent meta-data set ${key} failed`
    }))
  ];
  const published = result ? publishedReportOf(result) : void 0;
  const markdown = published?.markdown ? readText(published.markdown.path) : void 0;
  (published ? buildkiteReportCalls(published, markdown) : []).forEach(
    (call, i) => calls.push({
      argv: call.argv,
      stdin: call.stdin ?? "",
      warning: `buildkite-agent ${call.argv.join(" ")} failed`,
      afterPrevious: i > 0
    })
  );
  const printScript = operation === "envscript" && code === 0 && result?.ok && !result.file && typeof result.script === "string";
  const stdout = printScript ? result.script : "";
  if (phase === "post-command" && code === 1 && result?.error?.code === "DEPLOY_FAILED")
    return { stdout, calls, note: "shiplog: recorded the failed deployment; the step keeps the command's exit status", exitCode: 0 };
  return { stdout, calls, exitCode: code };
}

const real = (path) => {
  try {
    return realpathSync(path);
  } catch {
    return void 0;
  }
};
function runStepCommand(env, fail) {
  const command = env.BUILDKITE_COMMAND ?? "";
  const script = command.replace(/\n/g, "");
  const stat = statSync(script, { throwIfNoEntry: false });
  if (env.BUILDKITE_COMMAND_EVAL === "false") {
    const checkout = real(env.BUILDKITE_BUILD_CHECKOUT_PATH || ".");
    const inside = checkout !== void 0 && real(script)?.startsWith(`${checkout.replace(/\/$/, "")}/`);
    const where = `the step's script ${script} is outside the checkout directory ${env.BUILDKITE_BUILD_CHECKOUT_PATH || process.cwd()}`;
    const refused = !stat?.isFile() ? "the step command must be a script in the repository" : inside ? void 0 : where;
    if (refused) {
      fail(`this agent does not evaluate commands (--no-command-eval): ${refused}`);
      return 2;
    }
  }
  const run = stat?.isFile() ? script.startsWith("/") ? script : `./${script}` : command;
  try {
    if (stat?.isFile() && (stat.mode & 73) === 0) chmodSync(run, stat.mode | 73);
  } catch {
    process.stderr.write(`shiplog: warning: could not make ${run} executable
`);
  }
  process.stderr.write(`~~~ Running ${stat?.isFile() ? "script" : "commands"}
$ ${run}
`);
  const [shell, ...shellArgs] = (env.BUILDKITE_SHELL || "/bin/bash -e -c").trim().split(/\s+/);
  const r = spawnSync(shell, [...shellArgs, run], { stdio: "inherit", env });
  if (r.error) {
    fail(`could not run the step command with ${shell}: ${r.error.message}`);
    return 127;
  }
  return r.status ?? 128 + (r.signal ? constants.signals[r.signal] : 0);
}

const BUNDLE = fileURLToPath(new URL("../dist/shiplog.mjs", import.meta.url));
function fail(message) {
  process.stderr.write(`shiplog: error: ${message}
`);
}
function agent(call) {
  const r = spawnSync("buildkite-agent", call.argv, { input: call.stdin, stdio: ["pipe", "ignore", "inherit"] });
  if (!r.error && r.status === 0) return true;
  const why = r.error?.code === "ENOENT" ? "buildkite-agent is not on PATH" : r.error?.message;
  process.stderr.write(`shiplog: warning: ${call.warning}${why ? ` (${why})` : ""}
`);
  return false;
}
function readText(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return void 0;
  }
}
async function runOperation(plan) {
  if (!existsSync(BUNDLE)) {
    fail(`the plugin's shiplog bundle is missing (${BUNDLE})`);
    return { code: 1, json: "" };
  }
  const { main } = await import(pathToFileURL(BUNDLE).href);
  if (typeof main !== "function") {
    fail(`${BUNDLE} does not export main(): the plugin's files are from different versions`);
    return { code: 1, json: "" };
  }
  let json = "";
  const env = envNameEnv("buildkite", plan.operation, plan.credentials, process.env);
  const code = await main({
    argv: [plan.operation, ...plan.args, "--json"],
    env,
    cwd: process.cwd(),
    stdout: (text) => void (json += text),
    stderr: (text) => void process.stderr.write(text)
  });
  return { code, json };
}
async function runHook(phase) {
  if (phase !== "command" && phase !== "post-command") {
    process.stderr.write("usage: node hook.mjs command|post-command\n");
    return 2;
  }
  let plan;
  try {
    plan = buildkitePlan(process.env, phase);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    fail(err.message);
    return 2;
  }
  if (phase === "post-command" && plan.mode !== "wrap") return 0;
  const redactor = buildkiteRedactorCall(process.env, plan);
  if (redactor) agent(redactor);
  if (phase === "command" && plan.mode === "wrap") return runStepCommand(process.env, fail);
  process.stderr.write(`--- :rocket: shiplog ${plan.operation}
`);
  const { code, json } = await runOperation(plan).catch((err) => {
    fail(`the shiplog CLI failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`);
    return { code: 1, json: "" };
  });
  const outcome = buildkiteHookOutcome(plan, phase, code, json, readText);
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  let ok = true;
  for (const call of outcome.calls) ok = call.afterPrevious && !ok ? false : agent(call);
  if (outcome.note) process.stderr.write(`${outcome.note}
`);
  return outcome.exitCode;
}
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runHook(process.argv[2]);
}

export { runHook };
