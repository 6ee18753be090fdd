// kit/step-report.ts: what a CI step shows of the CLI's result (Jenkins build description and failure message,
// Buildkite annotation style) and of the GitHub Action's in-process result (outputs, summary, annotations, failure),
// from the one report model.
import { describe, expect, it } from 'vitest';
import {
  appVersionOf,
  buildkiteStepReport,
  buildReport,
  failureResult,
  githubStepReport,
  InvalidInputError,
  jenkinsStepLines,
  parseResult,
  recordedCommitOf,
} from '@shiplog/core/kit';

const deployed = {
  ok: true,
  operation: 'deploy',
  deployment: { id: 5, appVersion: 'G.A.shop;3', environment: 'qa', exitCode: 0, status: 'success' },
};

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
    expect(
      buildkiteStepReport('move', JSON.stringify({ ok: false, error: { code: 'APPROVAL_REQUIRED', message: 'm', exitCode: 1 } }), 1).style,
    ).toBe('warning');
    expect(buildkiteStepReport('deploy', 'not json', 4).style).toBe('error');
  });

  it('a result is one JSON object; anything else is none', () => {
    expect(parseResult('{"ok":true}')).toEqual({ ok: true });
    for (const text of ['', 'null', '[1]', '"x"', '{']) expect(parseResult(text), text).toBeUndefined();
  });
});

describe('githubStepReport', () => {
  it('a success: outputs in GitHub names, the markdown summary, no annotation, no failure', () => {
    const step = githubStepReport(buildReport('deploy', deployed), 0);
    expect(Object.fromEntries(step.outputs)).toMatchObject({
      'deployment-id': '5',
      'deployment-status': 'success',
      'app-version': 'G.A.shop;3',
      result: JSON.stringify(deployed),
    });
    expect(step.summary).toContain('### shiplog deploy');
    expect(step.annotations).toEqual([]);
    expect(step.failure).toBeUndefined();
  });

  it("a failure: the error's message with its next step as the hint", () => {
    const failed = {
      ok: false,
      operation: 'move',
      error: { code: 'APPROVAL_REQUIRED', message: 'prod needs an approval', exitCode: 1, hint: 'run approve first' },
    };
    const report = buildReport('move', failed);
    expect(githubStepReport(report, 1).failure).toBe(
      report.nextStep ? `prod needs an approval (hint: ${report.nextStep})` : 'prod needs an approval',
    );
    expect(githubStepReport(report, 1).failure).toMatch(/^prod needs an approval/);
  });

  it('a refused gate: one annotation per unmet rule', () => {
    const refused = {
      ok: false,
      operation: 'move',
      gatePassed: false,
      unmetRules: [{ rule: 'approval', stage: 'prod', message: 'prod needs an approval', next: 'shiplog approve' }],
      error: { code: 'GATE_REFUSED', message: 'refused', exitCode: 1 },
    };
    const step = githubStepReport(buildReport('move', refused), 1);
    expect(step.annotations).toHaveLength(1);
    expect(step.annotations[0].title).toContain('approval (prod)');
    expect(Object.fromEntries(step.outputs)['gate-passed']).toBe('false');
  });

  it('a result that is ok with its own exit code (a plan with changes): its headline, naming pass-on-changes', () => {
    const plan = { ok: true, operation: 'plan', counts: { deploy: 2, undeploy: 0, blocked: 0, upToDate: 0 }, rows: [] };
    const report = buildReport('plan', plan);
    expect(githubStepReport(report, 1).failure).toBe(`${report.headline} (exit 1; pass-on-changes: true passes the step)`);
    expect(githubStepReport(report, 0).failure).toBeUndefined();
  });

  it('the dashboard follows the summary, or one line points at the page', () => {
    const report = buildReport('deploy', deployed);
    expect(
      githubStepReport(report, 0, { markdown: '## Release dashboard body', where: { name: 'a', href: 'https://x/a' } }).summary,
    ).toMatch(/### shiplog deploy[\s\S]*## Release dashboard body[\s\S]*\[a\]\(https:\/\/x\/a\)/);
    expect(githubStepReport(report, 0, { where: { name: 'shiplog-report.html' } }).summary).toContain('`shiplog-report.html`');
  });

  it('a step that failed before its operation was known: the result output alone, and its failure', () => {
    const result = failureResult(undefined, new InvalidInputError('input "operation" must be one of ...'));
    expect(result).toMatchObject({ ok: false, schemaVersion: 1, error: { code: 'INVALID_INPUT', exitCode: 2 } });
    expect(result).not.toHaveProperty('operation');
    const step = githubStepReport(buildReport(undefined, result), 1);
    expect(step.outputs).toEqual([['result', JSON.stringify(result)]]);
    expect(step.failure).toMatch(/^input "operation" must be one of/);
    expect(failureResult('deploy', new Error('boom'))).toMatchObject({ ok: false, operation: 'deploy', error: { code: 'INTERNAL' } });
  });
});

describe('result accessors', () => {
  it('appVersionOf: the name, from the result or from its deployment; recordedCommitOf: the GitCommit attribute', () => {
    expect(appVersionOf({ appVersion: { id: 'av:1', name: 'G.A.shop;1' } })).toBe('G.A.shop;1');
    expect(appVersionOf({ appVersion: 'G.A.shop;2' })).toBe('G.A.shop;2');
    expect(appVersionOf(deployed)).toBe('G.A.shop;3');
    expect(appVersionOf({ ok: true })).toBeUndefined();
    expect(recordedCommitOf({ attributes: { GitCommit: 'abc' } })).toBe('abc');
    expect(recordedCommitOf({ attributes: { GitCommit: 7 } })).toBeUndefined();
    expect(recordedCommitOf({})).toBeUndefined();
  });
});
