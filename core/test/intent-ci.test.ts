/**
 * plan and apply as the CI adapters see them (docs/intent.md "In CI"): apply's JSON result on a failure (the
 * golden the report fixtures draw from), each deployment folded in the CI platform's log (GitHub ::group::,
 * Buildkite --- sections, Jenkins and CircleCI banners; nothing outside CI), parallel deployments' groups kept
 * whole, and plan's --pass-on-changes. Three-service fixture (payments <- shop <- web), local store.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderText } from '../src/report/index.js';
import { buildReport } from '../src/report/build.js';
import { PAYMENTS, SHOP, WEB, intentFixture, newVersion, type IntentFixture } from './support/intent-fixture.js';
import { STORE_FACTORIES, type StoreUnderTest } from './support/record-stores.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function fixture(): Promise<IntentFixture> {
  const store: StoreUnderTest = await STORE_FACTORIES.local();
  const f = await intentFixture(store);
  cleanups.push(async () => {
    await f.cleanup();
    await store.cleanup();
  });
  return f;
}

/** The result with what changes from run to run replaced: times, durations, the lease holder, the fixture's paths. */
function stable(result: unknown, f: IntentFixture): unknown {
  const text = JSON.stringify(result, (key, value: unknown) => {
    if ((key === 'startedAt' || key === 'finishedAt') && typeof value === 'string') return '<time>';
    if (key === 'durationMs' && typeof value === 'number') return 1234;
    if (key === 'holder' && typeof value === 'string') return '<holder>';
    return value;
  });
  return JSON.parse(text.split(f.dir).join('<dir>').split(f.store.url).join('<store>'));
}

const GITHUB = {
  GITHUB_ACTIONS: 'true',
  GITHUB_ACTOR: 'ada',
  GITHUB_REPOSITORY: 'acme/intent',
  GITHUB_RUN_ID: '17',
  GITHUB_SERVER_URL: 'https://github.com',
};
const BUILDKITE = {
  BUILDKITE: 'true',
  BUILDKITE_BUILD_CREATOR_EMAIL: 'ada@example.com',
  BUILDKITE_BUILD_URL: 'https://buildkite.com/acme/intent/builds/4',
};
const JENKINS = { JENKINS_URL: 'https://jenkins.example/', BUILD_URL: 'https://jenkins.example/job/intent/4/', JOB_NAME: 'intent' };

