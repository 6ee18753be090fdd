/**
 * The input table (core/src/inputs.ts and the orb's own inputs in core/src/kit/platform-inputs.ts) as CircleCI
 * orb parameters, through the kit's exposure (platformParams('circleci', op)). The orb's commands and jobs are
 * generated from this mapping; test/manifest.test.ts re-checks it.
 *
 * Mapping rules (also in the README):
 * - name: kebab-case input `app-version` -> orb parameter `app_version` (the bundle maps it back to `--app-version`).
 * - credentials and secrets (the env-name inputs: `dhurl`, `dhuser`, `dhpass`, `store_password`): type
 *   `env_var_name`, default the variable the core reads (DHURL, ..., SHIPLOG_STORE_PASSWORD). The bundle reads the
 *   variable BY NAME; the value never reaches a command line.
 * - string, duration: `string`, default "" (= not passed, so the core applies its own default, named in the
 *   description; passing e.g. `--config shiplog.toml` explicitly would make that file mandatory).
 * - boolean: `boolean`, default the table's default (false when none).
 * - integer: `integer` when the table has a default, else `string` with default "" (CircleCI parameters without a
 *   default are required).
 * - enum: `enum` with the table's values; when the table has no default, "" (= let the core decide) is added.
 * - list: `string`, one item per line (each line becomes one repeated flag).
 * - required inputs get no default, so CircleCI itself rejects a config that omits them.
 * - the orb's own inputs (registry, bundle_file, working_directory, defer_exit, executor, checkout) keep their
 *   table defaults and are not passed to the CLI.
 */
import {
  orbParamVariable,
  orbRunParams,
  platformParams,
  snakeName,
  type InputSpec,
  type AdapterCommandName,
  type PlatformParam,
} from '@shiplog/core';

export type OrbParameterType = 'string' | 'boolean' | 'integer' | 'enum' | 'env_var_name' | 'executor';

export interface OrbParameter {
  type: OrbParameterType;
  description: string;
  default?: string | boolean | number;
  enum?: string[];
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}

export const orbParameterName = snakeName;

export function inputNameOf(orbParameter: string): string {
  return orbParameter.replace(/_/g, '-');
}

/** The core inputs an operation's run step passes on (the orb's own ones shape the job instead): the kit's rule. */
export const tableParams = orbRunParams;

/** The orb's own parameters of an operation (registry, bundle_file, ...), for its commands or its jobs. */
export function orbOwnParams(op: AdapterCommandName, scope: 'command' | 'job'): PlatformParam[] {
  return platformParams('circleci', op).filter((p) => p.spec.platform === 'circleci' && (p.exposure.scope ?? scope) === scope);
}

/** Table inputs that become orb parameters for an operation (CLI-only inputs such as --json are excluded). */
export function tableInputs(op: AdapterCommandName): InputSpec[] {
  return tableParams(op).map((p) => p.spec);
}

/** The environment variable the run step reads for a parameter (the kit's rule, kit/orb-parameters.ts, reads it back). */
export const channelVariable = orbParamVariable;

/** One parameter as the orb declares it; `fill` replaces {placeholders} in descriptions (the pinned version). */
export function orbParameter(p: PlatformParam, fill: (text: string) => string = (t) => t): OrbParameter {
  const description = fill(p.description);
  if (p.channel === 'env-name') {
    return {
      type: 'env_var_name',
      description: `Name of the environment variable (project setting or context) holding the value, read by name at run time. ${firstSentence(description)}`,
      default: p.envDefault!,
    };
  }
  const withDefault = (o: OrbParameter, value: string | boolean | number): OrbParameter => (p.required ? o : { ...o, default: value });
  if (p.exposure.type === 'executor') return { type: 'executor', description, default: p.default ?? 'default' };
  if (p.spec.platform) {
    if (p.spec.type === 'boolean') return { type: 'boolean', description, default: p.default === 'true' };
    return { type: 'string', description, default: p.default ?? '' };
  }
  switch (p.spec.type) {
    case 'boolean':
      return withDefault({ type: 'boolean', description }, p.default === 'true');
    case 'integer':
      if (p.default !== undefined) return withDefault({ type: 'integer', description }, Number(p.default));
      return withDefault({ type: 'string', description: `${description} (an integer; empty: not set)` }, '');
    case 'enum': {
      const values = [...(p.spec.values ?? [])];
      if (p.default === undefined && !p.required) values.unshift('');
      return withDefault({ type: 'enum', description, enum: values }, p.default ?? '');
    }
    case 'list':
      return withDefault({ type: 'string', description: `${description} One item per line.` }, '');
    case 'string':
    case 'duration': {
      const text = p.default === undefined ? description : `${description} Empty: the core's default, ${p.default}.`;
      return withDefault({ type: 'string', description: text }, '');
    }
  }
}

export function orbParameters(op: AdapterCommandName): Record<string, OrbParameter> {
  const out: Record<string, OrbParameter> = {};
  for (const p of tableParams(op)) out[p.name] = orbParameter(p);
  return out;
}
