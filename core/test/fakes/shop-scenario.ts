/**
 * Test data seeded through the Backend interface (as version-update and deploy would), on any backend:
 * the queries' shared shop scenario and the helpers that build it.
 */
import type { Backend } from '../../src/backend/backend.js';
import type { ApplicationVersion, CiContext, Deployment } from '../../src/model.js';
import { LOCAL_CI } from './memory-backend.js';

/** Test seeding through the Backend interface, as version-update would: component version, then app version. */
export async function seedRelease(
  backend: Backend,
  opts: { application: string; component: string; variant?: string; version: string; appVersion?: string; at?: string; ci?: CiContext },
): Promise<ApplicationVersion> {
  const dot = opts.component.lastIndexOf('.');
  const at = opts.at ?? '2026-11-22T08:00:00.000Z';
  const provenance = opts.ci ?? LOCAL_CI;
  const cv = await backend.putComponentVersion({
    domain: opts.component.slice(0, dot),
    short: opts.component.slice(dot + 1),
    variant: opts.variant,
    version: opts.version,
    kind: 'docker',
    attributes: {},
    provenance,
    at,
  });
  const av = await backend.putApplicationVersion({
    application: opts.application,
    version: opts.appVersion,
    autoIncrement: false,
    component: cv.value,
    initialStage: 'dev',
    provenance,
    at,
  });
  return av.value;
}

/** Records a finished deployment of `appVersion` to `environment`. */
export async function seedDeployment(
  backend: Backend,
  appVersion: ApplicationVersion,
  environment: string,
  opts: { exitCode?: number; at?: string; ci?: CiContext } = {},
): Promise<Deployment> {
  const at = opts.at ?? '2026-11-22T08:00:00.000Z';
  return backend.recordDeployment({
    appVersion,
    environment,
    exitCode: opts.exitCode ?? 0,
    log: ['deploying'],
    startedAt: at,
    finishedAt: at,
    mode: 'record',
    provenance: opts.ci ?? LOCAL_CI,
  });
}

export const SHOP = 'GLOBAL.Acme.Store.shop';
export const GITHUB_CI: CiContext = {
  provider: 'github',
  isCi: true,
  buildId: '4711',
  buildUrl: 'https://ci.example.test/runs/4711',
  job: 'release / deploy',
  commit: 'a1b2c3d4e5f6',
  branch: 'main',
  actor: 'alice',
};

/**
 * The queries' shared scenario: three services released into shop;1..3, shop;3 deployed to dev, qa and
 * prod, then a second cart release shop;4 deployed to dev and failed on qa.
 */
export async function seedShopScenario(backend: Backend): Promise<Record<string, ApplicationVersion>> {
  const t = (m: number) => `2026-11-22T08:${String(m).padStart(2, '0')}:00.000Z`;
  const s1 = await seedRelease(backend, {
    application: SHOP,
    component: 'GLOBAL.Acme.Store.cart',
    variant: 'main',
    version: 'v1',
    at: t(1),
  });
  const s2 = await seedRelease(backend, {
    application: SHOP,
    component: 'GLOBAL.Acme.Store.catalog',
    variant: 'main',
    version: 'v1',
    at: t(2),
  });
  const s3 = await seedRelease(backend, {
    application: SHOP,
    component: 'GLOBAL.Acme.Store.checkout',
    variant: 'main',
    version: 'v1',
    at: t(3),
  });
  await seedDeployment(backend, s3, 'dev', { at: t(4) });
  await seedDeployment(backend, s3, 'qa', { at: t(5) });
  await seedDeployment(backend, s3, 'prod', { at: t(6), ci: GITHUB_CI });
  const s4 = await seedRelease(backend, {
    application: SHOP,
    component: 'GLOBAL.Acme.Store.cart',
    variant: 'main',
    version: 'v2',
    at: t(7),
  });
  await seedDeployment(backend, s4, 'dev', { at: t(8), ci: GITHUB_CI });
  await seedDeployment(backend, s4, 'qa', { at: t(9), exitCode: 1 });
  return { s1, s2, s3, s4 };
}
