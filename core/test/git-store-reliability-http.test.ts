/**
 * Reliability of the git store over smart HTTP with Basic auth (git http-backend behind a small Node server on
 * 127.0.0.1), separate writer processes as separate CI runners (issue 13 "Reliability"; the harness is
 * support/git-reliability-harness.ts): 8 writers in 4 working directories, two of each operation, each lands exactly
 * once. The 20 writers in 5 working directories run over file:// (git-store-reliability.test.ts): the race is
 * the same; over HTTP each lost race costs a fetch and a push through http-backend, and 20 writers racing for one ref
 * make about 210 attempts (several minutes of a 2-core runner) where 8 make about 36.
 */

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openGitStore } from '../src/backend/git/index.js';
import { RecordBackend } from '../src/backend/records/record-backend.js';
import { createMemoryHost } from '../src/host.js';

import { git, makeBareRemote, startHttpGitServer } from './support/git-servers.js';
import { auditGitStore } from './support/git-store-audit.js';

import { AT, makeRunners, runClients, SETUP, SHARED_APP, summarise, tempDir } from './support/git-reliability-harness.js';

describe('git store reliability over smart HTTP (separate processes, real git)', () => {
  it('8 writers in 4 working directories over smart HTTP, one operation each (2 version-updates, 2 approvals, 2 moves, 2 deployments): each lands exactly once', async () => {
    const dir = await tempDir('shiplog-rel-http-');
    const remote = makeBareRemote(join(dir, 'srv', 'state.git'));
    const password = 'rel-password-0123';
    const server = await startHttpGitServer({ root: join(dir, 'srv'), username: 'x-access-token', password });
    try {
      // K writers per operation kind: w < K version-update, then K approvers, K movers (their versions approved) and
      // K deployers acting on application versions set up in place.
      const K = 2;
      const W = 4 * K;
      const host = createMemoryHost();
      const setup = new RecordBackend(host, await openGitStore(host, { remote }));
      const avOf = new Map<number, string>();
      for (let w = K; w < W; w++) {
        const cv = await setup.putComponentVersion({
          domain: 'GLOBAL.Acme.Store',
          short: `svc-w${w}`,
          version: '1',
          kind: 'docker',
          attributes: {},
          provenance: SETUP,
          at: AT,
        });
        const av = await setup.putApplicationVersion({
          application: SHARED_APP,
          autoIncrement: false,
          component: cv.value,
          initialStage: 'dev',
          provenance: SETUP,
          at: AT,
        });
        avOf.set(w, av.value.name);
        if (w >= 2 * K && w < 3 * K)
          await setup.recordApproval({ appVersion: av.value.name, stage: 'qa', approved: true, by: 'setup', at: AT, provenance: SETUP });
      }
      await setup.close();
      const plan = Array.from({ length: W }, (_, w) => ({
        worker: w,
        count: 1,
        password,
        ...(w < K
          ? { steps: ['version-update' as const] }
          : { steps: [(['approve', 'move', 'deploy'] as const)[Math.floor(w / K) - 1]], appVersion: avOf.get(w) }),
      }));
      const runners = makeRunners(dir, remote, server.url('state.git'), 4);
      const run = await runClients(runners, plan, password);
      const audit = await auditGitStore(remote, {
        applications: [SHARED_APP],
        bases: Array.from({ length: W }, (_, w) => `GLOBAL.Acme.Store.svc-w${w}`),
      });
      const summary = summarise('smart http (http-backend, Basic auth)', run, audit);
      console.log(`git store reliability, concurrent writers: ${JSON.stringify(summary)}`);
      // a version-update acknowledges its component version and its application version
      expect(summary.operationsAcknowledged).toBe(5 * K);
      // set-up: 3K component and application versions, K approvals; the writers: K of each
      expect(audit.byKind).toEqual({ cv: W, av: W, approve: 2 * K, move: K, deploy: K, other: 0 });
      expect(audit.next).toEqual({ componentVersion: W + 1, applicationVersion: W + 1, deployment: K + 1 });
      expect([
        summary.distinctApplicationVersions,
        summary.avIdsDense,
        summary.deploymentIdsDense,
        summary.duplicateDeployments,
        summary.repeatedOperationKeys,
      ]).toEqual([W, true, true, 0, 0]);
      for (let w = K; w < W; w++) {
        const av = audit.appVersions.get(avOf.get(w)!)!;
        const kind = Math.floor(w / K);
        expect([av.approvals.length, av.moves.length, av.value.stage], `w${w}`).toEqual(
          kind === 1 || kind === 2 ? [1, kind === 2 ? 1 : 0, kind === 2 ? 'qa' : 'dev'] : [0, 0, 'dev'],
        );
      }
      expect(audit.deployments.map((d) => d.log[0]).sort()).toEqual(Array.from({ length: K }, (_, k) => `w${3 * K + k} i1`));
      expect(audit.problems).toEqual([]);
      expect(git(['--git-dir', remote, 'fsck', '--strict', '--no-dangling']).trim()).toBe('');
    } finally {
      await server.stop();
    }
  }, 1_800_000);
});
