// The action.yml files and README tables are generated from the core's input table: fail on any drift.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ADAPTER_COMMANDS, ADAPTER_REFS, exposureOf, inputsFor, isRequired, OUTPUTS, PLATFORM_INPUTS } from '@shiplog/core';
import { OPERATION_INPUT } from '@shiplog/core';

// The GitHub-only inputs and the outputs, from the one table.
const ACTION_ONLY_INPUTS = PLATFORM_INPUTS.filter((i) => i.platform === 'github');
const ACTION_OUTPUTS = OUTPUTS.filter((o) => o.expose?.github !== false);
import { readmeBlock, readmeBlocks, renderActionYml } from '../scripts/render-manifests.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface ActionYml {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const load = (op: string): ActionYml => parse(readFileSync(join(root, op, 'action.yml'), 'utf8')) as ActionYml;

describe('action.yml per operation', () => {
  it('has exactly one folder with an action.yml per core operation', () => {
    const folders = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'action.yml')))
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual([...ADAPTER_COMMANDS].sort());
  });

  for (const op of ADAPTER_COMMANDS) {
    describe(op, () => {
      const yml = load(op);

      it('is byte-identical to what scripts/generate.ts renders', () => {
        expect(readFileSync(join(root, op, 'action.yml'), 'utf8')).toBe(renderActionYml(op));
      });

      it('declares every input of the input table for this operation, as the table says', () => {
        // every input of the table the action takes (an input of another platform's gate, `expose.github: false`, is not)
        const specs = inputsFor(op).filter((spec) => exposureOf(spec, 'github') !== undefined);
        for (const spec of specs) {
          const input = yml.inputs[spec.name];
          expect(input, `input ${spec.name}`).toBeDefined();
          expect(input.description.startsWith(spec.description), `description of ${spec.name}`).toBe(true);
          expect(input.required, `required of ${spec.name}`).toBe(isRequired(spec, op));
          const envBound = (spec.env ?? []).length > 0;
          // env-bound inputs carry no action.yml default (it would override the variable): it is described instead
          if (envBound) {
            expect(input.default, `default of ${spec.name}`).toBeUndefined();
            if (spec.default !== undefined) expect(input.description).toContain(`Default: \`${spec.default}\``);
          } else {
            expect(input.default, `default of ${spec.name}`).toBe(spec.default);
          }
        }
        const extra = ACTION_ONLY_INPUTS.filter((i) => i.commands.includes(op)).map((i) => i.name);
        expect(Object.keys(yml.inputs).sort()).toEqual([...specs.map((s) => s.name), ...extra, OPERATION_INPUT].sort());
      });

      it('never exposes CLI-only flags', () => {
        expect(yml.inputs.json).toBeUndefined();
        expect(yml.inputs.debug).toBeUndefined();
      });

      it('fixes its operation in the hidden operation input', () => {
        expect(yml.inputs[OPERATION_INPUT].default).toBe(op);
      });

      it('declares its outputs, each described', () => {
        const expected = ACTION_OUTPUTS.filter((o) => o.commands.includes(op)).map((o) => o.name);
        expect(Object.keys(yml.outputs)).toEqual(expected);
        for (const o of Object.values(yml.outputs)) expect(o.description.length).toBeGreaterThan(10);
        expect(Object.keys(yml.outputs)).toContain('result');
      });

      it('runs the shared bundle on node24, resolved from its own folder as the runner does', () => {
        expect(yml.runs.using).toBe('node24');
        expect(resolve(root, op, yml.runs.main)).toBe(join(root, 'dist', 'index.cjs'));
        expect(existsSync(join(root, 'dist', 'index.cjs'))).toBe(true);
      });

      it('has no ${{ }} anywhere (the runner evaluates expressions even in descriptions)', () => {
        expect(readFileSync(join(root, op, 'action.yml'), 'utf8')).not.toContain('${{');
      });
    });
  }
});

describe('README', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  for (const [key, body] of readmeBlocks()) {
    it(`has the generated ${key} table, current`, () => {
      expect(readmeBlock(readme, key)).toBe(body);
    });
  }

  it('lists every input of every operation in its table', () => {
    for (const op of ADAPTER_COMMANDS) {
      const table = readmeBlock(readme, `inputs:${op}`) ?? '';
      for (const spec of inputsFor(op).filter((i) => exposureOf(i, 'github') !== undefined))
        expect(table).toContain(`| \`${spec.name}\` |`);
    }
  });

  it('shows a workflow example for each operation', () => {
    for (const op of ADAPTER_COMMANDS) expect(readme).toContain(ADAPTER_REFS.githubAction(op));
    expect(readme).toContain('deployments: write');
  });
});
