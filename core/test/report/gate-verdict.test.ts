/**
 * The release policy's verdict on every platform's surface (report/gate-verdict.ts + the renderers): a refused gate
 * as the core writes it (policy/refusal.ts through execute(): `gatePassed`, `unmetRules` beside `error`) gives one
 * annotation per unmet rule (GitHub), a section of the markdown report (GitHub job summary, Buildkite annotation),
 * `unmet rule:` lines (CircleCI step output, Jenkins console), a headline naming the rules (Jenkins build
 * description), and the outputs `gate-passed` / `unmet-rules` on every platform, also on a refusal and a dry run.
 */
import { describe, expect, it } from 'vitest';
import { execute } from '../../src/execute.js';
import { createMemoryHost } from '../../src/host.js';
import {
  buildReport,
  gateAnnotations,
  gateVerdictOf,
  renderHeadline,
  renderMarkdown,
  renderOutputs,
  renderText,
} from '../../src/report/index.js';
import { PLATFORMS } from '../../src/inputs.js';
import { APP, makeRepoWithAppVersion } from '../execute-fixtures.js';

const POLICY = `[[stage]]
name = "dev"

[[stage]]
name = "qa"
optional = true

[[stage]]
name = "prod"
approvers = ["alice@example.com", "bob@example.com"]
min_approvals = 2

[[freeze]]
name = "year-end"
environments = ["prod"]
from = 2026-01-01T00:00:00
to = 2026-01-10T00:00:00
time_zone = "UTC"
`;

describe('a refused gate on every surface', () => {
  it('from a real refusal: annotations, summary section, text lines, headline and outputs', async () => {
    const repo = await makeRepoWithAppVersion({ 'shiplog.toml': POLICY });
    try {
      const before = repo.storeSnapshot();
      const host = createMemoryHost({ env: repo.env, cwd: repo.dir, now: () => new Date('2026-01-02T03:04:05Z') });
      const { exitCode, result } = await execute('check-gate', { application: APP, to: 'prod' }, host);
      expect(exitCode).toBe(1);
      expect(repo.storeSnapshot()).toEqual(before);
      const verdict = gateVerdictOf(result)!;
      expect(verdict.passed).toBe(false);
      const kinds = verdict.rules.map((r) => r.rule);
      expect(kinds).toEqual(expect.arrayContaining(['approval', 'freeze']));

      const report = buildReport('check-gate', result);
      expect(report.verdict).toBe('blocked');
      // GitHub: one annotation per unmet rule, titled with the rule and where it applies
      const annotations = gateAnnotations(report.gate);
      expect(annotations).toHaveLength(verdict.rules.length);
      expect(annotations.map((a) => a.title)).toEqual(expect.arrayContaining(['shiplog: approval (prod)', 'shiplog: freeze (prod)']));
      for (const [i, a] of annotations.entries()) expect(a.message).toBe(`${verdict.rules[i].message} (next: ${verdict.rules[i].next})`);
      // GitHub job summary and Buildkite annotation: the section with one row per rule
      const md = renderMarkdown(report);
      expect(md).toContain('### ⛔ shiplog check-gate refused by the release policy (exit 1)');
      expect(md).toContain('#### Release policy: refused');
      expect(md.split('\n').filter((l) => /^\| `(approval|freeze|stage-order|wait|require-success)`/.test(l))).toHaveLength(
        verdict.rules.length,
      );
      // CircleCI step output and the Jenkins console: a line per rule; the Jenkins build description names them
      const text = renderText(report);
      expect(text.split('\n').filter((l) => l.startsWith('  unmet rule: '))).toHaveLength(verdict.rules.length);
      expect(renderHeadline(report)).toBe(
        `shiplog check-gate refused by the release policy: ${verdict.rules.length} unmet rules (${[...new Set(kinds)].join(', ')})`,
      );
      // outputs on every platform, with the platform's names
      const names = {
        github: ['gate-passed', 'unmet-rules'],
        buildkite: ['shiplog-gate-passed', 'shiplog-unmet-rules'],
        circleci: ['SHIPLOG_GATE_PASSED', 'SHIPLOG_UNMET_RULES'],
        jenkins: ['gatePassed', 'unmetRules'],
      };
      for (const platform of PLATFORMS) {
        const out = Object.fromEntries(renderOutputs(report, platform));
        const [passed, rules] = names[platform];
        expect(out[passed], platform).toBe('false');
        expect(JSON.parse(out[rules]), platform).toEqual(result.unmetRules);
      }
    } finally {
      repo.cleanup();
    }
  });

  it('a passed gate: gate-passed true, unmet-rules [], a row in the summary, no annotation', async () => {
    const repo = await makeRepoWithAppVersion();
    try {
      const host = createMemoryHost({ env: repo.env, cwd: repo.dir });
      const { exitCode, result } = await execute('check-gate', { application: APP, to: 'qa' }, host);
      expect(exitCode, JSON.stringify(result)).toBe(0);
      const report = buildReport('check-gate', result);
      expect(Object.fromEntries(renderOutputs(report, 'github'))).toMatchObject({ 'gate-passed': 'true', 'unmet-rules': '[]' });
      expect(gateAnnotations(report.gate)).toEqual([]);
      expect(renderMarkdown(report)).toContain('| Release policy | ✅ gate passed |');
    } finally {
      repo.cleanup();
    }
  });

  it('a dry run publishes the verdict; a bad input (the gate never asked) publishes none', async () => {
    const refusedDry = {
      ok: false,
      operation: 'move',
      dryRun: true,
      gatePassed: false,
      unmetRules: [{ rule: 'approval', stage: 'prod', message: 'needs 1 more approval', next: 'shiplog approve' }],
      error: { code: 'APPROVAL_REQUIRED', message: 'x', exitCode: 1 },
    };
    expect(Object.fromEntries(renderOutputs(buildReport('move', refusedDry), 'buildkite'))).toMatchObject({
      'shiplog-gate-passed': 'false',
    });
    const invalid = { ok: false, operation: 'move', error: { code: 'INVALID_INPUT', message: '--application is required', exitCode: 2 } };
    const out = Object.fromEntries(renderOutputs(buildReport('move', invalid), 'github'));
    expect(out['gate-passed']).toBeUndefined();
    expect(out['unmet-rules']).toBeUndefined();
  });

  it('hostile rule text stays text in the section and the annotations', () => {
    const r = buildReport('move', {
      ok: false,
      operation: 'move',
      gatePassed: false,
      unmetRules: [
        {
          rule: 'approval',
          stage: 'prod|x',
          message: '<img src=x onerror=alert(1)> | *x*\n::error::forged',
          next: '[x](javascript:alert(1))',
        },
      ],
      error: { code: 'GATE_REFUSED', message: 'refused', exitCode: 1 },
    });
    const md = renderMarkdown(r).replace(/`[^`]*`/g, '');
    expect(md).not.toMatch(/<img|(?<!\\)\]\(javascript/);
    expect(renderText(r)).not.toMatch(/\n::error::/);
    expect(gateAnnotations(r.gate)[0].message).toContain('\n::error::forged'); // @actions/core escapes annotation text itself
  });
});
