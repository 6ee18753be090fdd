/**
 * The Backend conformance suite: pins the semantics documented in core/src/backend/backend.ts for ANY
 * backend. Each test gets a fresh backend from the factory. Checks a backend may be unable to answer are
 * behind options (default: on), so an Ortelius emulator run can opt out explicitly and visibly.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../src/backend/backend.js';
import { ApprovalRejectedError, ApprovalRequiredError, InvalidInputError, ShiplogError } from '../src/errors.js';
import type { ApplicationVersion, CiContext, ComponentVersion } from '../src/model.js';

export interface ConformanceOptions {
  /** listApprovals returns every recorded approval (ortelius may not be able to list them). */
  approvalsListable?: boolean;
  /** ApplicationVersion.stage is reported and updated by moves. */
  stagesTracked?: boolean;
  /** A move of a version not in spec.from is refused with InvalidInputError. */
  checksFromStage?: boolean;
  /** Deployment ids are 1, 2, 3... on a fresh backend (else: only strictly increasing). */
  denseDeploymentIds?: boolean;
  /** Component version lineage (ComponentVersion.predecessor) is reported. */
  componentLineage?: boolean;
}

export interface ConformanceSubject {
  backend: Backend;
  cleanup(): Promise<void>;
}

const PROV: CiContext = { provider: 'github', isCi: true, buildId: '42', commit: 'abc1234', branch: 'main', actor: 'ada' };
const AT = '2026-01-02T03:04:05.000Z';
const APP = 'GLOBAL.Acme.Store.shop';
const DOMAIN = 'GLOBAL.Acme.Store';

