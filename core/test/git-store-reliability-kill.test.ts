/**
 * Reliability of the git store when writers die (issue 13 "Reliability"; the harness is
 * support/git-reliability-harness.ts): writers killed with SIGKILL while writing a commit, while pushing, or at a
 * random moment: the remote never holds a partial operation, re-running the unfinished iteration completes it
 * exactly once, the leftovers in the shared cache do not break the re-run, readers never fail.
 */

import { readdirSync } from 'node:fs';

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { startGitWriter } from './fixtures/store/spawn-writer.js';
import { git, installHook, makeBareRemote } from './support/git-servers.js';
import { auditGitStore, dense } from './support/git-store-audit.js';

import { acked, makeRunners, tempDir, track, until } from './support/git-reliability-harness.js';

describe('git store reliability with killed writers (separate processes, real git)', () => {
  it('writers killed (SIGKILL) while writing a commit, while pushing, at random: no partial operation, a re-run completes it exactly once', async () => {
    // 2 rounds of 6 writers: 12 kills, each kind (commit, push, random) 4 times
    const ROUNDS = 2;
    const WRITERS = 6;
    const dir = await tempDir('shiplog-rel-kill-');
    const remote = makeBareRemote(join(dir, 'srv', 'state.git'));
    // every push spends a moment in the server's hook, so that a kill can land while it is in flight
    installHook(remote, 'pre-receive', 'sleep 0.05\ncat >/dev/null');
    const runners = makeRunners(dir, remote, `file://${remote}`, 3);
    const app = (w: number) => `GLOBAL.Acme.Store.app-w${w}`;
    const readers = runners.slice(0, 2).map((r, k) => track(startGitWriter({ ...r, worker: 200 + k, count: 0, reader: true })));
    /** The last iteration each worker has begun (all of them complete after each round's re-runs). */
    const begun = new Array<number>(WRITERS).fill(0);
    const kills = { commit: 0, push: 0, random: 0 };
    let leftoverRefs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const writers = Array.from({ length: WRITERS }, (_, w) =>
        track(
          startGitWriter({ ...runners[w % 3], worker: w, from: begun[w] + 1, count: 0, application: app(w), phases: { slowWriteMs: 3 } }),
        ),
      );
      await Promise.all(
        writers.map(async (wr, w) => {
          // the n-th commit write or push of this run (n from 1 to 5: any of the iteration's operations), or at random
          const target = (['commit', 'push', 'random'] as const)[(w + round) % 3];
          const phases = () => wr.acks.filter((a) => a.kind === 'phase' && a.phase === target).length;
          if (target === 'random') {
            await until(() => wr.acks.some((a) => a.kind === 'phase') || wr.child.exitCode !== null);
            await new Promise((r) => setTimeout(r, Math.random() * 1500));
          } else {
            const n = 1 + Math.floor(Math.random() * 5);
            await until(() => phases() >= n || wr.child.exitCode !== null);
          }
          wr.child.kill('SIGKILL');
          const end = await wr.done;
          expect(end.signal, wr.stderr()).toBe('SIGKILL');
          kills[target]++;
        }),
      );
      // The iteration each writer was in: after its last acknowledged step (the next one, after a deployment).
      for (const [w, wr] of writers.entries()) {
        const last = wr.acks.filter((a) => a.i !== undefined).at(-1);
        begun[w] = last ? (last.kind === 'dep' ? last.i! + 1 : last.i!) : begun[w] + 1;
      }
      // The remote holds only whole operations.
      const mid = await auditGitStore(remote, {
        applications: writers.map((_, w) => app(w)),
        bases: writers.map((_, w) => `GLOBAL.Acme.Store.svc-w${w}`),
      });
      expect(mid.problems, `round ${round}`).toEqual([]);
      expect(mid.byKind.other).toBe(0);
      expect(mid.next.deployment - 1).toBe(mid.deployments.length);
      expect(git(['--git-dir', remote, 'fsck', '--strict', '--no-dangling']).trim()).toBe('');
      for (const r of runners) {
        for (const c of readdirSafe(join(r.cacheHome, 'shiplog', 'git')))
          leftoverRefs += readdirSafe(join(r.cacheHome, 'shiplog', 'git', c, 'refs', 'shiplog', 'remote')).length;
      }
      // Re-run each killed writer's unfinished iteration in the same working directory (same cache, leftovers and all).
      const reruns = writers.map((_, w) =>
        track(startGitWriter({ ...runners[w % 3], worker: w, from: begun[w], count: 1, application: app(w) })),
      );
      const ends = await Promise.all(reruns.map((r) => r.done));
      ends.forEach((e, w) => expect(e, reruns[w].stderr()).toEqual({ code: 0, signal: null }));
    }
    for (const r of readers) r.child.kill('SIGKILL');
    const readerEnds = await Promise.all(readers.map((r) => r.done));
    readerEnds.forEach((r, k) => expect(r.signal, `reader ${k} failed: ${readers[k].stderr()}`).toBe('SIGKILL'));

    const audit = await auditGitStore(remote, {
      applications: begun.map((_, w) => app(w)),
      bases: begun.map((_, w) => `GLOBAL.Acme.Store.svc-w${w}`),
    });
    const iterations = begun.reduce((a, b) => a + b, 0);
    const tags = audit.deployments.map((d) => d.log[0]);
    const summary = {
      rounds: ROUNDS,
      writers: WRITERS,
      kills,
      leftoverPrivateRefsSeenAfterKills: leftoverRefs,
      iterationsCompleted: iterations,
      commits: audit.commits,
      commitsByOperation: audit.byKind,
      deployments: audit.deployments.length,
      deploymentIdsDense: dense(audit.deployments.map((d) => d.id)),
      duplicateDeployments: tags.length - new Set(tags).size,
      repeatedOperationKeys: audit.repeatedKeys,
      concurrentReads: acked(readers, 'read').length,
      readerFailures: readerEnds.filter((r) => r.signal !== 'SIGKILL').length,
    };
    console.log(`git store reliability, kill -9: ${JSON.stringify(summary)}`);
    expect(kills.commit + kills.push + kills.random).toBe(ROUNDS * WRITERS);
    // every iteration started is complete, exactly once
    expect(audit.byKind).toEqual({ cv: iterations, av: iterations, approve: iterations, move: iterations, deploy: iterations, other: 0 });
    expect(audit.next).toEqual({ componentVersion: iterations + 1, applicationVersion: iterations + 1, deployment: iterations + 1 });
    for (const [w, n] of begun.entries()) {
      expect(audit.applications.get(app(w))?.versions, app(w)).toHaveLength(n);
      for (let i = 1; i <= n; i++)
        expect(
          tags.filter((t) => t === `w${w} i${i}`),
          `deployment of w${w} i${i}`,
        ).toHaveLength(1);
    }
    for (const av of audit.appVersions.values())
      expect([av.approvals.length, av.moves.length, av.value.stage], av.value.name).toEqual([1, 1, 'qa']);
    expect(summary.deploymentIdsDense).toBe(true);
    expect(summary.repeatedOperationKeys).toBe(0);
    expect(audit.problems).toEqual([]);
  }, 1_800_000);
});

function readdirSafe(d: string): string[] {
  try {
    return readdirSync(d);
  } catch {
    return [];
  }
}
