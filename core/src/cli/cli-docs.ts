/**
 * Renders docs/cli.md from the input table and the command registry, so the reference cannot drift:
 * `npm run build` (scripts/build.ts) writes it, and a test fails when the file differs.
 * Not part of the bundle.
 */
import { CLI_COMMAND_DOCS } from './cli-command-docs.js';
import { EXIT } from '../errors.js';
import { COMMANDS, cliCommandWords, inputsFor, isRequired, type CommandName, type InputSpec } from '../inputs.js';
import { COMMAND_MODULES } from '../operations/registry.js';
import { resultVocabularyDocs } from './result-vocabulary-docs.js';

const GATE_FIELDS =
  "`gatePassed`, `unmetRules`: the release policy's verdict ([policy.md](policy.md)); `override`: `{reason, actor, at, rules}` when it passed by `--override`. Refused: exit 1 (code `GATE_REFUSED`, or `APPROVAL_REQUIRED`/`APPROVAL_REJECTED` when approvals are all that is missing), nothing written, with `gatePassed: false` and `unmetRules: [{rule, stage, environment?, message, next, ...}]` beside `error`; a dry run gives the same";

/** JSON result fields per command (the success shape; failures are `{ok:false, error}`). */
const OUTPUT_FIELDS: Record<CommandName, string[]> = {
  'version-update': [
    '`componentVersion`: the full component version name; `componentVersionId`; `componentVersionCreated`: `false` when it already existed; `componentVersionUpdated: true` when its attributes were updated',
    '`appVersion`: the full application version name, or `null` without an application; `appVersionId`; `appVersionCreated` (`null` without an application); `appVersionUpdated: true` when an existing one was updated',
    "`additional`: dh's several-components form (`COMPONENT_NAME_1`...): one entry per further component, with the same `componentVersion...` and `appVersion...` fields",
    '`attributes`: the attributes stored on the component version (secrets masked)',
    '`deployment`: with `--env` (or `DeployEnv`), as for `deploy`; absent when a `DeployEnv` from component.toml was skipped (no deployment command on a backend that cannot deploy by itself: a warning says so, see [component-toml.md](component-toml.md#deployenv))',
    '`dryRun`: `true` on a dry run (ids are `null`)',
  ],
  move: [
    '`appVersion`: full application version name',
    '`from`, `to`: stage names',
    '`task`: the move task used',
    '`moved`: `false` when it already was in `to` (or on a dry run)',
    '`requiresApproval`: whether `to` needs approvals',
    '`actor`: `{id, source}`, who moved it (see [policy.md](policy.md#identity))',
    '`notes`: the `--notes` text as stored with the move (secrets masked); absent without `--notes` or when nothing moved',
    GATE_FIELDS,
  ],
  approve: [
    '`appVersion`',
    '`approved`: `false` for `--reject`',
    '`stage`',
    "`actor`: `{id, source}`: the CI platform's identity, else `git config user.email`, else the OS user; `--as` outside CI (source `self-asserted`)",
    '`at`: when it was recorded',
    '`notes`',
    '`overrides`: `{actor, at}` of the rejection this approval overrides (`actor.source` `unknown`: the record keeps only the id)',
    "`gatePassed`: `true`, `unmetRules`: `[]`. An identity the stage's approval rule refuses (`approvers`, `trust`, `self-approval`) is exit 1, code `APPROVER_REFUSED`, nothing stored, with `gatePassed: false` and `unmetRules`",
  ],
  deploy: [
    '`deployment`: `{id, appVersion, application, environment, stage, exitCode, status, mode, components, startedAt, finishedAt, durationMs, logLines, logUrl?, actor, override?}`; `durationMs`: how long the command ran (`run`) or the server-side deployment was followed (`server`), whole milliseconds; `null` for `record` and a dry run',
    GATE_FIELDS,
    '`status`: `success` | `failed` (`planned` on a dry run); `mode`: `run` | `record` | `server`',
    'A failed deployment prints the same object with `ok:false` plus `error` and exits 1',
    'Progress on stderr while it runs: a start line, a heartbeat at least every 30 s (elapsed time, last output line or server status; one updating line on a terminal outside CI), an end line with the duration (see Conventions, "Progress")',
    'Cancelled while its command runs (SIGINT, SIGTERM or SIGHUP, as CI systems cancel a job): the signal is passed on to the command (SIGKILL if it has not ended 5 s later), and the deployment is recorded as failed with its exit code (130 for SIGINT, 143 for SIGTERM, 137 after SIGKILL); exit 1',
    'Still running at `--timeout`: the command is stopped (SIGTERM, then SIGKILL 10 s later) and the deployment recorded as failed with its exit code (143 for SIGTERM, 137 for SIGKILL, 124 when it exited 0 once stopped); the same object with `ok:false` and `error.code` `TIMEOUT`, exit 5. Processes the command started in the background and that outlive it are not stopped',
  ],
  envscript: [
    '`file`: the file appended to, or `null` (printed on stdout)',
    '`format`',
    '`variables`: `{KEY: value}`',
    '`script`: the text written (or printed), exactly as `shiplog envscript` without `--json` prints it. See [envscript.md](envscript.md)',
  ],
  status: [
    '`environments`: `[{name, application, appVersion, components, deploymentId, deployedAt, build, actor?, override?}]` (`override`: the deployment passed its gate by `--override`); `filter`: `{environment, application}` as asked (`null` when not). See [queries.md](queries.md)',
  ],
  history: [
    '`kind`: as asked',
    '`deployments` (`--kind deploy`): newest first, `[{id, application, appVersion, environment, status, exitCode, startedAt, finishedAt, mode, components, logUrl, build, actor, override?}]`. See [queries.md](queries.md)',
    '`events` (other kinds): `[{kind, at, appVersion, application, actor, stage?, from?, to?, environment?, deploymentId?, status?, notes?, reason?, rules?, overrides?}]`, newest first',
    '`filter`: `{application, environment, component, limit, kind}` as asked',
  ],
  diff: ['components that differ between two environments. See [queries.md](queries.md)'],
  graph: ['`mermaid`: the version lineage as a Mermaid flowchart; `versions`. See [queries.md](queries.md)'],
  report: [
    '`dashboard`: the dashboard model the HTML and markdown are drawn from: `{title, generatedAt, environments, applications: [{name, cells, components, lineage, deployments, decisions}], limits}`. See [dashboard.md](dashboard.md)',
    '`html`: `{path, bytes}` or `null`; `markdown`: `{path, bytes, truncated, omittedApplications}` (`path` `-` when printed on stdout) or `null`',
  ],
  'store-info': [
    '`schema`: the store\'s format version, or `"absent"` before its first write',
    '`counts`: `{componentVersions, applicationVersions, deployments, environmentStates}`',
    '`next`: the next ids `{componentVersion, applicationVersion, deployment}`',
    '`details`: engine facts (git: `ref`, `tip`; postgres: server version, schema)',
    'and, as every command that opened a store, `store` and `config` (below)',
  ],
  'store-copy': [
    "`from`, `to`: both stores' locations (credentials removed)",
    '`written`: records written; `alreadyPresent`: records the destination already held (a re-run writes nothing)',
    '`transactions`: destination transactions used (one per batch of up to 1000 records)',
    '`counts`: `{documents, environmentStates, deployments}` read back from BOTH stores and found equal; `verified: true`',
    "`next`: the destination's next ids. A destination that holds other records is refused with exit 2 (`STORE_DISAGREES`) before any write. See [store.md](store.md#moving-a-store)",
  ],
  'store-check': [
    '`location`, `consistent`, `counts`: `{documents, environmentStates, deployments}`',
    '`problems`: `[{record, problem}]`; when there is any, the same object with `ok:false`, `error.code` `STORE_INCONSISTENT`, exit 1',
  ],
  show: [
    '`appVersion`, `application`, `version`, `stage`, `createdAt`, `actor`, `predecessor`',
    '`components`: the full component version names; `componentBranches`: `{<component version>: <git branch>}` for those whose branch is known',
    '`events`: every approval, rejection, move, deployment and override, oldest first (as `history` `events`)',
    '`stages`: `[{name, state: passed|current|ahead, gatePassed?, unmetRules?}]`: for each stage not reached, what a move there still needs now. See [policy.md](policy.md)',
  ],
  'check-gate': [
    '`appVersion`, `action`: `move` (`--to`) or `deploy` (`--env`), `from`: the current stage, `stage`, `environment`',
    '`gatePassed`: `true`, `unmetRules`: `[]`. Refused: exit 1 with the same error `move`/`deploy` would give, `gatePassed: false` and every unmet rule',
  ],
  plan: [
    '`intent`: the intent file read; `environments`: `[{name, stage}]`',
    '`rows`: `[{environment, stage, application, wave, dependsOn, selector, current, desired, action, reason, stateChanged, unmetRules}]`: `current`/`desired` are full application version names (or `null`); `action` is `deploy`, `undeploy`, `nothing` or `blocked`; `unmetRules`: `[{rule, stage, message, next?}]` from the release gate',
    '`waves`: `[{wave, phase, applications}]` (`phase`: `deploy`, or `undeploy` for the waves that remove applications, dependants first)',
    '`counts`: `{deploy, undeploy, nothing, blocked}`; `changes`: `true` when any row is not `nothing`',
    '`mermaid`: the waves as a Mermaid flowchart (what `--mermaid` prints on stdout)',
    'Exit 0 when `changes` is false, 1 when there is work, drift or a blocked row (still `ok:true`), 2 for a bad intent (every problem at once). See [intent.md](intent.md)',
  ],
  apply: [
    "`plan`: the plan carried out (made again under the leases), as `plan`'s result",
    '`steps`: one per plan row: `{environment, application, wave, action, appVersion, previous, status, deploymentId, exitCode, startedAt, finishedAt, durationMs, message?}`; `status`: `succeeded`, `failed`, `skipped` (not started), `blocked` or `unchanged`',
    '`counts`: `{succeeded, failed, skipped, blocked, unchanged}`; `lease`: `{holder, environments}` or `null` when there was nothing to do',
    'When a deployment failed or rows were blocked or not started: the same object with `ok:false`, `error.code` `APPLY_FAILED`, exit 1. A lease held by another apply past `--lock-timeout`: exit 4 (`LEASE_HELD`, naming the holder). Ortelius: exit 2 (`NOT_SUPPORTED`). See [intent.md](intent.md)',
  ],
  'state-set': [
    '`environment`, `key`, `value` (redacted), `revision`, `setAt`, `actor` (who set it; `source` `unknown`: the store keeps only the id), `variable` (`SHIPLOG_STATE_<KEY>`)',
    '`changed`: `false` when the key already held this value (nothing written); `previous`: `{value, revision}` or `null`',
    "A key with a secret's name: exit 2 (state is not a secret store). Ortelius: exit 2 (`NOT_SUPPORTED`). See [intent.md](intent.md#custom-state)",
  ],
  'state-get': [
    '`environment`, `key`, `value`, `revision`, `setAt`, `actor`, `variable`; `history`: the values newest first (at most `--limit`)',
    'Without `--json` the value is printed on stdout (JSON text when it is not a string). A key never set: exit 2',
  ],
  'state-list': ['`environments`: the environments read; `values`: `[{environment, key, value, revision, setAt, actor}]`'],
};

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function typeOf(spec: InputSpec): string {
  if (spec.type === 'enum') return (spec.values ?? []).join(' \\| ');
  if (spec.type === 'boolean') return 'true \\| false';
  if (spec.type === 'list') return 'list (repeat)';
  return spec.type;
}

