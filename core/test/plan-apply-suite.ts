/**
 * plan, apply and state on a real store of any engine (support/record-stores.ts), over the three-service
 * fixture (support/intent-fixture.ts): dependency order checked from the recorded start and end times, a
 * failure stopping only its environment, --fail-fast, reconcile on re-run, drift after an out-of-band deploy,
 * the uses_state cascade, undeploy, blocked rows, and every bad input (exit 2, store unchanged).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deployment } from '../src/model.js';
import { SLOW_STORE_MS, type StoreFactory, type StoreUnderTest } from './support/record-stores.js';
import { APPS, INTENT_TOML, PAYMENTS, SHOP, WEB, intentFixture, newVersion, type IntentFixture } from './support/intent-fixture.js';

type Row = {
  environment: string;
  application: string;
  action: string;
  current: string | null;
  desired: string | null;
  reason: string;
  stateChanged: string[];
  unmetRules: { rule: string }[];
};
type Step = { environment: string; application: string; status: string; message?: string; deploymentId: number | null };

const short = (app: string) => app.slice(app.lastIndexOf('.') + 1);
const rows = (r: { result: Record<string, unknown> }) => (r.result.rows ?? (r.result.plan as { rows: Row[] }).rows) as Row[];
const steps = (r: { result: Record<string, unknown> }) => r.result.steps as Step[];
const actions = (r: { result: Record<string, unknown> }) => rows(r).map((x) => `${x.environment} ${short(x.application)} ${x.action}`);

/** In each environment, no dependant started before its dependency's deployment ended (recorded times). */
function expectDependencyOrder(deps: Deployment[], environment: string): void {
  const last = (app: string) =>
    [...deps].reverse().find((d) => d.environment === environment && d.application === app && d.status === 'success');
  for (const [dependency, dependant] of [
    [PAYMENTS, SHOP],
    [SHOP, WEB],
  ]) {
    const a = last(dependency);
    const b = last(dependant);
    expect(a, `${dependency} in ${environment}`).toBeDefined();
    expect(b, `${dependant} in ${environment}`).toBeDefined();
    expect(Date.parse(b!.startedAt), `${dependant} started before ${dependency} ended in ${environment}`).toBeGreaterThanOrEqual(
      Date.parse(a!.finishedAt!),
    );
  }
}

