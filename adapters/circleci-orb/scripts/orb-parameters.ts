/**
 * Maps the core's input table (core/src/inputs.ts) to CircleCI orb parameters. The orb's commands and jobs are
 * generated from this mapping, so they cannot drift from the table; test/manifest.test.ts re-checks it.
 *
 * Mapping rules (also in the README):
 * - name: kebab-case input `app-version` -> orb parameter `app_version` (the script maps it back to `--app-version`).
 * - credentials (`dhurl`, `dhuser` and every secret input): type `env_var_name`, default the input's environment
 *   variable (DHURL, DHUSER, DHPASS). The script reads the variable BY NAME; the value never reaches a command line.
 * - string, duration: `string`, default "" (= not passed, so the core applies its own default, named in the
 *   description; passing e.g. `--config shiplog.toml` explicitly would make that file mandatory).
 * - boolean: `boolean`, default the table's default (false when none).
 * - integer: `integer` when the table has a default, else `string` with default "" (CircleCI parameters without a
 *   default are required).
 * - enum: `enum` with the table's values; when the table has no default, "" (= let the core decide) is added.
 * - list: `string`, one item per line (each line becomes one repeated flag).
 * - required inputs get no default, so CircleCI itself rejects a config that omits them.
 * - description: the table's, unless the orb changes the input's default (ORB_DESCRIPTIONS: `output`).
 */
import { inputsFor, isRequired, SECRET_INPUTS, type InputSpec, type OperationName } from '../../../core/src/inputs.js';

export type OrbParameterType = 'string' | 'boolean' | 'integer' | 'enum' | 'env_var_name' | 'executor';

export interface OrbParameter {
  type: OrbParameterType;
  description: string;
  default?: string | boolean | number;
  enum?: string[];
}

/** How run.sh receives a parameter: the environment variable prefix tells it how to turn it into flags. */
export type ParameterChannel = 'value' | 'flag' | 'list' | 'envvar';

export const CHANNEL_PREFIX: Record<ParameterChannel, string> = {
  value: 'SHIPLOG_IN_',
  flag: 'SHIPLOG_FLAG_',
  list: 'SHIPLOG_LIST_',
  envvar: 'SHIPLOG_ENVVAR_',
};

/** Inputs passed as environment variable NAMES (env_var_name parameters). */
export const CREDENTIAL_INPUTS: readonly string[] = ['dhurl', 'dhuser', ...SECRET_INPUTS];

/**
 * Inputs whose default the orb changes (run.sh supplies it), so the table's description would say what the CLI
 * does, not what the orb does.
 */
export const ORB_DESCRIPTIONS: Readonly<Record<string, string>> = {
  output:
    'File the variables are appended to. Empty: $BASH_ENV, which CircleCI loads in every later step of the same job; only format sh may go there (another format with an empty output fails the step with exit 2).',
};

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}

export function orbParameterName(inputName: string): string {
  return inputName.replace(/-/g, '_');
}

export function inputNameOf(orbParameter: string): string {
  return orbParameter.replace(/_/g, '-');
}

export function channelOf(input: InputSpec): ParameterChannel {
  if (CREDENTIAL_INPUTS.includes(input.name)) return 'envvar';
  if (input.type === 'boolean') return 'flag';
  if (input.type === 'list') return 'list';
  return 'value';
}

/** The environment variable run.sh reads for an input, e.g. SHIPLOG_IN_APP_VERSION. */
export function channelVariable(input: InputSpec): string {
  return CHANNEL_PREFIX[channelOf(input)] + orbParameterName(input.name).toUpperCase();
}

export function orbParameter(input: InputSpec, op: OperationName): OrbParameter {
  const required = isRequired(input, op);
  const description = (ORB_DESCRIPTIONS[input.name] ?? input.description).replace(/\s+/g, ' ').trim();
  if (CREDENTIAL_INPUTS.includes(input.name)) {
    const envName = input.env?.[0];
    if (!envName) throw new Error(`credential input ${input.name} has no environment variable in the input table`);
    if (envName !== orbParameterName(input.name).toUpperCase()) {
      throw new Error(`credential input ${input.name}: run.sh exports it as ${orbParameterName(input.name).toUpperCase()}, the table says ${envName}`);
    }
    return {
      type: 'env_var_name',
      description: `Name of the environment variable (project setting or context) holding the value, read by name at run time. ${firstSentence(description)}`,
      default: envName,
    };
  }
  const withDefault = (p: OrbParameter, value: string | boolean | number): OrbParameter =>
    required ? p : { ...p, default: value };
  switch (input.type) {
    case 'boolean':
      return withDefault({ type: 'boolean', description }, input.default === 'true');
    case 'integer':
      if (input.default !== undefined) return withDefault({ type: 'integer', description }, Number(input.default));
      return withDefault({ type: 'string', description: `${description} (an integer; empty: not set)` }, '');
    case 'enum': {
      const values = [...(input.values ?? [])];
      if (input.default === undefined && !required) values.unshift('');
      return withDefault({ type: 'enum', description, enum: values }, input.default ?? '');
    }
    case 'list':
      return withDefault({ type: 'string', description: `${description} One item per line.` }, '');
    case 'string':
    case 'duration': {
      const text = input.default === undefined ? description : `${description} Empty: the core's default, ${input.default}.`;
      return withDefault({ type: 'string', description: text }, '');
    }
  }
}

/** Table inputs that become orb parameters for an operation (CLI-only inputs such as --json are excluded). */
export function tableInputs(op: OperationName): InputSpec[] {
  return inputsFor(op);
}

export function orbParameters(op: OperationName): Record<string, OrbParameter> {
  const out: Record<string, OrbParameter> = {};
  for (const input of tableInputs(op)) out[orbParameterName(input.name)] = orbParameter(input, op);
  return out;
}
