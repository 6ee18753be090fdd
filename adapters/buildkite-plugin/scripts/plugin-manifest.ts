/**
 * Renders plugin.yml (the Buildkite plugin definition, whose `configuration` is a JSON Schema) and the README's
 * options table from THE input table, as the kit exposes it on Buildkite: plugin options are the value inputs of
 * each operation (no secret, no CLI-only input); `credentials` names the environment variables that hold the
 * credentials and secrets (the env-name inputs), never their values.
 */
import { stringify } from 'yaml';
import {
  ADAPTER_COMMANDS,
  ADAPTER_REPOSITORY,
  INPUTS,
  isRequired,
  platformParams,
  type AdapterCommandName,
  type InputSpec,
} from '@shiplog/core';

/** Options the plugin adds on top of the input table. */
export const PLUGIN_OPTIONS = ['operation', 'credentials'] as const;

/** The plugin options of one operation, in input-table order. */
export function pluginInputs(op: AdapterCommandName): InputSpec[] {
  return platformParams('buildkite', op)
    .filter((p) => p.channel === 'value')
    .map((p) => p.source);
}

/** Whether an option is a list for some operation (plan and apply's `env` and `application`). */
const listSomewhere = (i: InputSpec) =>
  i.type === 'list' || (i.listFor ?? []).some((c) => (ADAPTER_COMMANDS as readonly string[]).includes(c));

/** The `credentials` keys: input name -> the environment variable read when the pipeline names none. */
function credentialInputs(): { name: string; envDefault: string; spec: InputSpec }[] {
  return platformParams('buildkite', 'deploy')
    .filter((p) => p.channel === 'env-name')
    .map((p) => ({ name: p.name, envDefault: p.envDefault!, spec: p.spec }));
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}

type Schema = Record<string, unknown>;

/** JSON Schema of one input as a plugin option. */
export function propertySchema(i: InputSpec): Schema {
  const s: Schema = {};
  switch (listSomewhere(i) ? 'list' : i.type) {
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
  if (i.default !== undefined)
    s.default = i.type === 'boolean' ? i.default === 'true' : i.type === 'integer' ? Number(i.default) : i.default;
  if (i.example !== undefined) s.examples = [i.example];
  return s;
}

/** Every option any operation takes, in input-table order (one schema per name). */
function allPluginInputs(): InputSpec[] {
  // by spec, not by name: two commands may have different inputs of one name (envscript's and the queries' format)
  const specs = new Set(ADAPTER_COMMANDS.flatMap((op) => pluginInputs(op)));
  return INPUTS.filter((i) => specs.has(i));
}

export function configurationSchema(): Schema {
  const properties: Schema = {
    operation: {
      type: 'string',
      enum: [...ADAPTER_COMMANDS],
      description:
        'The shiplog operation this step runs. With `deploy` and a step `command`, the plugin wraps the command and records it as a deployment.',
    },
    credentials: {
      type: 'object',
      description:
        'NAMES of the environment variables holding the credentials: the Ortelius/DeployHub URL, user and password, and the store password (never the values themselves).',
      properties: Object.fromEntries(
        credentialInputs().map((c) => [
          c.name,
          {
            type: 'string',
            pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
            default: c.envDefault,
            description: `Environment variable with: ${firstSentence(c.spec.description)}`,
          },
        ]),
      ),
      additionalProperties: false,
    },
  };
  for (const i of allPluginInputs()) properties[i.name] = propertySchema(i);
  const allOf = ADAPTER_COMMANDS.map((op) => {
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
      "Record and drive releases (component and application versions, approvals, stage moves, deployments) in shiplog's embedded store or an Ortelius/DeployHub server.",
    author: `https://github.com/${ADAPTER_REPOSITORY.split('/')[0]}`,
    requirements: ['node'],
    configuration: configurationSchema(),
  };
}

export function renderPluginYml(): string {
  const header =
    '# GENERATED from the input table (core/src/inputs.ts) by `npm run build`: do not edit.\n' +
    '# `npm run check` fails when this file drifts.\n';
  return header + stringify(pluginDefinition(), { lineWidth: 0 });
}

export const README_START = '<!-- options:start (generated from core/src/inputs.ts: npm run build) -->';
export const README_END = '<!-- options:end -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, ' ');
}

/** The README's options table: one row per option, with the operations that take it. */
export function renderOptionsTable(): string {
  const rows = [
    '| option | type | operations | default | description |',
    '|---|---|---|---|---|',
    `| \`operation\` | enum | all | | **Required.** ${[...ADAPTER_COMMANDS].map((o) => `\`${o}\``).join(', ')}. With \`deploy\` and a step \`command\`, the plugin wraps the command. |`,
    `| \`credentials\` | mapping | all | ${credentialInputs()
      .map((c) => `\`${c.name}: ${c.envDefault}\``)
      .join(
        ', ',
      )} | **Names** of the environment variables holding the Ortelius/DeployHub URL, user and password and the store password (never the values). |`,
  ];
  for (const i of allPluginInputs()) {
    const ops = ADAPTER_COMMANDS.filter((op) => pluginInputs(op).includes(i));
    const required = ops.filter((op) => isRequired(i, op));
    const opsText = ops.length === ADAPTER_COMMANDS.length ? 'all' : ops.join(', ');
    const req = required.length ? ` **Required for ${required.join(', ')}.**` : '';
    const type = i.type === 'enum' ? (i.values ?? []).map((v) => `\`${v}\``).join(' \\| ') : i.type;
    rows.push(
      `| \`${i.name}\` | ${type} | ${opsText} | ${i.default !== undefined ? `\`${i.default}\`` : ''} | ${cell(i.description)}${req} |`,
    );
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
