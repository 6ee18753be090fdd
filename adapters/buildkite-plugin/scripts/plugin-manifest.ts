/**
 * Renders the plugin's two generated files from THE input table (core/src/inputs.ts):
 * - plugin.yml: the Buildkite plugin definition whose `configuration` is a JSON Schema;
 * - lib/options.json: the same options in the small form the hooks read at step time (no YAML parser there).
 *
 * Plugin options are the input-table names of each operation, minus CLI-only inputs and secret inputs.
 * Secrets never go into pipeline.yml: `credentials` names the environment variables that hold them instead.
 */
import { stringify } from 'yaml';
import { INPUTS, OPERATIONS, inputsFor, isRequired, type InputSpec, type OperationName } from '../../../core/src/inputs.js';

/** Inputs whose values the plugin reads from environment variables named in `credentials`. */
export const CREDENTIAL_INPUTS = ['dhurl', 'dhuser', 'dhpass'] as const;

/** Options the plugin adds on top of the input table. */
export const PLUGIN_OPTIONS = ['operation', 'credentials'] as const;

export type OptionType = 'string' | 'boolean' | 'integer' | 'list';

export interface OptionsFile {
  /** Per operation: option name -> how the hook turns it into CLI flags. */
  operations: Record<OperationName, Record<string, OptionType>>;
  /** credentials key -> default environment variable name. */
  credentials: Record<string, string>;
  /** credentials keys whose values are secrets (registered with the agent's redactor). */
  secretCredentials: string[];
}

/** The plugin options of one operation, in input-table order. */
export function pluginInputs(op: OperationName): InputSpec[] {
  return inputsFor(op).filter((i) => !i.secret && !i.cliOnly);
}

function optionType(i: InputSpec): OptionType {
  if (i.type === 'boolean' || i.type === 'integer' || i.type === 'list') return i.type;
  return 'string';
}

function credentialDefault(name: string): string {
  const spec = INPUTS.find((i) => i.name === name);
  const env = spec?.env?.[0];
  if (!env) throw new Error(`input ${name} has no environment variable to default to`);
  return env;
}

export function optionsFile(): OptionsFile {
  const operations = {} as OptionsFile['operations'];
  for (const op of OPERATIONS) {
    operations[op] = Object.fromEntries(pluginInputs(op).map((i) => [i.name, optionType(i)]));
  }
  return {
    operations,
    credentials: Object.fromEntries(CREDENTIAL_INPUTS.map((n) => [n, credentialDefault(n)])),
    secretCredentials: CREDENTIAL_INPUTS.filter((n) => INPUTS.find((i) => i.name === n)?.secret),
  };
}

export function renderOptionsJson(): string {
  return `${JSON.stringify(optionsFile(), null, 2)}\n`;
}

type Schema = Record<string, unknown>;

/** JSON Schema of one input as a plugin option. */
export function propertySchema(i: InputSpec): Schema {
  const s: Schema = {};
  switch (i.type) {
    case 'boolean':
      s.type = 'boolean';
      break;
    case 'integer':
      // YAML numbers, or strings from pipeline interpolation ("$EXIT_CODE").
      s.anyOf = [{ type: 'integer' }, { type: 'string', pattern: '^-?[0-9]+$' }];
      break;
    case 'list':
      s.anyOf = [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }];
      break;
    case 'enum':
      s.type = 'string';
      s.enum = [...(i.values ?? [])];
      break;
    default:
      s.type = 'string';
  }
  s.description = i.description;
  if (i.default !== undefined) s.default = i.type === 'boolean' ? i.default === 'true' : i.type === 'integer' ? Number(i.default) : i.default;
  if (i.example !== undefined) s.examples = [i.example];
  return s;
}

/** Every option any operation takes, in input-table order (one schema per name). */
function allPluginInputs(): InputSpec[] {
  const specs = new Set(OPERATIONS.flatMap((op) => pluginInputs(op)));
  return INPUTS.filter((i) => specs.has(i));
}

