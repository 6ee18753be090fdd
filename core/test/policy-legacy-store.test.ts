/**
 * Stores written before shiplog kept actors, per-version deployments and the application catalog still read, and
 * the gate still judges them: a missing actor reads as {id: <by>, source: 'unknown'}, deployments come from the
 * history, applications from a scan.
 */
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GateCheck } from '../src/backend/backend.js';
import { openLocalBackend } from '../src/backend/local/index.js';
import { objectPath } from '../src/backend/local/layout.js';
import { CATALOG_NAME } from '../src/backend/records/documents.js';
import { createMemoryHost } from '../src/host.js';
import type { CiContext } from '../src/model.js';
import { parsePipelineConfig } from '../src/pipeline-config.js';

const PROV: CiContext = { provider: 'jenkins', isCi: true, actor: 'jenkins-user' };
const AT = '2026-01-02T03:04:05.000Z';
const ACTOR = { id: 'dana@example.com', source: 'git' };

describe('a store written before the release policy', () => {
  it('reads with legacy actors, deployments from the history, applications by scan; the gate judges it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shiplog-legacy-'));
    const stateDir = join(dir, 'state');
    try {
      const b = await openLocalBackend(createMemoryHost(), { stateDir });
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
      const deploy = (env: string, exitCode: number) =>
        b.recordDeployment({
          appVersion: av,
          environment: env,
          exitCode,
          log: [],
          startedAt: AT,
          finishedAt: AT,
          mode: 'record',
          provenance: PROV,
        });
      await deploy('dev', 0);
      await b.recordApproval({ appVersion: av.name, stage: 'qa', approved: true, by: 'grace', at: AT, provenance: PROV });
      // What an older shiplog wrote: no per-version deployments, no actors, no catalog.
      const file = join(stateDir, objectPath('application-version', av.name));
      const doc = JSON.parse(await readFile(file, 'utf8'));
      delete doc.deployments;
      await writeFile(file, `${JSON.stringify(doc)}\n`);
      await unlink(join(stateDir, objectPath('catalog', CATALOG_NAME)));

      const record = (await b.applicationVersionRecord(av.name))!;
      expect(record.approvals.map((a) => a.actor)).toEqual([{ id: 'grace', source: 'unknown' }]);
      expect(record.deployments.map((d) => [d.environment, d.status, d.actor])).toEqual([
        ['dev', 'success', { id: 'jenkins-user', source: 'unknown' }],
      ]);
      expect(await b.listApplications()).toEqual(['GLOBAL.Acme.shop']);
      expect((await b.history({}))[0].actor).toBeUndefined();

      const pipeline = parsePipelineConfig('[[stage]]\nname = "dev"\n[[stage]]\nname = "qa"\napproval = true\n', 'shiplog.toml');
      const gate: GateCheck = { pipeline, actor: ACTOR, now: AT };
      const move = () =>
        b.moveApplicationVersion({
          appVersion: av,
          from: { name: 'dev', domain: 'dev' },
          to: { name: 'qa', domain: 'qa' },
          task: 'Move to qa',
          requiresApproval: true,
          gate,
          by: ACTOR.id,
          actor: ACTOR,
          at: AT,
          provenance: PROV,
        });
      // The last dev deployment (read from the history, in the transaction's retry) failed: refused, naming it.
      const failed = await deploy('dev', 2);
      await expect(move()).rejects.toMatchObject({
        code: 'GATE_REFUSED',
        details: { unmetRules: [{ rule: 'require-success', deploymentId: failed.id }] },
      });
      await deploy('dev', 0);
      expect(await move()).toMatchObject({ from: 'dev', to: 'qa' });
      await b.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
