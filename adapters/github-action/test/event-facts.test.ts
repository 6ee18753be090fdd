// Issue 20, item 2: the facts a version records come from the event that started the run (real payloads from
// @octokit/webhooks-examples, the GITHUB_* variables the runner sets for that event), and the job summary links
// the commit that was recorded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace, runAction, type ActionRun } from './runner-harness.js';
import { payload } from './webhook-payloads.js';

const APP = 'GLOBAL.Acme.Store.shop';
const COMP = { 'component-name': 'GLOBAL.Acme.Store.cart', 'component-version': 'v1.0.0', application: APP };

let ws: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(async () => {
  await ws.cleanup();
});

interface Recorded {
  name: string;
  attributes: Record<string, string>;
}

function recorded(r: ActionRun): Recorded {
  expect(r.exitCode, r.stdout + r.stderr).toBe(0);
  const result = JSON.parse(r.outputs.result) as { componentVersion: string; attributes: Record<string, string> };
  return { name: result.componentVersion, attributes: result.attributes };
}

/** The commit the summary's "Commit" row links to. */
function linkedCommit(r: ActionRun): string | undefined {
  return /\| Commit \| \[[0-9a-f]{7}\]\(https:\/\/github\.com\/acme\/shop\/commit\/([0-9a-f]{40})\) \|/.exec(r.summary)?.[1];
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('GitHub event facts (real payloads)', () => {
  it('pull_request: the head commit and head branch, the merge commit as its own attribute, the summary links the head', async () => {
    const pr = clone(payload('pull_request', (p) => p.action === 'opened'));
    const head = (pr.pull_request as { head: { sha: string; ref: string }; base: { ref: string }; number: number }).head;
    const number = (pr.pull_request as { number: number }).number;
    // actions/checkout on pull_request checks out refs/pull/N/merge: the workspace HEAD is that merge commit
    const r = await runAction('version-update', {
      workspace: ws.dir,
      inputs: COMP,
      event: { name: 'pull_request', payload: pr },
      env: {
        GITHUB_SHA: ws.sha,
        GITHUB_REF: `refs/pull/${number}/merge`,
        GITHUB_REF_NAME: `${number}/merge`,
        GITHUB_HEAD_REF: head.ref,
        GITHUB_BASE_REF: (pr.pull_request as { base: { ref: string } }).base.ref,
      },
    });
    const cv = recorded(r);
    expect(cv.attributes).toMatchObject({ GitCommit: head.sha, GitBranch: head.ref, GitMergeCommit: ws.sha });
    expect(cv.name).toBe(`GLOBAL.Acme.Store.cart;${head.ref};v1_0_0`);
    expect(linkedCommit(r)).toBe(head.sha);
  });

  it('pull_request checked out at its head (ref: head.sha): GitCommit is the checkout, GitMergeCommit still the merge ref', async () => {
    const pr = clone(payload('pull_request', (p) => p.action === 'opened'));
    const p = pr.pull_request as { head: { sha: string; ref: string }; base: { ref: string } };
    p.head.sha = ws.sha;
    const r = await runAction('version-update', {
      workspace: ws.dir,
      inputs: COMP,
      event: { name: 'pull_request', payload: pr },
      env: {
        GITHUB_SHA: 'e'.repeat(40),
        GITHUB_REF: 'refs/pull/2/merge',
        GITHUB_REF_NAME: '2/merge',
        GITHUB_HEAD_REF: p.head.ref,
        GITHUB_BASE_REF: p.base.ref,
      },
    });
    const cv = recorded(r);
    expect(cv.attributes.GitCommit).toBe(ws.sha);
    expect(cv.attributes.GitMergeCommit).toBe('e'.repeat(40));
    expect(linkedCommit(r)).toBe(ws.sha);
  });

  it('merge_group: the base branch (no gh-readonly-queue variant) and the head commit', async () => {
    const mg = clone(payload('merge_group'));
    const group = mg.merge_group as { head_sha: string; head_ref: string; base_ref: string };
    group.head_sha = ws.sha; // the queue's checkout is the group's head commit
    const r = await runAction('version-update', {
      workspace: ws.dir,
      inputs: COMP,
      event: { name: 'merge_group', payload: mg },
      env: { GITHUB_SHA: group.head_sha, GITHUB_REF: group.head_ref, GITHUB_REF_NAME: group.head_ref.replace(/^refs\/heads\//, '') },
    });
    const cv = recorded(r);
    expect(cv.attributes).toMatchObject({ GitCommit: ws.sha, GitBranch: 'main' });
    expect(cv.name).toBe('GLOBAL.Acme.Store.cart;main;v1_0_0');
    expect(cv.attributes.GitMergeCommit).toBeUndefined();
    expect(linkedCommit(r)).toBe(ws.sha);
  });

  it('release: the release tag', async () => {
    const rel = clone(payload('release', (p) => p.action === 'published'));
    const tag = (rel.release as { tag_name: string }).tag_name;
    const r = await runAction('version-update', {
      workspace: ws.dir,
      inputs: COMP,
      event: { name: 'release', payload: rel },
      env: { GITHUB_SHA: ws.sha, GITHUB_REF: `refs/tags/${tag}`, GITHUB_REF_NAME: tag, GITHUB_REF_TYPE: 'tag' },
    });
    const cv = recorded(r);
    expect(cv.attributes).toMatchObject({ GitCommit: ws.sha, GitTag: tag });
    expect(linkedCommit(r)).toBe(ws.sha);
  });

  it('push of a tag: the tag, and the pushed commit', async () => {
    const push = clone(payload('push', (p) => typeof p.ref === 'string' && p.ref.startsWith('refs/tags/')));
    const tag = (push.ref as string).replace(/^refs\/tags\//, '');
    push.after = ws.sha;
    const r = await runAction('version-update', {
      workspace: ws.dir,
      inputs: COMP,
      event: { name: 'push', payload: push },
      env: { GITHUB_SHA: ws.sha, GITHUB_REF: push.ref as string, GITHUB_REF_NAME: tag, GITHUB_REF_TYPE: 'tag' },
    });
    const cv = recorded(r);
    expect(cv.attributes).toMatchObject({ GitCommit: ws.sha, GitTag: tag });
    expect(linkedCommit(r)).toBe(ws.sha);
  });
});
