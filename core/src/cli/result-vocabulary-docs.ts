/**
 * The "JSON results" section of docs/cli.md: the one vocabulary every command's result uses, and the JSON Schema
 * file of each (schemas/ at the repository root; the tests validate every result they produce against them).
 * Not part of the bundle.
 */
import { COMMANDS } from '../inputs.js';
import { RESULT_SCHEMA_VERSION } from '../result-version.js';

/** The schema files besides one per command: `init` (not in the registry), failures, shared definitions. */
export const EXTRA_RESULT_SCHEMAS = ['init', 'error', 'common'] as const;

/** Every schema file name under schemas/, without `.json`. */
export function resultSchemaFiles(): string[] {
  return [...COMMANDS, ...EXTRA_RESULT_SCHEMAS];
}

export function resultVocabularyDocs(): string[] {
  return [
    '## JSON results',
    '',
    `Every \`--json\` result (and every result \`execute()\` hands an adapter) uses one vocabulary, and says which in`,
    `\`schemaVersion\` (\`${RESULT_SCHEMA_VERSION}\`). A field is renamed, removed or changes shape only with a new \`schemaVersion\`, noted in`,
    'CHANGELOG.md as a breaking change; new optional fields keep it. Each result has a JSON Schema (draft 2020-12) in',
    '[schemas/](../schemas), its shared definitions in `schemas/common.json`; the test suite validates every result it',
    'produces against them (ajv).',
    '',
    '| what | field | shape |',
    '|---|---|---|',
    '| every result | `ok`, `operation`, `schemaVersion` | `true` (or `false`, see errors), the command (`store-info`, `state-set`: one word), `1` |',
    '| application version | `appVersion` | its full name, always a string: `"GLOBAL.Acme.Store.shop;3"` (`null` where there is none) |',
    '| component versions | `components`; one: `componentVersion` | full component version names: `["GLOBAL.Acme.Store.cart;main;v1_2_0"]`; a single one is a string |',
    "| ids | `id`; `deploymentId`, `appVersionId`, `componentVersionId` | `id` is the id of the object it is in; a reference to another record is `<record>Id`. Deployment ids are integers; application and component version ids are the backend's strings (`av:3`, `cv:1` in a shiplog store; the server's id on Ortelius), `null` before anything is recorded (dry run) |",
    '| created or changed | `componentVersionCreated`, `appVersionCreated`, `...Updated` | booleans beside the name and id they describe (version-update) |',
    '| who acted | `actor` | `{id, source}`, never a bare string: `source` is `ci:<platform>`, `verified:<platform>`, `git`, `os`, `self-asserted`, or `unknown`; `{"id":"unknown","source":"unknown"}` when nobody is known (records written before shiplog kept actors; approvals and state values a store kept only the id of: that id, source `unknown`) |',
    "| CI build | `build` | `{provider, buildId, job, buildUrl, commit, branch, user}`: `user` is the CI platform's user that started the build, which may differ from `actor` |",
    '| timestamps | `at` (an event), `<verb>At` (`startedAt`, `finishedAt`, `deployedAt`, `createdAt`, `setAt`, `generatedAt`, `endsAt`) | ISO 8601 in UTC with milliseconds, `"2026-12-07T20:54:01.490Z"` (a record written elsewhere may lack the milliseconds) |',
    '| durations | `durationMs` | whole milliseconds (an integer) |',
    '| release policy | `gatePassed`, `unmetRules`, `override` | see the commands below and [policy.md](policy.md) |',
    '| store | `store`, `config` | `{kind, location, source}` and the shiplog.toml path (or `null`), when the command opened a store |',
    '| queries | `filters` | `[{input, value, source: flag\\|env, variable?}]`: every filter applied and where it came from |',
    "| failures | `ok: false`, `error` | `{code, message, exitCode, hint?, problems?}`; what the command did before it failed keeps its names (a failed deployment's `deployment`, a refused gate's `gatePassed` and `unmetRules`, apply's `steps`). Schema: `schemas/error.json` |",
    '',
    'Schemas: ' +
      resultSchemaFiles()
        .map((n) => `[\`${n}\`](../schemas/${n}.json)`)
        .join(', ') +
      '.',
    '',
  ];
}
