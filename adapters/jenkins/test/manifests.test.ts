import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTER_COMMANDS, QUERIES, SECRET_INPUTS, inputsFor } from '@shiplog/core';
import { CLI_STEP, camel, cliHelp, inputsJson, queryArgs, secretArgs, stepHelp, stepName } from '../scripts/manifest.js';
import { bundleJenkinsContext } from '../scripts/bundle.js';

const root = join(__dirname, '..');

describe('Jenkins library manifests follow the core input table', () => {
  it('has one step per operation, named shiplog<Operation>, plus the shiplogCli runner', () => {
    const steps = readdirSync(join(root, 'vars'))
      .filter((f) => f.endsWith('.groovy'))
      .map((f) => f.replace('.groovy', ''));
    expect(steps.sort()).toEqual([...ADAPTER_COMMANDS.map(stepName), 'shiplogCli'].sort());
    for (const op of ADAPTER_COMMANDS) {
      const src = readFileSync(join(root, 'vars', `${stepName(op)}.groovy`), 'utf8');
      expect(src).toContain(`shiplogCli.runOperation('${op}', '${stepName(op)}', args)`);
    }
  });

  it('resources/shiplog/inputs.json is generated from the table (run npm run build)', () => {
    expect(readFileSync(join(root, 'resources/shiplog/inputs.json'), 'utf8')).toBe(inputsJson());
  });

  it('every step help (vars/*.txt) documents exactly the table inputs', () => {
    for (const op of ADAPTER_COMMANDS) {
      const txt = readFileSync(join(root, 'vars', `${stepName(op)}.txt`), 'utf8');
      expect(txt).toBe(stepHelp(op));
      for (const i of inputsFor(op).filter((x) => !x.secret)) expect(txt).toContain(`<code>${camel(i.name)}</code>`);
      expect(txt).not.toContain('<code>dhpass</code>');
    }
  });

  it('every step has its help: vars/shiplogCli.txt is generated from the table (run npm run build)', () => {
    const vars = readdirSync(join(root, 'vars'));
    for (const g of vars.filter((f) => f.endsWith('.groovy'))) expect(vars).toContain(g.replace('.groovy', '.txt'));
    expect(readFileSync(join(root, 'vars', `${CLI_STEP}.txt`), 'utf8')).toBe(cliHelp());
  });

  it('shiplogCli help documents exactly the arguments each query accepts, and no secret input as an argument', () => {
    const txt = cliHelp();
    const documented = new Set([...txt.matchAll(/<dt><code>([A-Za-z]+)<\/code>/g)].map((m) => m[1]));
    const accepted = new Set(QUERIES.flatMap((q) => queryArgs(q)));
    expect([...documented].sort()).toEqual([...accepted].sort());
    for (const q of QUERIES) {
      for (const i of inputsFor(q).filter((x) => !x.secret)) expect(queryArgs(q)).toContain(camel(i.name));
      expect(txt).toContain(`<code>operation: '${q}'</code>`);
    }
    expect(accepted.has('jenkinsCredentialsId')).toBe(false);
    for (const s of secretArgs()) {
      expect(accepted.has(s)).toBe(false);
      expect(txt).not.toContain(`<dt><code>${s}</code>`);
    }
  });

  it('inputs.json lists every secret input of the table (camelCase and kebab-case) as a refused argument', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'resources/shiplog/inputs.json'), 'utf8'));
    expect(SECRET_INPUTS.length).toBeGreaterThan(0);
    for (const name of SECRET_INPUTS) {
      expect(manifest.secretArgs).toContain(name);
      expect(manifest.secretArgs).toContain(camel(name));
    }
    expect(manifest.secretArgs).toContain('password');
    expect(Object.keys(manifest.queries).sort()).toEqual([...QUERIES].sort());
  });

  it('ships the core CLI bundle byte-identical to core/dist/shiplog.mjs', () => {
    const shipped = readFileSync(join(root, 'resources/shiplog/shiplog.mjs'));
    const core = readFileSync(join(root, '../../core/dist/shiplog.mjs'));
    expect(shipped.equals(core)).toBe(true);
  });

  it('resources/shiplog/jenkins-context.mjs is rebuilt from ts/', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shiplog-jenkins-build-'));
    try {
      const out = join(dir, 'jenkins-context.mjs');
      await bundleJenkinsContext(out);
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(root, 'resources/shiplog/jenkins-context.mjs'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
