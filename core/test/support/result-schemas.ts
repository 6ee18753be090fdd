/**
 * The JSON Schemas of the command results (schemas/ at the repository root) compiled once per test worker, and
 * validateResult(): the problems of one result against its schema (error.json for `ok:false`, else
 * `<operation>.json`), empty when it conforms. result-schema-setup.ts runs it on every result the tests produce.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schemas');

let compiled: Map<string, ValidateFunction> | undefined;

/** Every schema file by name (`deploy`, `error`, `common`), compiled on first use. */
function validators(): Map<string, ValidateFunction> {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'));
  const schemas = files.map(
    (f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(path.join(SCHEMA_DIR, f), 'utf8')) as { $id: string }] as const,
  );
  for (const [, s] of schemas) ajv.addSchema(s);
  compiled = new Map(schemas.filter(([n]) => n !== 'common').map(([n, s]) => [n, ajv.getSchema(s.$id)!]));
  return compiled;
}

/** The schema names there are (one per command, plus `error`). */
export function resultSchemaNames(): string[] {
  return [...validators().keys()].sort();
}

/** Problems of a result against its schema, one line each (`/deployment/components: must be array`). */
export function validateResult(result: unknown): string[] {
  const r = result as { ok?: unknown; operation?: unknown };
  const name = r?.ok === false ? 'error' : typeof r?.operation === 'string' ? r.operation : undefined;
  const validate = name === undefined ? undefined : validators().get(name);
  if (!validate) return [`no schema for a result with ok ${JSON.stringify(r?.ok)} and operation ${JSON.stringify(r?.operation)}`];
  if (validate(result)) return [];
  return (validate.errors ?? []).map(
    (e) =>
      `${name}.json: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}${e.params && 'unevaluatedProperty' in e.params ? ` (${String(e.params.unevaluatedProperty)})` : ''}`,
  );
}