export function configurationSchema(): Schema {
  const properties: Schema = {
    operation: {
      type: 'string',
      enum: [...OPERATIONS],
      description:
        'The shiplog operation this step runs. With `deploy` and a step `command`, the plugin wraps the command and records it as a deployment.',
    },
    credentials: {
      type: 'object',
      description:
        'NAMES of the environment variables holding the Ortelius/DeployHub credentials (never the values themselves).',
      properties: Object.fromEntries(
        CREDENTIAL_INPUTS.map((n) => [
          n,
          {
            type: 'string',
            pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
            default: credentialDefault(n),
            description: `Environment variable with the ${n === 'dhurl' ? 'server URL' : n === 'dhuser' ? 'user' : 'password'}.`,
          },
        ]),
      ),
      additionalProperties: false,
    },
  };
  for (const i of allPluginInputs()) properties[i.name] = propertySchema(i);
  const allOf = OPERATIONS.map((op) => {
    const inputs = pluginInputs(op);
    const then: Schema = {
      propertyNames: { enum: [...PLUGIN_OPTIONS, ...inputs.map((i) => i.name)] },
    };
    const required = inputs.filter((i) => isRequired(i, op)).map((i) => i.name);
    if (required.length) then.required = required;
    return { if: { properties: { operation: { const: op } }, required: ['operation'] }, then };
  });
  return { type: 'object', properties, required: ['operation'], additionalProperties: false, allOf };
}

export function pluginDefinition(): Schema {
  return {
    name: 'shiplog',
    description:
      'Record and drive releases (component and application versions, approvals, stage moves, deployments) in shiplog\'s embedded store or an Ortelius/DeployHub server.',
    author: 'https://github.com/shiplog',
    requirements: ['node'],
    configuration: configurationSchema(),
  };
}

export function renderPluginYml(): string {
  const header =
    '# GENERATED from core/src/inputs.ts by `npm run generate -w adapters/buildkite-plugin`: do not edit.\n' +
    '# A test fails when this file drifts from the input table.\n';
  return header + stringify(pluginDefinition(), { lineWidth: 0 });
}

export const README_START = '<!-- options:start (generated from core/src/inputs.ts: npm run generate) -->';
export const README_END = '<!-- options:end -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, ' ');
}

/** The README's options table: one row per option, with the operations that take it. */
export function renderOptionsTable(): string {
  const rows = [
    '| option | type | operations | default | description |',
    '|---|---|---|---|---|',
    `| \`operation\` | enum | all | | **Required.** ${[...OPERATIONS].map((o) => `\`${o}\``).join(', ')}. With \`deploy\` and a step \`command\`, the plugin wraps the command. |`,
    `| \`credentials\` | mapping | all | ${CREDENTIAL_INPUTS.map((n) => `\`${n}: ${credentialDefault(n)}\``).join(', ')} | **Names** of the environment variables holding the Ortelius/DeployHub URL, user and password (never the values). |`,
  ];
  for (const i of allPluginInputs()) {
    const ops = OPERATIONS.filter((op) => pluginInputs(op).some((x) => x.name === i.name));
    const required = ops.filter((op) => isRequired(i, op));
    const opsText = ops.length === OPERATIONS.length ? 'all' : ops.join(', ');
    const req = required.length ? ` **Required for ${required.join(', ')}.**` : '';
    const type = i.type === 'enum' ? (i.values ?? []).map((v) => `\`${v}\``).join(' \\| ') : i.type;
    rows.push(`| \`${i.name}\` | ${type} | ${opsText} | ${i.default !== undefined ? `\`${i.default}\`` : ''} | ${cell(i.description)}${req} |`);
  }
  return rows.join('\n');
}

/** README text with the options table between its markers replaced. */
export function withOptionsTable(readme: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error('README.md lacks the options table markers');
  return `${readme.slice(0, start + README_START.length)}\n${renderOptionsTable()}\n${readme.slice(end)}`;
}
