/**
 * The record stores' backstop: the gate is judged again inside the transaction, on what it reads under the lock
 * (local) or at the tip it commits on (git, re-run after a lost compare-and-swap), so a writer that judged on
 * stale reads cannot slip past a decision that landed in between.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend, GateCheck } from '../src/backend/backend.js';
import { openGitStore } from '../src/backend/git/index.js';
import { openLocalBackend } from '../src/backend/local/index.js';
import { RecordBackend } from '../src/backend/records/record-backend.js';
import { ApprovalRejectedError } from '../src/errors.js';
import { createMemoryHost } from '../src/host.js';
import type { ApplicationVersion, CiContext } from '../src/model.js';
import { defaultPipelineConfig } from '../src/pipeline-config.js';
import { judge } from '../src/policy/enforce.js';
import { git, installHook, makeBareRemote } from './support/git-servers.js';

const PROV: CiContext = { provider: 'local', isCi: false };
const AT = '2026-01-02T03:04:05.000Z';
const ACTOR = { id: 'dana@example.com', source: 'git' };

/** An application version in qa, deployed there, approved for prod by grace. */
async function inQaApproved(b: Backend): Promise<ApplicationVersion> {
  const cv = await b.putComponentVersion({
    domain: 'GLOBAL.Acme',
    short: 'cart',
    version: '1',
    kind: 'docker',
    attributes: {},
    provenance: PROV,
    at: AT,
  });
  const av = (
    await b.putApplicationVersion({
      application: 'GLOBAL.Acme.shop',
      autoIncrement: false,
      component: cv.value,
      initialStage: 'dev',
      provenance: PROV,
      at: AT,
    })
  ).value;
  const dep = (env: string) =>
    b.recordDeployment({
      appVersion: av,
      environment: env,
      exitCode: 0,
      log: [],
      startedAt: AT,
      finishedAt: AT,
      mode: 'record',
      provenance: PROV,
    });
  await dep('dev');
  await b.moveApplicationVersion({
    appVersion: av,
    from: { name: 'dev', domain: 'dev' },
    to: { name: 'qa', domain: 'qa' },
    task: 'Move to qa',
    requiresApproval: false,
    by: 'dana',
    at: AT,
    provenance: PROV,
  });
  await dep('qa');
  await b.recordApproval({
    appVersion: av.name,
    stage: 'prod',
    approved: true,
    by: 'grace',
    actor: { id: 'grace', source: 'git' },
    at: AT,
    provenance: PROV,
  });
  return (await b.getApplicationVersion(av.name))!;
}

const check = (): GateCheck => ({ pipeline: defaultPipelineConfig(), actor: ACTOR, now: '2026-01-02T04:00:00.000Z' });
const moveToProd = (b: Backend, av: ApplicationVersion) =>
  b.moveApplicationVersion({
    appVersion: av,
    from: { name: 'qa', domain: 'qa' },
    to: { name: 'prod', domain: 'prod' },
    task: 'Move to prod',
    requiresApproval: true,
    gate: check(),
    by: ACTOR.id,
    actor: ACTOR,
    at: '2026-01-02T04:00:00.000Z',
    provenance: PROV,
  });
const rejectProd = (b: Backend, av: ApplicationVersion, at = '2026-01-02T03:30:00.000Z') =>
  b.recordApproval({
    appVersion: av.name,
    stage: 'prod',
    approved: false,
    by: 'bob',
    actor: { id: 'bob', source: 'git' },
    at,
    notes: 'no',
    provenance: PROV,
  });

describe("the gate inside the record stores' transactions", () => {
  it('local: a move judged before a rejection landed is refused in the transaction, nothing written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shiplog-backstop-'));
    try {
      const b = await openLocalBackend(createMemoryHost(), { stateDir: join(dir, 'state') });
      const av = await inQaApproved(b);
      // The caller's judgement, on what it read: passes.
      const record = (await b.applicationVersionRecord(av.name))!;
      expect(judge(check(), record, { action: 'move', from: 'qa', to: 'prod' }).verdict.gatePassed).toBe(true);
      await rejectProd(b, av);
      const before = await b.applicationVersionRecord(av.name);
      const err = await moveToProd(b, av).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApprovalRejectedError);
      expect((err as ApprovalRejectedError).details).toMatchObject({
        gatePassed: false,
        unmetRules: [{ rule: 'rejected', stage: 'prod' }],
      });
      expect(await b.applicationVersionRecord(av.name)).toEqual(before);
      await b.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('local: record-only deployments are judged in the transaction; a deployment that ran is always recorded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shiplog-backstop-'));
    try {
      const b = await openLocalBackend(createMemoryHost(), { stateDir: join(dir, 'state') });
      const av = await inQaApproved(b);
      const spec = (mode: 'record' | 'run') => ({
        appVersion: av,
        environment: 'prod',
        exitCode: 0,
        log: [],
        startedAt: AT,
        finishedAt: AT,
        mode,
        gate: check(),
        actor: ACTOR,
        provenance: PROV,
      });
      // Not in prod yet: a record-only deployment there is refused, and nothing is written.
      await expect(b.recordDeployment(spec('record'))).rejects.toMatchObject({
        code: 'GATE_REFUSED',
        details: { unmetRules: [{ rule: 'stage-reached' }] },
      });
      expect(await b.history({})).toHaveLength(2);
      // A deployment shiplog ran (the gate was judged before it ran) is a fact: recorded.
      expect((await b.recordDeployment(spec('run'))).status).toBe('success');
      await b.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('git: a move whose push lost the race to a rejection re-runs, is refused, and the remote has no move', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shiplog-backstop-git-'));
    try {
      const remote = makeBareRemote(join(dir, 'remote.git'));
      const host = createMemoryHost();
      let n = 0;
      // Through git's transport (fetch and push), so that the remote's pre-receive hook holds the first push.
      const open = async () =>
        new RecordBackend(
          host,
          await openGitStore(host, { remote: `file://${remote}`, cacheDir: join(dir, `cache-${n++}`), inPlace: false }),
        );
      const a = await open();
      const b = await open();
      const av = await inQaApproved(a);
      // The next push is held in the hook until released; later pushes pass at once.
      const counter = join(dir, 'n');
      installHook(
        remote,
        'pre-receive',
        `n=$(($(cat ${counter} 2>/dev/null || echo 0)+1)); echo $n > ${counter}\nif [ $n -eq 1 ]; then touch ${join(dir, 'held')}; while [ ! -e ${join(dir, 'release')} ]; do sleep 0.01; done; fi\ncat >/dev/null`,
      );
      const slow = moveToProd(a, av).catch((e: unknown) => e);
      for (let i = 0; i < 3000 && !existsSync(join(dir, 'held')); i++) await new Promise((r) => setTimeout(r, 10));
      await rejectProd(b, av);
      writeFileSync(join(dir, 'release'), '');
      const err = await slow;
      expect(err).toBeInstanceOf(ApprovalRejectedError);
      const record = (await b.applicationVersionRecord(av.name))!;
      expect(record.appVersion.stage).toBe('qa');
      expect(record.moves.map((m) => m.to)).toEqual(['qa']);
      expect(record.approvals.map((x) => x.approved)).toEqual([true, false]);
      expect(git(['--git-dir', remote, 'log', '--format=%s', 'refs/heads/shiplog-state']).split('\n')[0]).toMatch(/^reject: /);
      await a.close();
      await b.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
