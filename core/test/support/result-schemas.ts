/**
 * The JSON Schemas of the command results (schemas/ at the repository root), and
 * validateResult(): the problems of one result against its schema (error.json for `ok:false`, else
 * `<operation>.json`), empty when it conforms. result-schema-setup.ts runs it on every result the tests produce.
 * A schema is compiled on first use (once per test worker process).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schemas');

interface Compiled {
  ajv: Ajv2020;
  ids: Map<string, string>;
  validators: Map<string, ValidateFunction>;
}

// Kept on globalThis: a test worker that runs several files compiles each schema once (a schema is compiled only
// when a result of its command is first validated, with the shared definitions it references).
const KEY = Symbol.for('shiplog.resultSchemas');
const store = globalThis as unknown as Record<symbol, Compiled | undefined>;

function compiled(): Compiled {
  const cached = store[KEY];
  if (cached) return cached;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, inlineRefs: false });
  const ids = new Map<string, string>();
  for (const f of readdirSync(SCHEMA_DIR).filter((n) => n.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, f), 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    ids.set(f.replace(/\.json$/, ''), schema.$id);
  }
  ids.delete('common');
  return (store[KEY] = { ajv, ids, validators: new Map() });
}

function validator(name: string): ValidateFunction | undefined {
  const c = compiled();
  let v = c.validators.get(name);
  const id = c.ids.get(name);
  if (!v && id) {
    v = c.ajv.getSchema(id)!;
    c.validators.set(name, v);
  }
  return v;
}

/** The schema names there are (one per command, plus `error`). */
export function resultSchemaNames(): string[] {
  return [...compiled().ids.keys()].sort();
}

/** Problems of a result against its schema, one line each (`/deployment/components: must be array`). */
export function validateResult(result: unknown): string[] {
  const r = result as { ok?: unknown; operation?: unknown };
  const name = r?.ok === false ? 'error' : typeof r?.operation === 'string' ? r.operation : undefined;
  const validate = name === undefined ? undefined : validator(name);
  if (!validate) return [`no schema for a result with ok ${JSON.stringify(r?.ok)} and operation ${JSON.stringify(r?.operation)}`];
  if (validate(result)) return [];
  return (validate.errors ?? []).map(
    (e) =>
      `${name}.json: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}${e.params && 'unevaluatedProperty' in e.params ? ` (${String(e.params.unevaluatedProperty)})` : ''}`,
  );
}
