// One golden per operation (and failure shape) per renderer: what each renders from the one Report.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, type CommandName } from '../../src/inputs.js';
import {
  buildReport,
  noResultReport,
  renderHeadline,
  renderHtml,
  renderMarkdown,
  renderOutputs,
  renderText,
} from '../../src/report/index.js';
import { RESULTS } from './fixtures.js';

const golden = (name: string) => join(__dirname, 'golden', name);
const links = [
  { label: 'Build', text: 'CI run #17', href: 'https://ci.example/runs/17' },
  { label: 'Commit', text: '61ba0ab', href: 'https://git.example/commit/61ba0ab' },
];

describe('report goldens', () => {
  for (const [name, result] of Object.entries(RESULTS)) {
    const op = result.operation as CommandName;
    // plan and apply draw their own diagram (the waves); the others get the lineage an adapter adds.
    const diagram = op === 'plan' || op === 'apply' ? undefined : 'flowchart LR\n  v0["1_0_3"]';
    const report = buildReport(op, result, { links, diagram });
    it(`${name}: markdown`, async () => {
      await expect(renderMarkdown(report, { diagrams: true })).toMatchFileSnapshot(golden(`${name}.md`));
    });
    it(`${name}: text`, async () => {
      await expect(renderText(report)).toMatchFileSnapshot(golden(`${name}.txt`));
    });
    it(`${name}: html`, async () => {
      await expect(renderHtml(report)).toMatchFileSnapshot(golden(`${name}.html`));
    });
    it(`${name}: outputs (github, buildkite)`, async () => {
      const out = { github: renderOutputs(report, 'github'), buildkite: renderOutputs(report, 'buildkite') };
      await expect(`${JSON.stringify(out, null, 2)}\n`).toMatchFileSnapshot(golden(`${name}.outputs.json`));
    });
  }

  it('covers every operation', () => {
    const ops = new Set(Object.values(RESULTS).map((r) => r.operation));
    for (const op of COMMANDS.slice(0, 5)) expect(ops.has(op)).toBe(true);
  });

  it('a run without a result still reports, pointing at the log', () => {
    const r = noResultReport('deploy', 4);
    expect(r.verdict).toBe('failed');
    expect(renderHeadline(r)).toBe('shiplog deploy failed: shiplog deploy failed with exit 4 and no result: see the job log');
    expect(renderMarkdown(r)).toContain('### ❌ shiplog deploy failed (exit 4)');
  });

  it('verdicts: success, dry run, blocked gate, failure', () => {
    expect(buildReport('deploy', RESULTS.deploy).verdict).toBe('success');
    expect(buildReport('deploy', RESULTS['deploy-dry-run']).verdict).toBe('dry-run');
    expect(buildReport('move', RESULTS['move-blocked']).verdict).toBe('blocked');
    expect(buildReport('deploy', RESULTS['deploy-failed']).verdict).toBe('failed');
  });

  it('unmet rules of a refused gate are listed by every renderer', () => {
    const r = buildReport('move', {
      ok: false,
      operation: 'move',
      error: { code: 'GATE_REFUSED', message: 'prod gate refused', exitCode: 1, unmetRules: ['two approvals', 'no self-review'] },
    });
    expect(r.verdict).toBe('blocked');
    expect(renderMarkdown(r)).toContain('- no self-review');
    expect(renderText(r)).toContain('unmet rule: two approvals');
    expect(renderHtml(r)).toContain('<li>two approvals</li>');
  });

  it('hostile values stay text in every renderer', () => {
    const r = buildReport('approve', {
      ...RESULTS.approve,
      appVersion: '<img src=x onerror=alert(1)>|`x`\n# h',
      notes: '[x](javascript:alert(1))',
    });
    // outside code spans (which render their text literally) no tag and no link survive
    expect(renderMarkdown(r).replace(/`[^`]*`/g, '')).not.toMatch(/<img|(?<!\\)\](\(javascript)/);
    expect(renderHtml(r)).not.toContain('<img');
    expect(
      renderText(r)
        .split('\n')
        .filter((l) => l.startsWith('# h')),
    ).toEqual([]);
  });
});
