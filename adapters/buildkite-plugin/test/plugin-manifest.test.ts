// plugin.yml and lib/options.json against THE input table: regenerated output must equal the committed files,
// and the schema itself is checked option by option (so a generator bug cannot hide behind the drift check).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ADAPTER_COMMANDS, ADAPTER_REPOSITORY, INPUTS, SECRET_INPUTS, inputsFor, isRequired } from '@shiplog/core';
import { renderPluginYml, withOptionsTable } from '../scripts/plugin-manifest.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pluginYml = readFileSync(join(root, 'plugin.yml'), 'utf8');
const definition = parse(pluginYml) as { name: string; requirements: string[]; configuration: Record<string, any> };
const schema = definition.configuration;
const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

/** Minimal valid configuration of an operation: its required inputs with example-ish values. */
function minimal(op: (typeof ADAPTER_COMMANDS)[number]): Record<string, unknown> {
  const config: Record<string, unknown> = { operation: op };
  for (const i of inputsFor(op)) if (isRequired(i, op)) config[i.name] = i.example ?? 'x';
  return config;
}

describe('plugin.yml', () => {
  it('is what the generator writes from the input table (run `npm run build`)', () => {
    expect(pluginYml).toBe(renderPluginYml());
    // lib/options.json is gone: the bundled hook (lib/hook.mjs) carries the input table itself.
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toBe(withOptionsTable(readme));
  });

  it('is a plugin definition whose configuration compiles as JSON Schema', () => {
    expect(definition.name).toBe('shiplog');
    expect(definition.requirements).toContain('node');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['operation']);
  });

  it('offers exactly the adapter commands (the operations, plan, apply), named as everywhere else', () => {
    expect(schema.properties.operation.enum).toEqual([...ADAPTER_COMMANDS]);
  });

  for (const op of ADAPTER_COMMANDS) {
    describe(op, () => {
      const expected = inputsFor(op).filter((i) => !i.secret && !i.cliOnly);

      it('accepts its required options, and fails without each of them', () => {
        expect(validate(minimal(op)), JSON.stringify(validate.errors)).toBe(true);
        for (const i of expected.filter((x) => isRequired(x, op))) {
          const config = minimal(op);
          delete config[i.name];
          expect(validate(config), `${op} without ${i.name}`).toBe(false);
        }
      });

      it('allows exactly the input table options of the operation (no secret, no CLI-only ones)', () => {
        const rule = schema.allOf.find((r: any) => r.if.properties.operation.const === op);
        expect(rule.then.propertyNames.enum).toEqual(['operation', 'credentials', ...expected.map((i) => i.name)]);
        expect(rule.then.required ?? []).toEqual(expected.filter((i) => isRequired(i, op)).map((i) => i.name));
        const foreign = INPUTS.filter((i) => !i.commands.includes(op) && schema.properties[i.name]);
        for (const i of foreign)
          expect(validate({ ...minimal(op), [i.name]: i.type === 'boolean' ? true : 'x' }), `${op} + ${i.name}`).toBe(false);
      });
    });
  }

  it('describes each option with its input-table type, default, values and description', () => {
    const operations: readonly string[] = ADAPTER_COMMANDS;
    for (const i of INPUTS.filter((x) => !x.secret && !x.cliOnly && x.commands.some((c) => operations.includes(c)))) {
      const p = schema.properties[i.name];
      expect(p, i.name).toBeDefined();
      expect(p.description).toBe(i.description);
      if (i.type === 'enum') expect(p.enum).toEqual(i.values);
      if (i.type === 'boolean') expect(p.type).toBe('boolean');
      // A list for some operation (plan and apply's env and application): one value or a list, for every operation.
      const list = i.type === 'list' || (i.listFor ?? []).some((c) => operations.includes(c));
      if (list)
        expect(
          p.anyOf.map((a: any) => a.type),
          i.name,
        ).toEqual(['string', 'array']);
      if (i.type === 'integer') expect(p.anyOf[0].type).toBe('integer');
      if (!list && ['string', 'duration'].includes(i.type)) expect(p.type).toBe('string');
      if (i.default !== undefined) expect(String(p.default)).toBe(i.default);
    }
  });

  it('never takes a secret as an option: credentials only name environment variables', () => {
    expect(SECRET_INPUTS.length).toBeGreaterThan(0);
    for (const s of SECRET_INPUTS) expect(schema.properties[s], s).toBeUndefined();
    expect(validate({ ...minimal('approve'), dhpass: 'hunter2' })).toBe(false);
    expect(validate({ ...minimal('approve'), credentials: { dhpass: 'DEPLOYHUB_PASSWORD' } })).toBe(true);
    expect(validate({ ...minimal('approve'), credentials: { dhpass: 'hunter 2!' } })).toBe(false);
  });

  it('types values: booleans, integers (also as interpolated strings), lists as a string or strings', () => {
    const deploy = minimal('deploy');
    expect(validate({ ...deploy, 'dry-run': 'yes' })).toBe(false);
    expect(validate({ ...deploy, 'exit-code': 3 })).toBe(true);
    expect(validate({ ...deploy, 'exit-code': '3' })).toBe(true);
    expect(validate({ ...deploy, 'exit-code': 'three' })).toBe(false);
    expect(validate({ ...deploy, attr: 'A=1' })).toBe(true);
    expect(validate({ ...deploy, attr: ['A=1', 'B=2'] })).toBe(true);
    expect(validate({ ...deploy, attr: [1] })).toBe(false);
    expect(validate({ ...deploy, backend: 'mysql' })).toBe(false);
  });
});