function flagRow(spec: InputSpec, command: CommandName): string {
  const aliases = (spec.aliases ?? []).map((a) => `\`--${a}\``).join(', ');
  const env = (spec.env ?? []).map((e) => `\`${e}\``).join(', ');
  return `| \`--${spec.name}\`${isRequired(spec, command) ? ' (required)' : ''} | ${aliases} | ${typeOf(spec)} | ${spec.default !== undefined ? `\`${spec.default}\`` : ''} | ${env} | ${cell(spec.description)} |`;
}

export function renderCliDocs(): string {
  const out: string[] = [];
  const exitRows = [
    [EXIT.OK, 'success'],
    [
      EXIT.OPERATION_FAILED,
      'operation failed: deployment failed; the release policy refused a move, a deployment or an approver (approval missing or rejected, stage skipped or not reached, no successful deployment, soak time, branch, freeze); `check-gate` refused; internal error',
    ],
    [
      EXIT.INVALID,
      'invalid input, config or usage: unknown flag/command, bad value, malformed component.toml/shiplog.toml, unknown stage/environment/application version, a refused [Export], a damaged store file or a symbolic link inside the store',
    ],
    [EXIT.AUTH, 'authentication failed (ortelius backend)'],
    [EXIT.BACKEND, 'backend unavailable, server error, an answer larger than `--max-response-mib`, store locked too long'],
    [
      EXIT.TIMEOUT,
      "timeout: the command's `--timeout` ran out (a request, a retry, or a deployment still running: a command shiplog runs is stopped with its process group and recorded as failed; a server-side deployment is no longer followed)",
    ],
  ];
  out.push(
    '# shiplog CLI reference',
    '',
    '<!-- Generated by scripts/build.ts (npm run build) from core/src/inputs.ts and the command registry. Do not edit by hand:',
    '     `npm run check` and core/test/cli-docs.test.ts fail when this file drifts. -->',
    '',
    '`shiplog <command> [flags]`. The bundled CLI is `core/dist/shiplog.mjs` (runs with plain `node` 20+, no',
    'node_modules). `shiplog --version` prints the version; `shiplog <command> --help` lists the flags and examples.',
    '',
    '## Conventions',
    '',
    '- **Values**: a flag wins over its environment variable, which wins over component.toml (version-update), which',
    '  wins over the default. Booleans take `--flag`, `--flag=true` or `--flag=false` and nothing else (also from',
    '  the environment). Lists repeat the flag. Durations: `90s`, `15m`, `1h` (a bare number is seconds).',
    '- **dh spellings**: the reference `dh` CLI\'s option names are accepted as hidden aliases (column "dh aliases").',
    '- **Output**: human lines go to stderr. With `--json`, stdout carries exactly one JSON object: the result',
    '  (`{"ok":true,"operation":...,"schemaVersion":1}`) or `{"ok":false,"schemaVersion":1,"error":{"code","message","exitCode","hint?","problems?"}}`,',
    '  in the vocabulary of "JSON results" below, each with its JSON Schema in schemas/.',
    "  Without `--json` only the command's product goes to stdout: the tables of `status`, `history` and `diff` (in the",
    '  `--format` asked for: `table`, `json`, `markdown`, `csv` or `tsv`; `--json` is `--format json`), `envscript`',
    '  without `--output` the script, `graph` the Mermaid text. A `table` on a terminal is aligned, fitted to its width',
    '  (cells cut with `…`; `--wide` shows them whole) and measured in display columns (CJK, emoji); piped, it becomes',
    '  tab-separated rows without header or padding, as the GitHub CLI prints them (unless `--format table` is given). An empty answer prints nothing on',
    '  stdout and says so on stderr. Colour (`--color auto|always|never`, default auto) only on a terminal, never with',
    '  a non-empty `NO_COLOR` or `TERM=dumb`; `FORCE_COLOR` forces it on (`FORCE_COLOR=0` off). See docs/queries.md.',
    '  `--json` and `--debug` may also come before the command (`shiplog --json status`).',
    '- **Progress**: a deployment shiplog runs or follows (`deploy`, `version-update --env`) prints on stderr',
    '  `deploy: <app version> to <env>: started (run: <command>)` (or `(server-side deployment on <server>)`), then at',
    '  least every 30 s a heartbeat `deploy: ... : running for 1m 05s; last line: <its last output line>` (a server-side',
    '  deployment adds `server status: running (not complete), <n> log lines`), and at the end',
    '  `deploy: ... : succeeded in 2m 10s (deployment 7, exit code 0)` (`failed in`, `timed out after`). The last line',
    '  is redacted like all output, cut to one line of at most 160 characters (escape sequences and `\\r` progress bars',
    '  reduced to their final text). On a terminal outside CI (stderr a TTY, not `TERM=dumb`, dimmed under the colour',
    '  rules) the heartbeat is one line updated in place instead; in CI logs and when stderr is piped, plain lines only.',
    '  `apply` prints one heartbeat for all its running deployments, each with its last line. The JSON results carry',
    '  `durationMs` (whole milliseconds; `null` when nothing ran: record-only, dry run).',
    '- **Errors**: one line `shiplog: error: <message>`, then `hint: <hint>` when there is one; every problem of a',
    '  request is reported at once. `--debug` adds stack traces. Secrets (DHPASS, `--dhpass`, the values of',
    '  environment variables with a secret name, and of any secret-named flag, usage errors included) are masked as',
    '  `***` in every output, stored record and log line, also inside JSON strings and keys. A name is secret when it',
    '  contains TOKEN, SECRET, PASSWORD, PASSWD, PASSPHRASE, CREDENTIAL, AUTHORIZATION, PRIVATE_KEY, API_KEY or',
    '  ACCESS_KEY, or has PASS or AUTH as a word part (`DH_PASS`, `GIT_AUTH`; not `BYPASS_CACHE`, `AUTHOR`), any case.',
    '- **Store**: where state is kept is one store URL (docs/store.md): `--store` (`SHIPLOG_STORE`), else',
    '  `--state-dir` (`SHIPLOG_STATE_DIR`, a directory), else `--backend`/`--dhurl` (`DHURL`: an Ortelius server), else',
    '  `[store] url` in shiplog.toml, else the `.shiplog/` directory found from the working directory up to the',
    '  repository root. Forms: a directory or `file:///dir` (embedded store), `git+origin`, `git+https://...`,',
    '  `git+ssh://...`, `git+file:///...` (a state ref, default `shiplog-state`, `#ref=<ref>` to change it),',
    '  `postgres://user@host:5432/db`. A directory that holds anything else and no `schema.json` is refused with',
    '  exit 2 (`... is not a shiplog store`) and left untouched. Every JSON result of a command that opened a store',
    '  says which: `store: {kind, location, source}` (`source`: flag, env, state-dir, backend, config or',
    '  discovered; `location` never holds a credential) and `config`: the shiplog.toml used, or `null`.',
    '- **Names**: component names, variants and versions, application names and versions and environments may not',
    '  hold a control character (newline, CR, tab, other C0, DEL, C1, U+2028/9), and only full names may hold `;`,',
    '  as the separator of their parts (`GLOBAL.Acme.cart;main;v1`, `GLOBAL.Acme.shop;1.0`); either is refused with',
    '  exit 2 and one line naming the input and the character. `.`, `-` (and in variants `/`) still become `_`.',
    '  A name (a full name as given, or one part) may be at most 255 characters long; a longer one is refused with exit 2',
    '  and one line giving its length, wherever it comes from (flag, environment, component.toml).',
    '- **Empty values**: a path or store flag given an empty value (`--output ""`, `--config ""`, `--log-file ""`,',
    '  `--toml ""`, `--state-dir ""`, `--ca-cert ""`, `--store ""`, e.g. from an unset variable) is refused with exit 2,',
    '  naming every such flag at once, and nothing is written; leave the flag out to get its default. An unknown value',
    '  of a flag with fixed values (`--format yaml`) is exit 2 naming the flag and the allowed values.',
    '- **Pipeline**: stages, environments and the release policy come from `--config` (default `shiplog.toml`; when',
    '  that file is missing: dev -> qa -> prod, prod needs one approval, one environment per stage). See "Pipeline',
    '  config" below and [policy.md](policy.md).',
    "- **Identity**: every record a command writes carries `actor` `{id, source}`: the CI platform's identity in CI,",
    '  else `git config user.email`, else the OS user; `--as` outside CI only (source `self-asserted`).',
    '- **Dry run**: `--dry-run` on every mutating command prints the plan and writes nothing (not even a new store',
    '  directory). The release policy judges a dry run as the real run: the same refusal, message and exit code.',
    '',
    '## Exit codes',
    '',
    '| code | meaning |',
    '|---|---|',
    ...exitRows.map(([c, m]) => `| ${c} | ${m} |`),
    '',
    ...resultVocabularyDocs(),
    '## Commands',
    '',
    ...COMMANDS.map(
      (c) => `- [\`${cliCommandWords(c).join(' ')}\`](#shiplog-${cliCommandWords(c).join('-')}): ${COMMAND_MODULES[c].summary}`,
    ),
    '',
    ...CLI_COMMAND_DOCS,
  );
  for (const name of COMMANDS) {
    const mod = COMMAND_MODULES[name];
    const words = cliCommandWords(name).join(' ');
    out.push(`## shiplog ${words}`, '', `${mod.summary}.${mod.mutating ? ' Honours `--dry-run`.' : ''}`, '');
    if (name === 'deploy' || name === 'version-update') {
      out.push(`Usage: \`shiplog ${name} [flags] [-- command words...]\``, '');
    } else if (name === 'show') {
      out.push('Usage: `shiplog show [application-version] [flags]` (the word is the same as `--application`)', '');
    } else {
      out.push(`Usage: \`shiplog ${words} [flags]\``, '');
    }
    out.push('Examples:', '', '```sh', ...mod.examples, '```', '');
    out.push('| flag | dh aliases | type | default | env | description |', '|---|---|---|---|---|---|');
    for (const spec of inputsFor(name, { includeCliOnly: true })) out.push(flagRow(spec, name));
    out.push(
      '',
      `JSON result (besides \`ok\`, \`operation\` and \`schemaVersion\`; schema [schemas/${name}.json](../schemas/${name}.json)):`,
      '',
      ...OUTPUT_FIELDS[name].map((f) => `- ${f}`),
      '',
    );
  }
  out.push(
    '## Pipeline config (shiplog.toml)',
    '',
    '```toml',
    '[[stage]]',
    'name = "dev"                      # required, unique',
    'environments = ["dev"]            # default: [name]; an environment belongs to one stage',
    '',
    '[[stage]]',
    'name = "prod"',
    'approval = true                   # moving INTO prod needs `shiplog approve --stage prod` first',
    'domain = "GLOBAL.Acme.prod"       # Ortelius domain (default: name); --from accepts it',
    'task = "Move to prod"             # default: "Move to <name>"',
    'environments = ["prod-eu", "prod-us"]',
    'approvers = ["group:release"]     # release policy keys: docs/policy.md',
    'min_approvals = 2',
    '```',
    '',
    'A file without `[[stage]]` tables (for example one that only names the store in `[store]`, or only has',
    '`[[freeze]]` windows) keeps the built-in stages. An empty list (`stage = []`), unknown keys, bad values, two',
    'stages with the same name or Ortelius domain, an environment in two stages, and every release-policy problem (an',
    'unknown stage in `after`, a cycle, an unknown approver group, a freeze whose `from` is not before `to`,',
    '`min_approvals` larger than the approver list, ...) are errors: exit 2 with every problem in one message, before',
    'any command writes anything. New application versions start in the first stage. Every key of the release policy',
    '(lifecycle, approval rules, `[groups]`, `[[freeze]]` windows) is in [policy.md](policy.md).',
    '',
  );
  return out.join('\n');
}