export function describeBackendConformance(
  name: string,
  factory: () => Promise<ConformanceSubject>,
  options: ConformanceOptions = {},
): void {
  const opt = {
    approvalsListable: true,
    stagesTracked: true,
    checksFromStage: true,
    denseDeploymentIds: true,
    componentLineage: true,
    ...options,
  };

  describe(`Backend conformance: ${name}`, () => {
    let subject: ConformanceSubject;
    let b: Backend;
    beforeEach(async () => {
      subject = await factory();
      b = subject.backend;
    });
    afterEach(async () => {
      await b.close();
      await subject.cleanup();
    });

    const cv = async (short: string, version: string, attributes: Record<string, string> = {}, variant?: string) =>
      b.putComponentVersion({ domain: DOMAIN, short, variant, version, kind: 'docker', attributes, provenance: PROV, at: AT });
    const av = async (component: ComponentVersion, more: { version?: string; autoIncrement?: boolean; application?: string } = {}) =>
      b.putApplicationVersion({
        application: more.application ?? APP,
        version: more.version,
        autoIncrement: more.autoIncrement ?? false,
        component,
        initialStage: 'dev',
        provenance: PROV,
        at: AT,
      });
    const deploy = async (appVersion: ApplicationVersion, environment: string, exitCode: number) =>
      b.recordDeployment({
        appVersion,
        environment,
        exitCode,
        log: [`deploying ${appVersion.name}`],
        startedAt: AT,
        finishedAt: AT,
        mode: 'record',
        provenance: PROV,
      });
    const move = (appVersion: ApplicationVersion, from: string, to: string, requiresApproval: boolean) =>
      b.moveApplicationVersion({
        appVersion,
        from: { name: from, domain: `${DOMAIN}.${from}` },
        to: { name: to, domain: `${DOMAIN}.${to}` },
        task: `Move to ${to}`,
        requiresApproval,
        by: 'ada',
        at: AT,
        provenance: PROV,
      });
    const approve = (appVersion: string, stage: string, approved: boolean, at = AT) =>
      b.recordApproval({ appVersion, stage, approved, by: 'grace', at, notes: approved ? 'lgtm' : 'no', provenance: PROV });

    describe('component versions', () => {
      it('creates the named version under its base, then reuses it on an identical re-run', async () => {
        const first = await cv('hello-svc', 'v1_2_1_g61ba0ab', { GitCommit: 'abc' }, 'main');
        expect(first.created).toBe(true);
        expect(first.value).toMatchObject({
          name: `${DOMAIN}.hello-svc;main;v1_2_1_g61ba0ab`,
          base: `${DOMAIN}.hello-svc;main`,
          domain: DOMAIN,
          short: 'hello-svc',
          variant: 'main',
          version: 'v1_2_1_g61ba0ab',
          kind: 'docker',
          attributes: { GitCommit: 'abc' },
        });
        expect(first.value.id).toBeTruthy();
        const again = await cv('hello-svc', 'v1_2_1_g61ba0ab', { GitCommit: 'abc' }, 'main');
        expect(again.created).toBe(false);
        expect(again.updated).toBeFalsy();
        expect(again.value.id).toBe(first.value.id);
        expect(await b.getComponentVersion(first.value.name)).toMatchObject({ id: first.value.id, name: first.value.name });
      });

      it('names a version without a variant domain.short;version', async () => {
        const r = await cv('cart', '7');
        expect(r.value.name).toBe(`${DOMAIN}.cart;7`);
        expect(r.value.base).toBe(`${DOMAIN}.cart`);
        expect(r.value.variant).toBeUndefined();
      });

      it('merges attributes into an existing version and never deletes keys', async () => {
        await cv('cart', '1', { A: '1', B: '2' });
        const r = await cv('cart', '1', { B: '3', C: '4' });
        expect(r.created).toBe(false);
        expect(r.updated).toBe(true);
        expect(r.value.attributes).toEqual({ A: '1', B: '3', C: '4' });
        expect((await b.getComponentVersion(`${DOMAIN}.cart;1`))?.attributes).toEqual({ A: '1', B: '3', C: '4' });
      });

      it('lists the versions of a base oldest first, and nothing for an unknown base', async () => {
        for (const v of ['3', '1', '2']) await cv('cart', v);
        await cv('other', '1');
        const list = await b.listComponentVersions(`${DOMAIN}.cart`);
        expect(list.map((c) => c.version)).toEqual(['3', '1', '2']);
        expect(await b.listComponentVersions(`${DOMAIN}.nope`)).toEqual([]);
        expect(await b.getComponentVersion(`${DOMAIN}.nope;1`)).toBeUndefined();
      });

      it.runIf(opt.componentLineage)('records the previous version of the base as predecessor', async () => {
        const one = await cv('cart', '1');
        const two = await cv('cart', '2');
        expect(one.value.predecessor).toBeUndefined();
        expect(two.value.predecessor).toBe(one.value.name);
      });
    });

    describe('application versions (rules 1-4)', () => {
      it('creates version 1 for a new application and reuses it when the latest holds the component (rule 1)', async () => {
        const c = (await cv('cart', '1')).value;
        const first = await av(c);
        expect(first.created).toBe(true);
        expect(first.value).toMatchObject({ name: `${APP};1`, application: APP, version: '1', components: [c.name] });
        expect(first.value.predecessor).toBeUndefined();
        if (opt.stagesTracked) expect(first.value.stage).toBe('dev');
        const again = await av(c);
        expect(again.created).toBe(false);
        expect(again.value.name).toBe(`${APP};1`);
        // rule 1 wins even over a requested version
        const asked = await av(c, { version: '9' });
        expect(asked.created).toBe(false);
        expect(asked.value.name).toBe(`${APP};1`);
        expect((await b.getApplicationVersion(`${APP};1`))?.components).toEqual([c.name]);
      });

      it('creates the next version as a copy of the latest with the component swapped in by base (rules 2, 4)', async () => {
        const cart1 = (await cv('cart', '1')).value;
        const pay1 = (await cv('pay', '1')).value;
        await av(cart1);
        const v2 = await av(pay1);
        expect(v2.value).toMatchObject({ version: '2', components: [cart1.name, pay1.name], predecessor: `${APP};1` });
        const cart2 = (await cv('cart', '2')).value;
        const v3 = await av(cart2);
        expect(v3.created).toBe(true);
        expect(v3.value).toMatchObject({ version: '3', components: [cart2.name, pay1.name], predecessor: `${APP};2` });
        // the older versions keep their components: that chain is the dependency map
        expect((await b.getApplicationVersion(`${APP};2`))?.components).toEqual([cart1.name, pay1.name]);
        expect((await b.listApplicationVersions(APP)).map((a) => a.version)).toEqual(['1', '2', '3']);
        expect(await b.listApplicationVersions(`${DOMAIN}.nope`)).toEqual([]);
        expect(await b.getApplicationVersion(`${APP};99`)).toBeUndefined();
      });

      it('creates exactly a requested version that does not exist', async () => {
        const c1 = (await cv('cart', '1')).value;
        const c2 = (await cv('cart', '2')).value;
        await av(c1, { version: '1_0_0' });
        const r = await av(c2, { version: '2_0_0' });
        expect(r.created).toBe(true);
        expect(r.value).toMatchObject({ name: `${APP};2_0_0`, predecessor: `${APP};1_0_0`, components: [c2.name] });
      });

      it('reuses an existing requested version and swaps the component in without autoIncrement (rule 3)', async () => {
        const c1 = (await cv('cart', '1')).value;
        const c2 = (await cv('cart', '2')).value;
        await av(c1, { version: '1_0_0' });
        const r = await av(c2, { version: '1_0_0' });
        expect(r.created).toBe(false);
        expect(r.updated).toBe(true);
        expect(r.value.components).toEqual([c2.name]);
        expect((await b.getApplicationVersion(`${APP};1_0_0`))?.components).toEqual([c2.name]);
        expect((await b.listApplicationVersions(APP)).length).toBe(1);
      });

      it('bumps a requested version that exists until free with autoIncrement (rule 3)', async () => {
        const c1 = (await cv('cart', '1')).value;
        const c2 = (await cv('cart', '2')).value;
        const c3 = (await cv('cart', '3')).value;
        await av(c1, { version: '1_0_0' });
        await av(c2, { version: '1_0_1' });
        const r = await av(c3, { version: '1_0_0', autoIncrement: true });
        expect(r.created).toBe(true);
        expect(r.value).toMatchObject({ version: '1_0_2', components: [c3.name], predecessor: `${APP};1_0_1` });
      });
    });

    describe('approvals and moves', () => {
      async function appVersion(): Promise<ApplicationVersion> {
        return (await av((await cv('cart', '1')).value)).value;
      }

      it('moves an ungated version and reports from/to', async () => {
        const a = await appVersion();
        expect(await move(a, 'dev', 'qa', false)).toEqual({ from: 'dev', to: 'qa' });
        if (opt.stagesTracked) expect((await b.getApplicationVersion(a.name))?.stage).toBe('qa');
      });

      it('refuses a gated move without an approval, and after a rejection; allows it once approved', async () => {
        const a = await appVersion();
        await move(a, 'dev', 'qa', false);
        await expect(move(a, 'qa', 'prod', true)).rejects.toBeInstanceOf(ApprovalRequiredError);
        await approve(a.name, 'qa', true); // an approval for another stage does not count
        await expect(move(a, 'qa', 'prod', true)).rejects.toBeInstanceOf(ApprovalRequiredError);
        await approve(a.name, 'prod', false, '2026-01-02T03:05:00.000Z');
        const err = await move(a, 'qa', 'prod', true).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ApprovalRejectedError);
        expect((err as ShiplogError).exitCode).toBe(1);
        if (opt.stagesTracked) expect((await b.getApplicationVersion(a.name))?.stage).toBe('qa');
        await approve(a.name, 'prod', true, '2026-01-02T03:06:00.000Z');
        expect(await move(a, 'qa', 'prod', true)).toEqual({ from: 'qa', to: 'prod' });
        if (opt.stagesTracked) expect((await b.getApplicationVersion(a.name))?.stage).toBe('prod');
      });

      it('the latest decision wins: approved then rejected refuses the move', async () => {
        const a = await appVersion();
        await approve(a.name, 'prod', true, '2026-01-02T03:05:00.000Z');
        await approve(a.name, 'prod', false, '2026-01-02T03:06:00.000Z');
        await expect(move(a, 'dev', 'prod', true)).rejects.toBeInstanceOf(ApprovalRejectedError);
      });

      it.runIf(opt.approvalsListable)('lists approvals oldest first', async () => {
        const a = await appVersion();
        await approve(a.name, 'qa', true, '2026-01-02T03:05:00.000Z');
        await approve(a.name, 'prod', false, '2026-01-02T03:06:00.000Z');
        const list = await b.listApprovals(a.name);
        expect(list.map((x) => [x.stage, x.approved, x.by])).toEqual([
          ['qa', true, 'grace'],
          ['prod', false, 'grace'],
        ]);
      });

      it.runIf(opt.checksFromStage)('refuses a move of a version that is not in the from stage', async () => {
        const a = await appVersion();
        await expect(move(a, 'qa', 'prod', false)).rejects.toBeInstanceOf(InvalidInputError);
        if (opt.stagesTracked) expect((await b.getApplicationVersion(a.name))?.stage).toBe('dev');
      });
    });

    describe('deployments, status and history', () => {
      it('a successful deployment becomes the environment state; a failed one does not', async () => {
        const c1 = (await cv('cart', '1')).value;
        const a1 = (await av(c1)).value;
        const c2 = (await cv('cart', '2')).value;
        const a2 = (await av(c2)).value;
        expect(await b.status()).toEqual([]);
        const d1 = await deploy(a1, 'dev', 0);
        expect(d1).toMatchObject({ appVersion: a1.name, application: APP, environment: 'dev', exitCode: 0, status: 'success' });
        expect(d1.componentVersions).toEqual([c1.name]);
        const d2 = await deploy(a2, 'dev', 3);
        expect(d2).toMatchObject({ exitCode: 3, status: 'failed' });
        expect(d2.id).toBeGreaterThan(d1.id);
        if (opt.denseDeploymentIds) expect([d1.id, d2.id]).toEqual([1, 2]);
        const status = await b.status();
        expect(status).toHaveLength(1);
        expect(status[0]).toMatchObject({ name: 'dev', application: APP, appVersion: a1.name, components: [c1.name], deploymentId: d1.id });
        const d3 = await deploy(a2, 'dev', 0);
        expect((await b.status({ environment: 'dev' }))[0]).toMatchObject({ appVersion: a2.name, deploymentId: d3.id });
      });

      it('keeps one status entry per environment and application, filterable', async () => {
        const a = (await av((await cv('cart', '1')).value)).value;
        const other = (await av((await cv('pay', '1')).value, { application: `${DOMAIN}.billing` })).value;
        await deploy(a, 'dev', 0);
        await deploy(a, 'qa', 0);
        await deploy(other, 'dev', 0);
        expect((await b.status()).map((s) => [s.name, s.application])).toEqual([
          ['dev', `${DOMAIN}.billing`],
          ['dev', APP],
          ['qa', APP],
        ]);
        expect((await b.status({ environment: 'qa' })).map((s) => s.application)).toEqual([APP]);
        expect((await b.status({ application: `${DOMAIN}.billing` })).map((s) => s.name)).toEqual(['dev']);
        expect(await b.status({ environment: 'nowhere' })).toEqual([]);
      });

      it('answers history newest first, filtered by application, environment and component, up to limit', async () => {
        const cart1 = (await cv('cart', '1')).value;
        const a1 = (await av(cart1)).value;
        const pay1 = (await cv('pay', '1')).value;
        const a2 = (await av(pay1)).value;
        const billing = (await av(pay1, { application: `${DOMAIN}.billing` })).value;
        const ids = [
          (await deploy(a1, 'dev', 0)).id,
          (await deploy(a2, 'dev', 1)).id,
          (await deploy(a2, 'qa', 0)).id,
          (await deploy(billing, 'dev', 0)).id,
        ];
        expect((await b.history({})).map((d) => d.id)).toEqual([...ids].reverse());
        expect((await b.history({ limit: 2 })).map((d) => d.id)).toEqual([ids[3], ids[2]]);
        expect((await b.history({ application: APP })).map((d) => d.id)).toEqual([ids[2], ids[1], ids[0]]);
        expect((await b.history({ environment: 'qa' })).map((d) => d.id)).toEqual([ids[2]]);
        expect((await b.history({ component: `${DOMAIN}.pay` })).map((d) => d.id)).toEqual([ids[3], ids[2], ids[1]]);
        expect((await b.history({ component: cart1.name })).map((d) => d.id)).toEqual([ids[2], ids[1], ids[0]]);
        expect((await b.history({ application: APP, environment: 'dev', limit: 1 })).map((d) => d.status)).toEqual(['failed']);
        const [latest] = await b.history({ limit: 1 });
        expect(latest).toMatchObject({ appVersion: billing.name, environment: 'dev', log: [`deploying ${billing.name}`], mode: 'record' });
        expect(latest.provenance).toMatchObject({ buildId: '42', commit: 'abc1234' });
      });

      it('history by component: a base names every variant and version, base;variant its versions, a full name itself', async () => {
        const main1 = (await cv('cart', 'v1', {}, 'main')).value;
        const main2 = (await cv('cart', 'v2', {}, 'main')).value;
        const feat1 = (await cv('cart', 'v1', {}, 'feat')).value;
        const plain = (await cv('cartx', 'v1')).value;
        const ids: number[] = [];
        // one application each, so every deployment holds exactly one component version
        for (const [i, c] of [main1, main2, feat1, plain].entries()) {
          ids.push((await deploy((await av(c, { application: `${DOMAIN}.app${i}` })).value, 'dev', 0)).id);
        }
        const table: [string, number[]][] = [
          [`${DOMAIN}.cart`, [ids[2], ids[1], ids[0]]],
          [`${DOMAIN}.cart;main`, [ids[1], ids[0]]],
          [`${DOMAIN}.cart;feat`, [ids[2]]],
          [main1.name, [ids[0]]],
          [`${DOMAIN}.cart;main;v3`, []],
          [`${DOMAIN}.cartx`, [ids[3]]],
          [`${DOMAIN}.car`, []],
        ];
        for (const [component, want] of table)
          expect(
            (await b.history({ component })).map((d) => d.id),
            component,
          ).toEqual(want);
      });
    });
  });
}
