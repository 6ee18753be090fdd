import { describe, expect, it } from 'vitest';
import {
  buildReport,
  githubStepReport,
  inPlatformTerms,
  markdownCode as code,
  markdownLink as link,
  escapeMarkdown as plain,
  type JsonResult,
  type AdapterCommandName,
  reportLinks,
  runLinks,
  type RunContext,
  type RunLinks,
} from '@shiplog/core';

// The action's outputs and job summary are the kit's GitHub step report (main.ts wires them like this).
const outputsFor = (op: AdapterCommandName, result: JsonResult) => Object.fromEntries(githubStepReport(buildReport(op, result), 0).outputs);
const summaryMarkdown = (i: {
  operation: AdapterCommandName;
  result: JsonResult;
  links: RunLinks;
  mermaid?: string;
  githubDeployment?: { id: number; environmentUrl?: string };
}) =>
  githubStepReport(
    buildReport(i.operation, i.result, {
      links: reportLinks(i.links),
      diagram: i.mermaid,
      facts: i.githubDeployment
        ? [
            {
              label: 'GitHub Deployment',
              values: [
                { text: `#${i.githubDeployment.id}` },
                ...(i.githubDeployment.environmentUrl ? [{ text: 'environment', href: i.githubDeployment.environmentUrl }] : []),
              ],
            },
          ]
        : [],
    }),
    i.result.ok === false ? 1 : 0,
  ).summary;
const inActionTerms = (op: AdapterCommandName, result: JsonResult) =>
  inPlatformTerms('github', op, result, { noun: 'input', doc: 'adapters/github-action/README.md, "Inputs and outputs"' });
import { branchPush, openedPullRequest } from './webhook-payloads.js';

const versionUpdate = {
  ok: true,
  operation: 'version-update',
  componentVersionId: 'cv:1',
  componentVersion: 'GLOBAL.Acme.Store.cart;main;v1_0_0',
  componentVersionCreated: true,
  appVersionId: 'av:1',
  appVersion: 'GLOBAL.Acme.Store.shop;1_0_0',
  appVersionCreated: false,
};
const deployOk = {
  ok: true,
  operation: 'deploy',
  deployment: { id: 7, appVersion: 'GLOBAL.Acme.Store.shop;1_0_0', environment: 'qa', exitCode: 0, status: 'success' },
};

describe('outputsFor', () => {
  it('maps version-update', () => {
    expect(outputsFor('version-update', versionUpdate)).toEqual({
      'component-version': 'GLOBAL.Acme.Store.cart;main;v1_0_0',
      'app-version': 'GLOBAL.Acme.Store.shop;1_0_0',
      result: JSON.stringify(versionUpdate),
    });
  });

  it('maps deploy, and only the outputs deploy declares', () => {
    expect(outputsFor('deploy', deployOk)).toEqual({
      'app-version': 'GLOBAL.Acme.Store.shop;1_0_0',
      'deployment-id': '7',
      'deployment-status': 'success',
      result: JSON.stringify(deployOk),
    });
  });

  it('maps move and approve (plain application version names)', () => {
    expect(outputsFor('move', { ok: true, operation: 'move', appVersion: 'A.b;2', from: 'dev', to: 'qa' })['app-version']).toBe('A.b;2');
    expect(outputsFor('approve', { ok: true, operation: 'approve', appVersion: 'A.b;2', approved: true })['app-version']).toBe('A.b;2');
  });

  it('reports a failed deployment as deployment-status failed once it was recorded, and always the result', () => {
    // Outputs say what was recorded (the one outputs renderer, also Buildkite's meta-data): a failure without a
    // recorded deployment publishes only the result.
    const failed = { ok: false, error: { code: 'DEPLOY_FAILED', message: 'deployment to qa failed (exit 3)', exitCode: 1 } };
    expect(outputsFor('deploy', failed)).toEqual({ result: JSON.stringify(failed) });
    const recorded = { ...failed, deployment: { id: 4, appVersion: 'A.b;2', environment: 'qa', exitCode: 3, status: 'failed' } };
    expect(outputsFor('deploy', recorded)).toEqual({
      'deployment-id': '4',
      'deployment-status': 'failed',
      'app-version': 'A.b;2',
      result: JSON.stringify(recorded),
    });
    expect(outputsFor('move', { ok: false, error: { code: 'APPROVAL_REQUIRED', message: 'x', exitCode: 1 } })).toEqual({
      result: expect.any(String),
    });
  });
});

describe('run links from the runner context and a real payload', () => {
  const base: Omit<RunContext, 'payload' | 'eventName'> = {
    sha: 'ffffffffffffffffffffffffffffffffffffffff',
    ref: 'refs/heads/main',
    serverUrl: 'https://github.com',
    runId: 42,
    runNumber: 9,
    runAttempt: 2,
    workflow: 'CI',
    repository: 'acme/shop',
  };

  it('links the run attempt and the commit', () => {
    const links = runLinks({ ...base, eventName: 'push', payload: branchPush() });
    expect(links.runUrl).toBe('https://github.com/acme/shop/actions/runs/42/attempts/2');
    expect(links.runLabel).toBe('CI run #9');
    expect(links.commitUrl).toBe(`https://github.com/acme/shop/commit/${base.sha}`);
    expect(links.triggerLabel).toMatch(/^push to /);
    expect(links.triggerUrl).toBe(branchPush().compare);
  });

  it('links the pull request and its head commit for pull_request events', () => {
    const pr = openedPullRequest();
    const links = runLinks({ ...base, eventName: 'pull_request', payload: pr });
    const p = pr.pull_request as { number: number; html_url: string; head: { sha: string } };
    expect(links.triggerLabel).toContain(`pull request #${p.number}`);
    expect(links.triggerUrl).toBe(p.html_url);
    expect(links.commit).toBe(p.head.sha);
  });

  it('has no run link without a run id', () => {
    expect(runLinks({ payload: {} }).runUrl).toBeUndefined();
  });
});

