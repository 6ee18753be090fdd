/**
 * Reliability of the git store over smart HTTP with Basic auth (git http-backend behind a small Node server on
 * 127.0.0.1), separate writer processes as separate CI runners (issue 13 "Reliability"; the harness is
 * support/git-reliability-harness.ts): 20 writers in 5 working directories, each operation lands exactly once.
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
  it('20 writers in 5 working directories over smart HTTP, one operation each (5 version-updates, 5 approvals, 5 moves, 5 deployments): each lands exactly once', async () => {
    const dir = await tempDir('shiplog-rel-http-');
    const remote = makeBareRemote(join(dir, 'srv', 'state.git'));
    const password = 'rel-password-0123';
    const server = await startHttpGitServer({ root: join(dir, 'srv'), username: 'x-access-token', password });
    try {
      // Set-up in place: the application versions the approvers, movers and deployers act on (the movers' approved).
      const host = createMemoryHost();
      const setup = new RecordBackend(host, await openGitStore(host, { remote }));
      const avOf = new Map<number, string>();
      for (let w = 5; w < 20; w++) {
        const cv = await setup.putComponentVersion({ domain: 'GLOBAL.Acme.Store', short: `svc-w${w}`, version: '1', kind: 'docker', attributes: {}, provenance: SETUP, at: AT });
        const av = await setup.putApplicationVersion({ application: SHARED_APP, autoIncrement: false, component: cv.value, initialStage: 'dev', provenance: SETUP, at: AT });
        avOf.set(w, av.value.name);
        if (w >= 10 && w < 15) await setup.recordApproval({ appVersion: av.value.name, stage: 'qa', approved: true, by: 'setup', at: AT, provenance: SETUP });
      }
      await setup.close();
      const plan = Array.from({ length: 20 }, (_, w) => ({
        worker: w,
        count: 1,
        password,
        ...(w < 5 ? { steps: ['version-update' as const] } : { steps: [(['approve', 'move', 'deploy'] as const)[Math.floor(w / 5) - 1]], appVersion: avOf.get(w) }),
      }));
      const runners = makeRunners(dir, remote, server.url('state.git'), 5);
      const run = await runClients(runners, plan, password);
      const audit = await auditGitStore(remote, { applications: [SHARED_APP], bases: Array.from({ length: 20 }, (_, w) => `GLOBAL.Acme.Store.svc-w${w}`) });
      const summary = summarise('smart http (http-backend, Basic auth)', run, audit);
      console.log(`git store reliability, concurrent writers: ${JSON.stringify(summary)}`);
      expect(summary.operationsAcknowledged).toBe(25);
      // set-up: 15 + 15 + 5; the writers: 5 component versions + 5 application versions, 5 approvals, 5 moves, 5 deployments
      expect(audit.byKind).toEqual({ cv: 20, av: 20, approve: 10, move: 5, deploy: 5, other: 0 });
      expect(audit.next).toEqual({ componentVersion: 21, applicationVersion: 21, deployment: 6 });
      expect([summary.distinctApplicationVersions, summary.avIdsDense, summary.deploymentIdsDense, summary.duplicateDeployments, summary.repeatedOperationKeys]).toEqual([20, true, true, 0, 0]);
      for (let w = 5; w < 20; w++) {
        const av = audit.appVersions.get(avOf.get(w)!)!;
        const kind = Math.floor(w / 5);
        expect([av.approvals.length, av.moves.length, av.value.stage], `w${w}`).toEqual(kind === 1 || kind === 2 ? [1, kind === 2 ? 1 : 0, kind === 2 ? 'qa' : 'dev'] : [0, 0, 'dev']);
      }
      expect(audit.deployments.map((d) => d.log[0]).sort()).toEqual(['w15 i1', 'w16 i1', 'w17 i1', 'w18 i1', 'w19 i1']);
      expect(audit.problems).toEqual([]);
      expect(git(['--git-dir', remote, 'fsck', '--strict', '--no-dangling']).trim()).toBe('');
    } finally {
      await server.stop();
    }
  }, 1_800_000);
});