describe('apply in CI', () => {
  it('a failure in wave 1 of qa, then the re-run: the JSON results name every step (goldens fixtures/plan/apply*.json)', async () => {
    const f = await fixture();
    await newVersion(f, PAYMENTS);
    f.write('fail-qa-payments', '');
    const r = await f.run('apply', { env: ['qa'] });
    expect(r.exitCode).toBe(1);
    await expect(`${JSON.stringify(stable(r.result, f), null, 2)}\n`).toMatchFileSnapshot(
      path.join(__dirname, 'fixtures', 'plan', 'apply-failed.json'),
    );
    // What the CI logs show of it (the text renderer: CircleCI step output, Jenkins console).
    const text = renderText(buildReport('apply', r.result));
    expect(text).toContain('shiplog apply failed: apply did not reach the intent: 1 failed, 2 not started');
    expect(text).toMatch(/ {2}qa {11}1 {5}GLOBAL\.Acme\.Store\.payments +2 +deploy +failed /);
    expect(text).toMatch(
      /qa +2 +GLOBAL\.Acme\.Store\.shop +1 +deploy +not started .*not started: qa stopped after GLOBAL\.Acme\.Store\.payments failed in wave 1/,
    );
    rmSync(path.join(f.dir, 'fail-qa-payments'));
    const again = await f.run('apply', { env: ['qa'] });
    expect(again.exitCode).toBe(0);
    await expect(`${JSON.stringify(stable(again.result, f), null, 2)}\n`).toMatchFileSnapshot(
      path.join(__dirname, 'fixtures', 'plan', 'apply.json'),
    );
  });

  it('GitHub Actions: each deployment in a ::group:: with its output, the outcome line after ::endgroup::', async () => {
    const f = await fixture();
    const r = await f.run('apply', { env: ['qa'] }, { env: GITHUB });
    expect(r.exitCode).toBe(0);
    const lines = r.err.split('\n');
    const open = lines.indexOf('::group::wave 1: deploying GLOBAL.Acme.Store.payments 1 to qa');
    expect(open).toBeGreaterThanOrEqual(0);
    const close = lines.indexOf('::endgroup::', open);
    expect(lines.slice(open + 1, close)).toContain(`[qa ${PAYMENTS}] running payments in qa`);
    expect(lines[close + 1]).toMatch(/^apply: wave 1: GLOBAL\.Acme\.Store\.payments 1 to qa: succeeded in /);
    expect(lines.filter((l) => l.startsWith('::group::'))).toEqual([
      `::group::wave 1: deploying ${PAYMENTS} 1 to qa`,
      `::group::wave 2: deploying ${SHOP} 1 to qa`,
      `::group::wave 3: deploying ${WEB} 1 to qa`,
    ]);
    expect(lines.filter((l) => l === '::endgroup::')).toHaveLength(3);
  });

  it("GitHub Actions, --parallel 3: every group holds only its own deployment's lines", async () => {
    const f = await fixture();
    // Three independent deployments in one wave: the prod rows of payments, and qa's.
    const r = await f.run('apply', { application: [PAYMENTS], parallel: '3' }, { env: GITHUB });
    expect(r.exitCode).toBe(0);
    const lines = r.err.split('\n');
    const groups = lines.flatMap((l, i) => (l.startsWith('::group::') ? [i] : []));
    expect(groups).toHaveLength(2);
    for (const g of groups) {
      const env = / to (\S+)$/.exec(lines[g])![1];
      const body = lines.slice(g + 1, lines.indexOf('::endgroup::', g));
      expect(body.length).toBeGreaterThan(0);
      for (const l of body) expect(l.startsWith(`[${env} ${PAYMENTS}] `), l).toBe(true);
    }
  });

  it('Buildkite: a --- section per deployment, a failed one re-opened with ^^^ +++', async () => {
    const f = await fixture();
    f.write('fail-qa-shop', '');
    const r = await f.run('apply', { env: ['qa'] }, { env: BUILDKITE });
    expect(r.exitCode).toBe(1);
    const lines = r.err.split('\n');
    const shop = lines.indexOf(`--- wave 2: deploying ${SHOP} 1 to qa`);
    expect(lines.indexOf(`--- wave 1: deploying ${PAYMENTS} 1 to qa`)).toBeGreaterThanOrEqual(0);
    expect(shop).toBeGreaterThan(0);
    const next = lines.indexOf('--- shiplog apply', shop);
    expect(lines.slice(shop + 1, next)).toContain(`[qa ${SHOP}] failing on purpose`);
    expect(lines[next - 1]).toBe('^^^ +++');
    // payments succeeded: its section is not re-opened.
    const paymentsEnd = lines.indexOf('--- shiplog apply');
    expect(lines[paymentsEnd - 1]).not.toBe('^^^ +++');
  });

  it('Jenkins: a banner before and after each deployment', async () => {
    const f = await fixture();
    const r = await f.run('apply', { env: ['qa'], application: [PAYMENTS] }, { env: JENKINS });
    expect(r.exitCode).toBe(0);
    expect(r.err).toContain(`==== wave 1: deploying ${PAYMENTS} 1 to qa ====\n[qa ${PAYMENTS}] `);
    expect(r.err).toContain(`==== end: wave 1: deploying ${PAYMENTS} 1 to qa ====\napply: wave 1: ${PAYMENTS} 1 to qa: succeeded in `);
  });

  it('outside CI nothing is added to the log', async () => {
    const f = await fixture();
    const r = await f.run('apply', { env: ['qa'], application: [PAYMENTS] });
    expect(r.exitCode).toBe(0);
    expect(r.err).not.toMatch(/::group::|^--- |^====/m);
  });
});

describe('plan --pass-on-changes', () => {
  it('exits 1 with work by default, 0 with it (the result says so); a value other than true or false is refused', async () => {
    const f = await fixture();
    const work = await f.run('plan', {});
    expect(work.exitCode).toBe(1);
    expect(work.result.passOnChanges).toBeUndefined();
    const quiet = await f.run('plan', { 'pass-on-changes': 'true' });
    expect(quiet.exitCode).toBe(0);
    expect(quiet.result).toMatchObject({ ok: true, changes: true, passOnChanges: true });
    const bad = await f.run('plan', { 'pass-on-changes': 'sometimes' });
    expect(bad.exitCode).toBe(2);
  });
});
