// kit/step-report.ts: what a CI step shows of the CLI's result (Jenkins build description and failure message,
// Buildkite annotation style), from the one report model.
import { describe, expect, it } from 'vitest';
import { buildkiteStepReport, jenkinsStepLines, parseResult } from '@shiplog/core/kit';

const deployed = { ok: true, operation: 'deploy', deployment: { id: 5, appVersion: 'G.A.shop;3', environment: 'qa', exitCode: 0, status: 'success' } };

describe('jenkinsStepLines', () => {
  it('a success: the description only', () => {
    const lines = jenkinsStepLines('deploy', JSON.stringify(deployed), 0);
    expect(lines.description).toContain('G.A.shop;3');
    expect(lines.failure).toBeUndefined();
  });

  it("a failure: the error's own message, one line", () => {
    const failed = { ok: false, operation: 'approve', error: { code: 'INVALID_INPUT', message: 'unknown stage\n"nowhere"', exitCode: 2 } };
    expect(jenkinsStepLines('approve', JSON.stringify(failed), 2).failure).toBe('unknown stage "nowhere"');
  });

  it('a failure without a message, or without any result: exit N', () => {
    const silent = { ok: false, operation: 'approve', error: { code: 'X', message: null, exitCode: 4 } };
    expect(jenkinsStepLines('approve', JSON.stringify(silent), 4).failure).toBe('exit 4');
    expect(jenkinsStepLines('deploy', '', 3).failure).toMatch(/no result/);
  });

  it('without the exit code (a caller that has only the result file): the result says whether it failed', () => {
    expect(jenkinsStepLines('deploy', JSON.stringify(deployed), undefined).failure).toBeUndefined();
    const failed = { ok: false, operation: 'approve', error: { code: 'INVALID_INPUT', message: 'unknown stage "nowhere"', exitCode: 2 } };
    expect(jenkinsStepLines('approve', JSON.stringify(failed), undefined).failure).toBe('unknown stage "nowhere"');
    expect(jenkinsStepLines('deploy', '', undefined).failure).toMatch(/no result/);
  });

  it('a result that is ok with its own exit code (a plan with changes): its headline', () => {
    const plan = { ok: true, operation: 'plan', counts: { deploy: 2, undeploy: 0, blocked: 0, upToDate: 0 }, rows: [] };
    const lines = jenkinsStepLines('plan', JSON.stringify(plan), 1);
    expect(lines.failure).toBe(lines.description);
    expect(jenkinsStepLines('plan', JSON.stringify(plan), 0).failure).toBeUndefined();
  });
});

describe('buildkiteStepReport and parseResult', () => {
  it('the annotation style follows the verdict', () => {
    expect(buildkiteStepReport('deploy', JSON.stringify(deployed), 0).style).toBe('success');
    expect(buildkiteStepReport('deploy', JSON.stringify({ ...deployed, dryRun: true }), 0).style).toBe('info');
    expect(buildkiteStepReport('move', JSON.stringify({ ok: false, error: { code: 'APPROVAL_REQUIRED', message: 'm', exitCode: 1 } }), 1).style).toBe('warning');
    expect(buildkiteStepReport('deploy', 'not json', 4).style).toBe('error');
  });

  it('a result is one JSON object; anything else is none', () => {
    expect(parseResult('{"ok":true}')).toEqual({ ok: true });
    for (const text of ['', 'null', '[1]', '"x"', '{']) expect(parseResult(text), text).toBeUndefined();
  });
});
