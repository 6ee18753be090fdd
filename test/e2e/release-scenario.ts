/**
 * One release through all four adapters, in the order a mixed-CI team would run it:
 *   GitHub Actions  version-update of `cart`        (component version + application version 1)
 *   Buildkite       version-update of `checkout`    (application version 2 = cart + checkout)
 *   GitHub Actions  deploy to dev, with a GitHub Deployment on a loopback fake GitHub API
 *   CircleCI        move to qa
 *   Jenkins         approve for prod (the gated stage)
 *   CircleCI        move to prod, then deploy to prod
 * Every adapter gets the same password (DHPASS) and token; both deploy commands print them.
 */
import { fakeGithub, type FakeGithub } from '../../adapters/github-action/test/fake-github.js';
import { buildkiteDriver } from './drivers/buildkite.js';
import { circleciDriver } from './drivers/circleci.js';
import type { Backend, DriverResult, RunContext } from './drivers/driver.js';
import { githubDriver } from './drivers/github.js';
import { jenkinsDriver } from './drivers/jenkins.js';

export const APP = 'GLOBAL.Acme.Store.shop';
export const CART = 'GLOBAL.Acme.Store.cart';
export const CHECKOUT = 'GLOBAL.Acme.Store.checkout';
/** Recognizable, and changed by URL and base64 encoding (space, /, +, %, &, =). */
export const PASSWORD = 'E2e-Leak pa55/w0rd+%&=Zq';
export const TOKEN = 'ghp_E2eLeakAuditT0ken0123456789abcdefXYZ';
export const GITHUB_DEPLOYMENT_ID = 7701;

export interface ReleaseRuns {
  ghVersionUpdate: DriverResult;
  bkVersionUpdate: DriverResult;
  ghDeployDev: DriverResult;
  ccMoveQa: DriverResult;
  jkApproveProd: DriverResult;
  ccMoveProd: DriverResult;
  ccDeployProd: DriverResult;
}

export interface Release {
  runs: ReleaseRuns;
  /** Labelled in order, for the leak audit. */
  all: [string, DriverResult][];
  github: FakeGithub;
  /** Checkouts/workspaces of the four drivers (scanned whole by the leak audit). */
  dirs: Record<string, string>;
  close(): Promise<void>;
}

export async function runRelease(backend: Backend): Promise<Release> {
  const gh = githubDriver();
  const bk = buildkiteDriver();
  const cc = circleciDriver();
  const jk = jenkinsDriver();
  const github = await fakeGithub([
    { method: 'POST', path: '/repos/acme/shop/deployments', status: 201, body: { id: GITHUB_DEPLOYMENT_ID, environment: 'dev' } },
    {
      method: 'POST',
      path: `/repos/acme/shop/deployments/${GITHUB_DEPLOYMENT_ID}/statuses`,
      status: 201,
      body: { id: 1, state: 'in_progress' },
    },
    {
      method: 'POST',
      path: `/repos/acme/shop/deployments/${GITHUB_DEPLOYMENT_ID}/statuses`,
      status: 201,
      body: { id: 2, state: 'success' },
    },
  ]);
  const ctx: RunContext = { backend, password: PASSWORD, token: TOKEN };
  const all: [string, DriverResult][] = [];
  const step = async (label: string, p: Promise<DriverResult>) => {
    const r = await p;
    all.push([label, r]);
    return r;
  };
  const close = async () => {
    await github.close();
    await Promise.all([gh.close(), bk.close(), cc.close(), jk.close()]);
  };
  try {
    const ghVersionUpdate = await step(
      'github version-update',
      gh.run('version-update', { 'component-name': CART, 'component-version': 'v1.0.0', application: APP }, ctx),
    );
    const bkVersionUpdate = await step(
      'buildkite version-update',
      bk.run(
        'version-update',
        { 'component-name': CHECKOUT, 'component-version': '2.0.0', application: APP, attr: ['Team=payments'] },
        ctx,
      ),
    );
    const ghDeployDev = await step(
      'github deploy dev',
      gh.run(
        'deploy',
        { application: APP, env: 'dev', command: 'echo "deploying dev with pw=$DHPASS token=$GITHUB_TOKEN"', 'github-token': TOKEN },
        { ...ctx, env: { GITHUB_API_URL: github.url } },
      ),
    );
    const ccMoveQa = await step('circleci move qa', cc.run('move', { application: APP, to: 'qa' }, ctx));
    const jkApproveProd = await step(
      'jenkins approve prod',
      jk.run('approve', { application: APP, stage: 'prod', notes: 'approved in Jenkins' }, ctx),
    );
    const ccMoveProd = await step('circleci move prod', cc.run('move', { application: APP, to: 'prod' }, ctx));
    const ccDeployProd = await step(
      'circleci deploy prod',
      cc.run('deploy', { application: APP, env: 'prod', command: 'echo "deploying prod with pw=$DHPASS token=$CIRCLE_TOKEN"' }, ctx),
    );
    return {
      runs: { ghVersionUpdate, bkVersionUpdate, ghDeployDev, ccMoveQa, jkApproveProd, ccMoveProd, ccDeployProd },
      all,
      github,
      dirs: { github: await gh.workspace(), buildkite: await bk.checkout(), circleci: cc.machine().root, jenkins: await jk.workspace() },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
