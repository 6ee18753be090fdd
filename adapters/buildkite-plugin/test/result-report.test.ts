// What the hook reports to Buildkite (the kit's buildkiteStepReport, kit/step-report.ts, over the core's report
// renderers): the CLI's JSON result -> annotation style, markdown and meta-data.
import { describe, expect, it } from 'vitest';
import { buildkiteStepReport, escapeMarkdown as md } from '@shiplog/core/kit';

const report = (operation: string, exitCode: number, text: string) => buildkiteStepReport(operation, text, exitCode);

describe('report', () => {
  it('version-update: success, both names as meta-data', () => {
    const r = report(
      'version-update',
      0,
      JSON.stringify({
        ok: true,
        operation: 'version-update',
        componentVersionId: '1',
        componentVersion: 'G.A.cart;main;v1',
        componentVersionCreated: true,
        appVersionId: '2',
        appVersion: 'G.A.shop;3',
        appVersionCreated: true,
      }),
    );
    expect(r.style).toBe('success');
    expect(r.metadata).toEqual([
      ['shiplog-component-version', 'G.A.cart;main;v1'],
      ['shiplog-app-version', 'G.A.shop;3'],
    ]);
    // the one markdown renderer (also the GitHub job summary) notes whether a version was created or reused
    expect(r.annotation).toContain('| Component version | `G.A.cart;main;v1` (created) |');
  });

  it('deploy: deployment id and app version', () => {
    const r = report(
      'deploy',
      0,
      JSON.stringify({
        ok: true,
        operation: 'deploy',
        deployment: { id: 5, appVersion: 'G.A.shop;3', environment: 'qa', exitCode: 0, status: 'success' },
      }),
    );
    expect(r.metadata).toEqual([
      ['shiplog-deployment-id', '5'],
      ['shiplog-deployment-status', 'success'],
      ['shiplog-app-version', 'G.A.shop;3'],
    ]);
  });

  it('dry runs are info and publish no meta-data', () => {
    const r = report(
      'deploy',
      0,
      JSON.stringify({ ok: true, dryRun: true, deployment: { id: null, appVersion: 'G.A.shop;1', status: 'planned' } }),
    );
    expect(r.style).toBe('info');
    expect(r.annotation).toContain('dry run');
    expect(r.metadata).toEqual([]);
  });

  it('failures: error, or warning for approval gates; no meta-data', () => {
    const fail = (code: string) =>
      report('move', 1, JSON.stringify({ ok: false, error: { code, message: 'm <b>', exitCode: 1, hint: 'h' } }));
    expect(fail('APPROVAL_REQUIRED').style).toBe('warning');
    expect(fail('APPROVAL_REJECTED').style).toBe('warning');
    expect(fail('DEPLOY_FAILED').style).toBe('error');
    expect(fail('DEPLOY_FAILED').metadata).toEqual([]);
    expect(fail('DEPLOY_FAILED').annotation).toContain('m &lt;b&gt;');
    expect(fail('DEPLOY_FAILED').annotation).toContain('| Hint | h |');
  });

  it('a failed deployment that was recorded still publishes its id, status and app version', () => {
    const failed = {
      ok: false,
      operation: 'deploy',
      deployment: { id: 6, appVersion: 'G.A.shop;3', environment: 'qa', exitCode: 3, status: 'failed' },
      error: { code: 'DEPLOY_FAILED', message: 'failed', exitCode: 1 },
    };
    const r = report('deploy', 1, JSON.stringify(failed));
    expect(r.style).toBe('error');
    expect(r.metadata).toEqual([
      ['shiplog-deployment-id', '6'],
      ['shiplog-deployment-status', 'failed'],
      ['shiplog-app-version', 'G.A.shop;3'],
    ]);
    // nothing recorded (no id, or a dry run): no meta-data
    expect(report('deploy', 1, JSON.stringify({ ...failed, deployment: { ...failed.deployment, id: null } })).metadata).toEqual([]);
    expect(report('deploy', 1, JSON.stringify({ ...failed, dryRun: true })).metadata).toEqual([]);
  });

  it('envscript without an output file says the script is in the job log', () => {
    const r = report(
      'envscript',
      0,
      JSON.stringify({ ok: true, operation: 'envscript', file: null, format: 'sh', variables: { A: '1' }, script: "export A='1'\n" }),
    );
    expect(r.annotation).toContain('| File | `job log (no output file)` |');
  });

  it('no JSON at all (the CLI crashed) is an error that points at the log', () => {
    const r = report('deploy', 4, '');
    expect(r.style).toBe('error');
    expect(r.annotation).toContain('exit 4');
  });

  it('escapes markdown and HTML in values', () => {
    expect(md('<script>|`x`*')).toBe('&lt;script&gt;\\|\\`x\\`\\*');
  });
});