describe('README examples', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]);
  const uses = blocks.flatMap((text) => {
    const doc = parse(text) as { steps?: any[] } | null;
    return (doc?.steps ?? []).flatMap((step: any) =>
      (step.plugins ?? []).flatMap((p: any) =>
        Object.entries(p)
          .filter(([ref]) => /shiplog|buildkite-plugin/.test(ref))
          .map(([ref, config]) => ({ ref, config: config as Record<string, unknown>, step })),
      ),
    );
  });

  it('show every operation and the wrapper mode', () => {
    const ops = new Set(uses.map((u) => u.config.operation));
    for (const op of ADAPTER_COMMANDS) expect(ops.has(op), op).toBe(true);
    expect(uses.some((u) => u.config.operation === 'deploy' && u.step.command)).toBe(true);
  });

  it('are valid against the plugin schema', () => {
    expect(uses.length).toBeGreaterThan(5);
    for (const u of uses) expect(validate(u.config), `${u.ref}: ${JSON.stringify(u.config)} ${JSON.stringify(validate.errors)}`).toBe(true);
  });
});

// Issue 20, item 4: the checks of the official plugin linter (buildkite-plugins/buildkite-plugin-linter), redone
// here: plugin.yml has the fields its plugin-yaml schema requires, the README's yaml examples are found the way it
// finds them (a fence at the start of a line, the block ending at the next "\n```"), the plugin's entries are
// those whose key is `<id>#v...` for the mirror's id, and each one is valid against plugin.yml's configuration.
describe('the official plugin linter on this plugin', () => {
  const LINTER_ID = ADAPTER_REPOSITORY; // the mirror's short form, shiplog-dev/shiplog#v<version>
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  it('plugin.yml has name, description, author, requirements and a configuration with properties, required and additionalProperties', () => {
    const def = definition as unknown as Record<string, unknown>;
    for (const key of ['name', 'description', 'author']) expect(typeof def[key], key).toBe('string');
    expect(Array.isArray(def.requirements)).toBe(true);
    expect(typeof schema.properties).toBe('object');
    expect(Array.isArray(schema.required)).toBe(true);
    expect(typeof schema.additionalProperties).toBe('boolean');
  });

  it('finds the examples as the linter does: no indented fence, every block parses', () => {
    // an indented fence makes the linter's block run on to a later fence and its YAML parse fail
    expect(readme.split('\n').filter((l) => /^\s+```/.test(l))).toEqual([]);
    const blocks = [...readme.matchAll(/```ya?ml\n+([\s\S]*?)\n+```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThan(5);
    for (const b of blocks) {
      expect(b, b).not.toContain('```');
      expect(() => parse(b), b).not.toThrow();
    }
  });

  it(`finds every operation among the examples under the id ${LINTER_ID}, each valid against the configuration schema`, () => {
    const key = new RegExp(`^${LINTER_ID}#v.+$`);
    const configs: Record<string, unknown>[] = [];
    for (const m of readme.matchAll(/```ya?ml\n+([\s\S]*?)\n+```/g)) {
      if (!new RegExp(`${LINTER_ID}#v.+`).test(m[1])) continue;
      const doc = parse(m[1]) as { steps?: unknown[] } | unknown[];
      const steps = (Array.isArray(doc) ? doc : (doc.steps ?? [])) as { plugins?: unknown }[];
      for (const step of steps) {
        if (step.plugins === undefined) continue;
        expect(Array.isArray(step.plugins), 'plugins must be a list').toBe(true);
        for (const p of step.plugins as unknown[]) {
          if (typeof p === 'string' && key.test(p)) configs.push({});
          else for (const [k, c] of Object.entries(p as object)) if (key.test(k)) configs.push(c as Record<string, unknown>);
        }
      }
    }
    expect(new Set(configs.map((c) => c.operation))).toEqual(new Set(ADAPTER_COMMANDS));
    for (const c of configs) expect(validate(c), `${JSON.stringify(c)} ${JSON.stringify(validate.errors)}`).toBe(true);
  });
});