export function describePlanApply(name: string, factory: StoreFactory): void {
  describe(`plan and apply: ${name}`, { timeout: SLOW_STORE_MS }, () => {
    let store: StoreUnderTest;
    let f: IntentFixture;
    beforeEach(async () => {
      store = await factory();
      f = await intentFixture(store);
    }, SLOW_STORE_MS);
    afterEach(async () => {
      await f.cleanup();
      await store.cleanup();
    });

    it('plans the work (exit 1), applies it in dependency order, then has nothing to do (exit 0)', async () => {
      const plan = await f.run('plan');
      expect(plan.exitCode).toBe(1);
      expect(plan.result).toMatchObject({ ok: true, changes: true, counts: { deploy: 6, nothing: 0, blocked: 0, undeploy: 0 } });
      const before = await store.fingerprint();
      const dry = await f.run('apply', { 'dry-run': true });
      expect(dry.exitCode, dry.err).toBe(0);
      expect(dry.result).toMatchObject({ dryRun: true, steps: [], lease: null, plan: { counts: { deploy: 6 } } });
      expect(await store.fingerprint()).toBe(before);
      const apply = await f.run('apply', { parallel: 3 });
      expect(apply.exitCode, apply.err).toBe(0);
      expect(apply.result).toMatchObject({ ok: true, counts: { succeeded: 6, failed: 0, skipped: 0 } });
      const deps = await f.deployments();
      expect(deps.map((d) => `${d.environment} ${short(d.application)} ${d.status}`).sort()).toEqual(
        ['qa', 'prod'].flatMap((e) => APPS.map((a) => `${e} ${short(a)} success`)).sort(),
      );
      expectDependencyOrder(deps, 'qa');
      expectDependencyOrder(deps, 'prod');
      // The commands got the facts; progress lines and the per-row prefix are on stderr.
      expect(f.deployLog()).toContain('deploy qa payments 1 db=');
      expect(apply.err).toMatch(/apply: wave 1: deploying GLOBAL\.Acme\.Store\.payments 1 to qa\n/);
      expect(apply.err).toMatch(/apply: wave 3: GLOBAL\.Acme\.Store\.web 1 to prod: succeeded in \d+\.\d s \(deployment \d+\)\n/);
      expect(apply.err).toContain('[prod GLOBAL.Acme.Store.shop] running shop in prod');
      // The deployments carry the run id.
      const runIds = new Set(deps.map((d) => d.attributes?.['shiplog.apply']));
      expect(runIds.size).toBe(1);
      expect([...runIds][0]).toMatch(/^[0-9a-f]{12}$/);

      const again = await f.run('plan');
      expect(again.exitCode).toBe(0);
      expect(again.result).toMatchObject({ changes: false, counts: { nothing: 6 } });
      const reapply = await f.run('apply');
      expect(reapply.exitCode).toBe(0);
      expect(reapply.result).toMatchObject({ lease: null, counts: { unchanged: 6, succeeded: 0 } });
      expect(await f.deployments()).toHaveLength(6);
    });

    it('a failure in wave 1 stops the later waves of its environment only; a re-run does exactly the rest', async () => {
      f.write('fail-qa-payments', '');
      const apply = await f.run('apply');
      expect(apply.exitCode).toBe(1);
      expect(apply.result).toMatchObject({ ok: false, error: { code: 'APPLY_FAILED' }, counts: { succeeded: 3, failed: 1, skipped: 2 } });
      const byRow = Object.fromEntries(steps(apply).map((s) => [`${s.environment} ${short(s.application)}`, s.status]));
      expect(byRow).toEqual({
        'qa payments': 'failed',
        'qa shop': 'skipped',
        'qa web': 'skipped',
        'prod payments': 'succeeded',
        'prod shop': 'succeeded',
        'prod web': 'succeeded',
      });
      expect(steps(apply).find((s) => s.environment === 'qa' && s.application === SHOP)?.message).toBe(
        `not started: qa stopped after ${PAYMENTS} failed in wave 1`,
      );
      const before = await f.deployments();
      expect(before.filter((d) => d.environment === 'qa').map((d) => `${short(d.application)} ${d.status}`)).toEqual(['payments failed']);

      f.write('fail-qa-payments.off', '');
      await import('node:fs').then((fs) => fs.unlinkSync(`${f.dir}/fail-qa-payments`));
      const rerun = await f.run('apply');
      expect(rerun.exitCode, rerun.err).toBe(0);
      const after = await f.deployments();
      expect(after.slice(before.length).map((d) => `${d.environment} ${short(d.application)} ${d.status}`)).toEqual([
        'qa payments success',
        'qa shop success',
        'qa web success',
      ]);
      expectDependencyOrder(after, 'qa');
      expect((await f.run('plan')).exitCode).toBe(0);
    });

    it('--fail-fast stops every environment after the first failure', async () => {
      f.write('fail-qa-payments', '');
      const apply = await f.run('apply', { 'fail-fast': true });
      expect(apply.exitCode).toBe(1);
      expect(apply.result).toMatchObject({ counts: { failed: 1, skipped: 5, succeeded: 0 } });
      expect(steps(apply).find((s) => s.environment === 'prod' && s.application === PAYMENTS)?.message).toBe(
        `not started: --fail-fast: ${PAYMENTS} failed in qa`,
      );
      expect(await f.deployments()).toHaveLength(1);
    });

    it('notices drift after an out-of-band deploy and puts the intent back', async () => {
      expect((await f.run('apply')).exitCode).toBe(0);
      await newVersion(f, SHOP);
      const plan = await f.run('plan', { env: ['qa'] });
      expect(plan.exitCode).toBe(1);
      expect(rows(plan).find((r) => r.application === SHOP)).toMatchObject({
        action: 'deploy',
        current: `${SHOP};1`,
        desired: `${SHOP};2`,
        reason: 'runs 1, wants 2 (latest)',
      });
      expect((await f.run('apply', { env: ['qa'] })).exitCode).toBe(0);
      expect((await f.run('plan')).exitCode).toBe(0);
      // Someone deploys version 1 by hand: the plan says so, exit 1, and apply restores version 2.
      await f.must('deploy', { application: `${SHOP};1`, env: 'qa', 'exit-code': 0 });
      const drift = await f.run('plan');
      expect(drift.exitCode).toBe(1);
      expect(actions(drift).filter((a) => !a.endsWith('nothing'))).toEqual(['qa shop deploy']);
      expect(rows(drift).find((r) => r.environment === 'qa' && r.application === SHOP)).toMatchObject({
        current: `${SHOP};1`,
        desired: `${SHOP};2`,
      });
      const fix = await f.run('apply');
      expect(fix.exitCode).toBe(0);
      expect(fix.result).toMatchObject({ counts: { succeeded: 1, unchanged: 5 } });
      expect((await f.run('plan')).exitCode).toBe(0);
    });

    it('redeploys the users of a custom state value when it changes (uses_state), passing it as SHIPLOG_STATE_<KEY>', async () => {
      expect((await f.run('apply')).exitCode).toBe(0);
      const set = await f.run('state-set', { env: 'qa', key: 'db_url', value: 'postgres://db.qa:5432/shop' });
      expect(set.exitCode, set.err).toBe(0);
      expect(set.result).toMatchObject({ changed: true, revision: 1, variable: 'SHIPLOG_STATE_DB_URL' });
      const plan = await f.run('plan');
      expect(plan.exitCode).toBe(1);
      expect(actions(plan).filter((a) => !a.endsWith('nothing'))).toEqual(['qa shop deploy']);
      expect(rows(plan).find((r) => r.action === 'deploy')).toMatchObject({
        reason: 'redeploy: db_url changed',
        stateChanged: ['db_url'],
        current: `${SHOP};1`,
        desired: `${SHOP};1`,
      });
      const apply = await f.run('apply');
      expect(apply.exitCode, apply.err).toBe(0);
      expect(apply.err).toContain('deploying GLOBAL.Acme.Store.shop 1 to qa (redeploy: db_url changed)');
      expect(f.deployLog().at(-1)).toBe('deploy qa shop 1 db=postgres://db.qa:5432/shop');
      expect((await f.run('plan')).exitCode).toBe(0);
      // The same value again changes nothing; a new one cascades again.
      expect((await f.run('state-set', { env: 'qa', key: 'db_url', value: 'postgres://db.qa:5432/shop' })).result).toMatchObject({
        changed: false,
        revision: 1,
      });
      expect((await f.run('plan')).exitCode).toBe(0);
      await f.must('state-set', { env: 'qa', key: 'db_url', value: 'postgres://db2.qa:5432/shop' });
      expect(actions(await f.run('plan')).filter((a) => !a.endsWith('nothing'))).toEqual(['qa shop deploy']);
      // Any deploy command gets the state, `shiplog deploy` too, and envscript --env writes it.
      await f.must('deploy', { application: WEB, env: 'qa', command: 'sh deploy.sh' });
      expect(f.deployLog().at(-1)).toBe('deploy qa web 1 db=postgres://db2.qa:5432/shop');
      const script = await f.run('envscript', { env: 'qa', format: 'json', json: true });
      expect(script.exitCode, script.err).toBe(0);
      expect((script.result.variables as Record<string, string>).SHIPLOG_STATE_DB_URL).toBe('postgres://db2.qa:5432/shop');
      const got = await f.run('state-get', { env: 'qa', key: 'db_url' });
      expect(got.out).toBe('postgres://db2.qa:5432/shop\n');
      expect((got.result.history as { revision: number }[]).map((h) => h.revision)).toEqual([2, 1]);
      const list = await f.run('state-list');
      expect((list.result.values as { environment: string; key: string }[]).map((v) => `${v.environment} ${v.key}`)).toEqual(['qa db_url']);
    });

    it('undeploys what the intent wants none of, dependants first', async () => {
      expect((await f.run('apply')).exitCode).toBe(0);
      f.write(
        'intent.toml',
        INTENT_TOML.replace(`"${WEB}" = "latest"`, `"${WEB}" = "none"`).replace(`"${PAYMENTS}" = "latest"`, `"${PAYMENTS}" = "none"`),
      );
      const plan = await f.run('plan', { env: ['qa'] });
      expect(actions(plan)).toEqual(['qa shop nothing', 'qa web undeploy', 'qa payments undeploy']);
      // An application without an undeploy command cannot be removed: refused before anything runs.
      f.write('no-undeploy.toml', INTENT_TOML.replace(`"${SHOP}" = "latest"`, `"${SHOP}" = "none"`));
      const before = await store.fingerprint();
      const refused = await f.run('apply', { intent: 'no-undeploy.toml', env: ['qa'] });
      expect(refused.exitCode).toBe(2);
      expect(refused.result).toMatchObject({
        error: { message: `application ${SHOP} has no "undeploy" command in the intent, and qa wants none of it` },
      });
      expect(await store.fingerprint()).toBe(before);
      const apply = await f.run('apply', { env: ['qa'] });
      expect(apply.exitCode, apply.err).toBe(0);
      expect(f.deployLog().slice(-2)).toEqual(['undeploy qa web 1 db=', 'undeploy qa payments 1 db=']);
      const status = await f.run('status', { env: 'qa' });
      expect((status.result.environments as { application: string }[]).map((e) => e.application)).toEqual([SHOP]);
      expect((await f.run('plan', { env: ['qa'] })).exitCode).toBe(0);
    });

    it('shows blocked rows with every unmet rule; apply leaves them and their dependants, exit 1', async () => {
      await newVersion(f, SHOP);
      f.write('intent.toml', INTENT_TOML.replace(`"${SHOP}" = "latest-approved"`, `"${SHOP}" = "2"`));
      const plan = await f.run('plan', { env: ['prod'] });
      expect(plan.exitCode).toBe(1);
      const blocked = rows(plan).find((r) => r.action === 'blocked')!;
      expect(blocked).toMatchObject({ environment: 'prod', application: SHOP, desired: `${SHOP};2` });
      expect(blocked.unmetRules.map((u) => u.rule)).toEqual(['stage-reached', 'approval']);
      const apply = await f.run('apply', { env: ['prod'] });
      expect(apply.exitCode).toBe(1);
      expect(Object.fromEntries(steps(apply).map((s) => [short(s.application), s.status]))).toEqual({
        payments: 'succeeded',
        shop: 'blocked',
        web: 'skipped',
      });
      expect(steps(apply).find((s) => s.application === WEB)?.message).toBe(`not started: its dependency ${SHOP} is blocked in prod`);
      // latest-approved picks the newest version the gate lets in: still 1.
      f.write('intent.toml', INTENT_TOML);
      const back = await f.run('plan', { env: ['prod'] });
      expect(rows(back).find((r) => r.application === SHOP)).toMatchObject({ action: 'deploy', desired: `${SHOP};1` });
    });

    it('refuses every bad input with exit 2 and every problem at once, leaving the store as it was', async () => {
      const before = await store.fingerprint();
      const expect2 = async (command: Parameters<IntentFixture['run']>[0], inputs: Record<string, unknown>, message: RegExp | string) => {
        const r = await f.run(command, inputs as never);
        expect(r.exitCode, `${command} ${JSON.stringify(inputs)}: ${r.err}`).toBe(2);
        const error = r.result.error as { message: string; problems?: string[] };
        const all = [error.message, ...(error.problems ?? [])].join('\n');
        if (typeof message === 'string') expect(all).toContain(message);
        else expect(all).toMatch(message);
        return error;
      };
      f.write(
        'bad.toml',
        `${INTENT_TOML}
[environment.staging]
"${SHOP}" = "latest"

[environment.qa2]
"${SHOP}" = "same-as:nowhere"
"${WEB}" = "latest-in:canary"
`.replace(`[environment.prod]\n"${PAYMENTS}" = "latest-approved"`, `[environment.prod]\n"${PAYMENTS}" = "9.9"`),
      );
      const many = await expect2('plan', { intent: 'bad.toml' }, 'unknown environment staging');
      expect(many.problems).toEqual([
        expect.stringMatching(/^unknown environment staging \(not in .*shiplog\.toml; environments: qa, prod\)$/),
        expect.stringMatching(/^unknown environment qa2 /),
        `environment qa2: ${SHOP} = "same-as:nowhere": unknown environment nowhere`,
        `environment qa2: ${WEB} = "latest-in:canary": unknown stage canary (stages: qa, prod)`,
        `environment prod: ${PAYMENTS} = "9.9": application version ${PAYMENTS};9_9 does not exist`,
      ]);
      await expect2('apply', { intent: 'bad.toml' }, 'unknown environment staging');
      // A selector that resolves to nothing: nothing runs in qa yet.
      f.write('same-as.toml', INTENT_TOML.replace(`"${WEB}" = "latest-in:prod"`, `"${WEB}" = "same-as:qa"`));
      await expect2('plan', { intent: 'same-as.toml', env: ['prod'] }, `environment prod: ${WEB} = "same-as:qa": nothing runs in qa`);
      await expect2('plan', { intent: 'missing.toml' }, 'cannot read the intent file');
      await expect2('plan', { env: ['staging'], application: ['GLOBAL.Acme.Store.cart'] }, '--env staging: not an environment of');
      await expect2('plan', { application: ['GLOBAL.Acme.Store.cart'] }, '--application GLOBAL.Acme.Store.cart: not an application of');
      await expect2('plan', { application: [`${SHOP};1`] }, 'name the application without a version');
      await expect2('apply', { parallel: 0 }, '--parallel must be 1 or more');
      await expect2('apply', { 'lock-timeout': 'soon' }, '--lock-timeout must be a duration');
      f.write(
        'no-deploy.toml',
        INTENT_TOML.replace(`[application."${PAYMENTS}"]\ndeploy = ["sh", "deploy.sh"]\n`, `[application."${PAYMENTS}"]\n`),
      );
      await expect2(
        'apply',
        { intent: 'no-deploy.toml' },
        new RegExp(
          `application ${PAYMENTS.replace(/\./g, '\\.')} has no "deploy" command in the intent, and the \\w+ store cannot run deployments itself`,
        ),
      );
      f.write(
        'cycle.toml',
        INTENT_TOML.replace(
          `deploy = ["sh", "deploy.sh"]\nundeploy = ["sh", "deploy.sh"]\n\n[application."${SHOP}"]`,
          `deploy = ["sh", "deploy.sh"]\nundeploy = ["sh", "deploy.sh"]\ndepends_on = ["${WEB}"]\n\n[application."${SHOP}"]`,
        ),
      );
      await expect2('apply', { intent: 'cycle.toml' }, `depends_on cycle: ${PAYMENTS} -> ${WEB} -> ${SHOP} -> ${PAYMENTS}`);
      // state
      await expect2('state-set', { env: 'qa', key: 'db_password', value: 'x' }, 'state is not a secret store; pass a reference');
      await expect2('state-set', { env: 'qa', key: 'DB-URL', value: 'x' }, 'must be lower-case letters');
      await expect2('state-set', { env: 'qa', key: 'dir', value: 'x' }, "SHIPLOG_STATE_DIR is shiplog's own --state-dir variable");
      await expect2('state-set', { env: 'nowhere', key: 'db_url', value: 'x' }, 'unknown environment "nowhere"');
      await expect2('state-set', { env: 'qa', key: 'db_url' }, 'give the value with exactly one of --value or --from-json');
      await expect2('state-set', { env: 'qa', key: 'db_url', value: 'x', 'from-json': 'v.json' }, 'exactly one of --value or --from-json');
      await expect2('state-set', { env: 'qa', key: 'db_url', 'from-json': 'nope.json' }, 'cannot read --from-json');
      f.write('bad.json', '{oops');
      await expect2('state-set', { env: 'qa', key: 'db_url', 'from-json': 'bad.json' }, 'is not JSON');
      const both = await expect2('state-set', { key: 'api_token' }, '--env is required');
      expect(both.problems).toHaveLength(3);
      await expect2('state-get', { env: 'qa', key: 'db_url' }, 'no state db_url in qa');
      await expect2('state-list', { env: 'nowhere' }, 'unknown environment "nowhere"');
      expect(await store.fingerprint()).toBe(before);
    });
  });
}
