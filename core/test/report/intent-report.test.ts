// The kit's plan/apply report part and log folding, on the plan the CLI printed (fixtures/plan/plan.json).
import { describe, expect, it } from 'vitest';
import { LOG_GROUPS, logGroupsFor } from '../../src/kit/log-groups.js';
import { intentReport, MAX_TABLE_ROWS } from '../../src/kit/intent-report.js';
import { buildReport, renderMarkdown, renderOutputs } from '../../src/report/index.js';
import { RESULTS } from './fixtures.js';

describe('intent report', () => {
  it('a plan larger than the table limit keeps its first rows and says how many more the JSON holds', () => {
    const plan = RESULTS.plan;
    const row = (plan.rows as Record<string, unknown>[])[1];
    const rows = Array.from({ length: MAX_TABLE_ROWS + 25 }, (_, i) => ({ ...row, application: `GLOBAL.Acme.Store.app${i}` }));
    const r = intentReport('plan', { ...plan, rows })!;
    expect(r.tables[0].rows).toHaveLength(MAX_TABLE_ROWS + 1);
    expect(r.tables[0].rows.at(-1)).toEqual(['... 25 more rows in the JSON result', '', '', '', '', '', '']);
  });

  it('other commands and an apply refused before it planned have no intent part', () => {
    expect(intentReport('deploy', RESULTS.deploy)).toBeUndefined();
    const refused = {
      ok: false,
      operation: 'apply',
      error: { code: 'INVALID_INPUT', message: 'intent.toml: unknown selector', exitCode: 2 },
    };
    expect(intentReport('apply', refused)).toBeUndefined();
    expect(renderOutputs(buildReport('apply', refused), 'github')).toEqual([
      ['apply-status', 'failed'],
      ['result', JSON.stringify(refused)],
    ]);
  });

  it('a plan with nothing to do: headline, has-changes false, changes 0', () => {
    const plan = RESULTS.plan;
    const rows = (plan.rows as Record<string, unknown>[]).map((r) => ({ ...r, action: 'nothing', unmetRules: [] }));
    const quiet = { ...plan, rows, counts: { deploy: 0, undeploy: 0, nothing: 6, blocked: 0 }, changes: false };
    const report = buildReport('plan', quiet);
    expect(report.headline).toBe('shiplog plan: nothing to do, 6 up to date');
    expect(renderOutputs(report, 'buildkite')).toEqual([
      ['shiplog-changes', '0'],
      ['shiplog-has-changes', 'false'],
    ]);
    expect(renderMarkdown(report, { diagrams: true })).toContain('#### Waves\n\n```mermaid\n');
  });
});

describe('log groups', () => {
  it('one per platform, none outside them', () => {
    expect(Object.keys(LOG_GROUPS).sort()).toEqual(['buildkite', 'circleci', 'github', 'jenkins']);
    expect(logGroupsFor('local')).toBeUndefined();
    expect(logGroupsFor('gitlab')).toBeUndefined();
    expect(logGroupsFor(undefined)).toBeUndefined();
  });

  it('a title cannot end a GitHub workflow command or forge a line', () => {
    expect(LOG_GROUPS.github.open('deploy 100% done\n::error::forged')).toBe('::group::deploy 100%25 done ::error::forged\n');
    expect(LOG_GROUPS.buildkite.open('a\nb')).toBe('--- a b\n');
    expect(LOG_GROUPS.jenkins.close('x\u001b[31m', true)).toBe('==== FAILED: x?[31m ====\n');
  });
});
