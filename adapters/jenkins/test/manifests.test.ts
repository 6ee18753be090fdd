import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, inputsFor } from '../../../core/src/inputs.js';
import { camel, inputsJson, stepHelp, stepName } from '../scripts/manifest.js';
import { bundleJenkinsContext } from '../scripts/bundle.js';

const root = join(__dirname, '..');

describe('Jenkins library manifests follow the core input table', () => {
  it('has one step per operation, named shiplog<Operation>, plus the shiplogCli runner', () => {
    const steps = readdirSync(join(root, 'vars')).filter((f) => f.endsWith('.groovy')).map((f) => f.replace('.groovy', ''));
    expect(steps.sort()).toEqual([...OPERATIONS.map(stepName), 'shiplogCli'].sort());
    for (const op of OPERATIONS) {
      const src = readFileSync(join(root, 'vars', `${stepName(op)}.groovy`), 'utf8');
      expect(src).toContain(`shiplogCli.runOperation('${op}', '${stepName(op)}', args)`);
    }
  });

  it('resources/shiplog/inputs.json is generated from the table (run npm run build -w adapters/jenkins)', () => {
    expect(readFileSync(join(root, 'resources/shiplog/inputs.json'), 'utf8')).toBe(inputsJson());
  });

  it('every step help (vars/*.txt) documents exactly the table inputs', () => {
    for (const op of OPERATIONS) {
      const txt = readFileSync(join(root, 'vars', `${stepName(op)}.txt`), 'utf8');
      expect(txt).toBe(stepHelp(op));
      for (const i of inputsFor(op).filter((x) => !x.secret)) expect(txt).toContain(`<code>${camel(i.name)}</code>`);
      expect(txt).not.toContain('<code>dhpass</code>');
    }
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