describe('summaryMarkdown', () => {
  const links = {
    runUrl: 'https://github.com/a/b/actions/runs/1',
    runLabel: 'CI run #1',
    commit: 'abcdef1234',
    commitUrl: 'https://github.com/a/b/commit/abcdef1234',
  };

  it('tables what version-update created, with links and the lineage graph', () => {
    const md = summaryMarkdown({ operation: 'version-update', result: versionUpdate, links, mermaid: 'flowchart LR\n  v0["1_0_0"]' });
    expect(md).toContain('### shiplog version-update');
    expect(md).toContain('| Component version | `GLOBAL.Acme.Store.cart;main;v1_0_0` (created) |');
    expect(md).toContain('| Application version | `GLOBAL.Acme.Store.shop;1_0_0` (reused) |');
    expect(md).toContain('| Build | [CI run #1](https://github.com/a/b/actions/runs/1) |');
    expect(md).toContain('| Commit | [abcdef1](https://github.com/a/b/commit/abcdef1234) |');
    expect(md).toContain('```mermaid\nflowchart LR\n  v0["1_0_0"]\n```');
  });

  it('shows a deployment with status, the log link and the GitHub Deployment', () => {
    const result = { ...deployOk, deployment: { ...deployOk.deployment, logUrl: 'https://ortelius.example/log/7' } };
    const md = summaryMarkdown({ operation: 'deploy', result, links, githubDeployment: { id: 99, environmentUrl: 'https://qa.example' } });
    expect(md).toContain('| Status | ✅ success |');
    expect(md).toContain('| Deployment | #7 |');
    expect(md).toContain('[log](https://ortelius.example/log/7)');
    expect(md).toContain('| GitHub Deployment | #99 [environment](https://qa.example) |');
  });

  it('shows a failure with its code, message and hint', () => {
    const md = summaryMarkdown({
      operation: 'move',
      result: {
        ok: false,
        error: { code: 'APPROVAL_REQUIRED', message: 'prod needs an approval', exitCode: 1, hint: 'run approve first' },
      },
      links: {},
    });
    expect(md).toContain('### ❌ shiplog move failed');
    expect(md).toContain('| Error | `APPROVAL_REQUIRED` prod needs an approval |');
    expect(md).toContain('| Hint | run approve first |');
  });

  it('cannot be broken out of by hostile names', () => {
    expect(code('a|b`c\nd')).toBe("`a\\|b'c d`");
    // HTML as entities (the one markdown escaper serves GitHub and Buildkite), markdown with backslashes
    expect(plain('<script>|[x](y)')).toBe('&lt;script&gt;\\|\\[x\\](y)');
    expect(link('x', 'javascript:alert(1)')).toBe('x');
    expect(link('x', 'https://ok.example/a b')).toBe('x');
  });
});

describe('inActionTerms', () => {
  const invalid = (error: Record<string, unknown>) => ({
    ok: false,
    operation: 'deploy',
    error: { code: 'INVALID_INPUT', exitCode: 2, ...error },
  });

  it('names the inputs instead of the CLI flags and points to the README instead of --help', () => {
    const got = inActionTerms(
      'deploy',
      invalid({
        message: '2 problems: --timeout must be a duration like 90s, 15m or 1h (got "abc"); DEPLOY_ENV (for --env) must not contain ";"',
        problems: ['--timeout must be a duration like 90s, 15m or 1h (got "abc")', 'DEPLOY_ENV (for --env) must not contain ";"'],
        hint: 'see shiplog deploy --help',
      }),
    );
    expect(got.error).toEqual({
      code: 'INVALID_INPUT',
      exitCode: 2,
      message:
        '2 problems: input "timeout" must be a duration like 90s, 15m or 1h (got "abc"); DEPLOY_ENV (for input "env") must not contain ";"',
      problems: ['input "timeout" must be a duration like 90s, 15m or 1h (got "abc")', 'DEPLOY_ENV (for input "env") must not contain ";"'],
      hint: 'see the deploy inputs in adapters/github-action/README.md, "Inputs and outputs"',
    });
  });

  it('leaves flags this action folder does not take, and failures other than invalid input, alone', () => {
    expect(inActionTerms('deploy', invalid({ message: '--json and --stage-x are not inputs' })).error).toMatchObject({
      message: '--json and --stage-x are not inputs',
    });
    const failed = { ok: false, error: { code: 'DEPLOY_FAILED', exitCode: 1, message: 'command --timeout 3 failed' } };
    expect(inActionTerms('deploy', failed)).toEqual(failed);
    expect(inActionTerms('deploy', deployOk)).toBe(deployOk);
  });
});
