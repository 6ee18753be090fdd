/** One release written through a record store (any backend): a component version, its application version, a deployment. */
import type { RecordBackend } from '../../src/backend/records/record-backend.js';
import type { CiContext } from '../../src/model.js';

export const PROV: CiContext = { provider: 'local', isCi: false, buildId: '1' };
export const AT = '2026-01-02T03:04:05.000Z';

export async function seed(b: RecordBackend, short = 'cart', version = '1', more: { environment?: string; provenance?: CiContext } = {}) {
  const { environment = 'qa', provenance = PROV } = more;
  const cv = await b.putComponentVersion({ domain: 'GLOBAL.Acme', short, version, kind: 'docker', attributes: {}, provenance, at: AT });
  const av = await b.putApplicationVersion({
    application: 'GLOBAL.Acme.shop',
    autoIncrement: false,
    component: cv.value,
    initialStage: 'dev',
    provenance,
    at: AT,
  });
  const dep = await b.recordDeployment({
    appVersion: av.value,
    environment,
    exitCode: 0,
    log: ['ok'],
    startedAt: AT,
    finishedAt: AT,
    mode: 'record',
    provenance,
  });
  return { cv, av, dep };
}
