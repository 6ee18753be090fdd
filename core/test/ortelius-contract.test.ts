/**
 * Contract tests: the exact request sequence (method, path, query, body) each backend operation sends to the
 * server. Any unexpected or missing request fails (whole-list equality, or the emulator's expect() mode).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD, DEFAULT_USER, type OrteliusEmulator, startOrteliusEmulator } from './ortelius-emulator/index.js';
import { AT, CI, appSpec, componentSpec, openAgainst } from './ortelius-emulator/test-helpers.js';
import type { OrteliusBackend } from '../src/backend/ortelius/index.js';

let emu: OrteliusEmulator;
let backend: OrteliusBackend;

beforeEach(async () => {
  emu = await startOrteliusEmulator({ deployDelayMs: 60 });
  ({ backend } = await openAgainst(emu));
});
afterEach(async () => {
  await backend.close();
  await emu.close();
});

const LOGIN = 'POST /dmadminweb/API/login';

describe('session', () => {
  it('logs in with a form POST once, then sends only the token cookie and the real Host', async () => {
    await backend.putComponentVersion(componentSpec());
    const [login, ...rest] = emu.requests;
    expect(login).toMatchObject({ method: 'POST', path: '/dmadminweb/API/login', contentType: 'application/x-www-form-urlencoded' });
    expect(new URLSearchParams(login.body).get('user')).toBe(DEFAULT_USER);
    expect(new URLSearchParams(login.body).get('pass')).toBe(DEFAULT_PASSWORD);
    expect(login.cookies).toEqual({});
    expect(rest.length).toBeGreaterThan(3);
    const hostHeader = new URL(emu.url).host;
    for (const r of rest) {
      expect(Object.keys(r.cookies)).toEqual(['token']);
      expect(r.host).toBe(hostHeader);
      expect(r.path).not.toBe('/dmadminweb/API/login');
    }
    expect(
      emu.requests
        .filter((r) => r.method === 'POST' && r.path !== '/dmadminweb/API/login')
        .every((r) => r.contentType === 'application/json'),
    ).toBe(true);
  });
});

describe('putComponentVersion (section 5.2 steps 2-8)', () => {
  it('creates base, version, name, item and attributes of a new component in that order', async () => {
    const r = await backend.putComponentVersion(componentSpec({ files: { readme: '# Cart\n' } }));
    expect(r.created).toBe(true);
    const base = emu.state.findComponent('GLOBAL.Acme.Store.cart;main')!;
    const id = Number(r.value.id);
    expect(emu.calls()).toEqual([
      LOGIN,
      // one lookup of the base tells whether it and the version exist
      'GET /dmadminweb/API/component/?name=GLOBAL.Acme.Store.cart%3Bmain',
      'GET /dmadminweb/API/new/compver/?name=GLOBAL.Acme.Store.cart%3Bmain',
      `GET /dmadminweb/API/new/compver/${base.id}`,
      `GET /dmadminweb/UpdateSummaryData?objtype=23&id=${id}&change_1=cart%3Bmain%3Bv1_2_0_g61ba0ab`,
      `GET /dmadminweb/UpdateAttrs?f=inv&c=${id}&xpos=100&ypos=100&kind=docker&removeall=Y`,
      `POST /dmadminweb/API/setvar/component/${id}`,
      'POST /msapi/textfile',
    ]);
    expect(emu.calls()).toHaveLength(8);
    expect(JSON.parse(emu.requests[6].body)).toEqual({ GitCommit: '61ba0ab', DockerTag: 'main-v1.2.0' });
    expect(JSON.parse(emu.requests[7].body)).toEqual({
      compid: id,
      filetype: 'readme',
      file: [Buffer.from('# Cart\n').toString('base64')],
    });
    expect(emu.state.component(id)).toMatchObject({ name: 'cart;main;v1_2_0_g61ba0ab', kind: 'docker', parentId: base.id });
  });

  it('an identical re-run reads the version and its attributes and writes nothing (expect mode)', async () => {
    const first = await backend.putComponentVersion(componentSpec());
    const { backend: again } = await openAgainst(emu);
    emu.expect([
      { method: 'POST', path: '/dmadminweb/API/login' },
      { method: 'GET', path: '/dmadminweb/API/component/', query: { name: 'GLOBAL.Acme.Store.cart;main' } },
      { method: 'GET', path: `/dmadminweb/API/getvar/component/${first.value.id}`, query: {} },
    ]);
    const r = await again.putComponentVersion(componentSpec());
    emu.assertExpectationsMet();
    expect(r).toMatchObject({ created: false, value: { id: first.value.id } });
    expect(r.updated).toBeUndefined();
    await again.close();
  });

  it('a changed attribute is merged with one setvar carrying only the changed keys', async () => {
    const first = await backend.putComponentVersion(componentSpec());
    emu.requests.length = 0;
    const r = await backend.putComponentVersion(componentSpec({ attributes: { GitCommit: '61ba0ab', DockerTag: 'other' } }));
    expect(r.updated).toBe(true);
    // this run already read (wrote) the version: no second lookup
    expect(emu.calls()).toEqual([`POST /dmadminweb/API/setvar/component/${first.value.id}`]);
    expect(JSON.parse(emu.requests[0].body)).toEqual({ DockerTag: 'other' });
    const { backend: fresh } = await openAgainst(emu);
    emu.requests.length = 0;
    await fresh.putComponentVersion(componentSpec({ attributes: { GitCommit: '61ba0ab', DockerTag: 'third' } }));
    expect(emu.calls()).toEqual([
      LOGIN,
      'GET /dmadminweb/API/component/?name=GLOBAL.Acme.Store.cart%3Bmain',
      `GET /dmadminweb/API/getvar/component/${first.value.id}`,
      `POST /dmadminweb/API/setvar/component/${first.value.id}`,
    ]);
    expect(JSON.parse(emu.requests[3].body)).toEqual({ DockerTag: 'third' });
    await fresh.close();
    expect(emu.state.component(Number(first.value.id))!.attrs).toEqual({ GitCommit: '61ba0ab', DockerTag: 'third' });
  });

  it('a new version of an existing base is created off the latest version', async () => {
    const v1 = await backend.putComponentVersion(componentSpec());
    emu.requests.length = 0;
    const v2 = await backend.putComponentVersion(componentSpec({ version: 'v1_3_0', attributes: {} }));
    expect(emu.calls()).toEqual([
      'GET /dmadminweb/API/component/?name=GLOBAL.Acme.Store.cart%3Bmain',
      `GET /dmadminweb/API/new/compver/${v1.value.id}`,
      `GET /dmadminweb/UpdateSummaryData?objtype=23&id=${v2.value.id}&change_1=cart%3Bmain%3Bv1_3_0`,
      `GET /dmadminweb/UpdateAttrs?f=inv&c=${v2.value.id}&xpos=100&ypos=100&kind=docker&removeall=Y`,
      // no attribute given: the version still gets one (an attribute-less placeholder is an unfinished create)
      `POST /dmadminweb/API/setvar/component/${v2.value.id}`,
    ]);
    expect(JSON.parse(emu.requests[4].body)).toEqual({ ShiplogCreated: AT });
    expect(v2.value.predecessor).toBe(v1.value.name);
  });

  it('uploads SBOMs to deppkg (asking sbomtype once) or to package for "fullfile"', async () => {
    const sbom = JSON.stringify({ bomFormat: 'CycloneDX', components: [{ name: 'left-pad', version: '1.3.0' }] });
    const r = await backend.putComponentVersion(
      componentSpec({
        attributes: {},
        sboms: [
          { type: 'cyclonedx', content: sbom },
          { type: 'spdx', content: '{"packages":[]}' },
        ],
      }),
    );
    const id = r.value.id;
    expect(emu.calls().slice(-3)).toEqual([
      'GET /msapi/sbomtype',
      `POST /msapi/deppkg/cyclonedx?compid=${id}`,
      `POST /msapi/deppkg/spdx?compid=${id}`,
    ]);
    expect(emu.requests[emu.requests.length - 2].body).toBe(sbom);
    emu.state.sbomType = 'fullfile';
    const { backend: other } = await openAgainst(emu);
    emu.requests.length = 0;
    await other.putComponentVersion(componentSpec({ attributes: {}, sboms: [{ type: 'cyclonedx', content: sbom }] }));
    expect(emu.calls().slice(-2)).toEqual(['GET /msapi/sbomtype', 'POST /msapi/package']);
    expect(JSON.parse(emu.requests[emu.requests.length - 1].body)).toEqual({ _key: id, content: JSON.parse(sbom) });
    await other.close();
  });
});

describe('listComponentVersions (envscript: GIT_PREVIOUS_COMPONENT_COMMIT)', () => {
  it('lists the versions of a base oldest first, each with GitCommit from the server', async () => {
    const v1 = await backend.putComponentVersion(componentSpec({ version: 'v1', attributes: { GitCommit: 'aaa1111' } }));
    const v2 = await backend.putComponentVersion(componentSpec({ version: 'v2', attributes: { GitCommit: 'bbb2222' } }));
    const { backend: fresh } = await openAgainst(emu);
    emu.requests.length = 0;
    const list = await fresh.listComponentVersions('GLOBAL.Acme.Store.cart;main');
    expect(list.map((c) => [c.name, c.attributes.GitCommit, c.predecessor])).toEqual([
      ['GLOBAL.Acme.Store.cart;main;v1', 'aaa1111', undefined],
      ['GLOBAL.Acme.Store.cart;main;v2', 'bbb2222', 'GLOBAL.Acme.Store.cart;main;v1'],
    ]);
    expect(emu.calls().sort()).toEqual(
      [
        LOGIN,
        'GET /dmadminweb/API/component/?name=GLOBAL.Acme.Store.cart%3Bmain',
        `GET /dmadminweb/API/component/${v1.value.id}`,
        `GET /dmadminweb/API/getvar/component/${v1.value.id}`,
        `GET /dmadminweb/API/component/${v2.value.id}`,
        `GET /dmadminweb/API/getvar/component/${v2.value.id}`,
      ].sort(),
    );
    await fresh.close();
  });
});

describe('latestComponentVersion', () => {
  it('answers the newest version with two calls whatever the history, undefined for a base without versions', async () => {
    for (const v of ['v1', 'v2', 'v3'])
      await backend.putComponentVersion(componentSpec({ version: v, attributes: { GitCommit: `c-${v}` } }));
    const { backend: fresh } = await openAgainst(emu);
    emu.requests.length = 0;
    const latest = await fresh.latestComponentVersion!('GLOBAL.Acme.Store.cart;main');
    expect(latest).toMatchObject({ name: 'GLOBAL.Acme.Store.cart;main;v3', attributes: { GitCommit: 'c-v3' } });
    expect(emu.calls()).toEqual([
      LOGIN,
      'GET /dmadminweb/API/component/?name=GLOBAL.Acme.Store.cart%3Bmain&latest=Y',
      `GET /dmadminweb/API/getvar/component/${latest!.id}`,
    ]);
    emu.state.createComponent('GLOBAL.Acme.Store', 'empty;main');
    expect(await fresh.latestComponentVersion!('GLOBAL.Acme.Store.empty;main')).toBeUndefined();
    expect(await fresh.latestComponentVersion!('GLOBAL.Acme.Store.nope;main')).toBeUndefined();
    await fresh.close();
  });
});

describe('putApplicationVersion (sections 8.2, 8.3)', () => {
  it('creates the base application, the version and links the component from the start node', async () => {
    const c = (await backend.putComponentVersion(componentSpec())).value;
    emu.requests.length = 0;
    const r = await backend.putApplicationVersion(appSpec(c));
    const base = emu.state.findApplication('GLOBAL.Acme.Store.shop')!;
    const id = r.value.id;
    expect(emu.calls()).toEqual([
      'GET /dmadminweb/API/application/?name=GLOBAL.Acme.Store.shop&latest=Y',
      // the server answers `success` alone: the version is made off the new base by its name
      'GET /dmadminweb/API/new/application/?name=shop&domain=GLOBAL.Acme.Store',
      `GET /dmadminweb/API/newappver/GLOBAL.Acme.Store.shop/?name=shop%3B1_0_0&domain=GLOBAL.Acme.Store`,
      // f=acvm adds the component (f=acd, which the reference sends first, deletes one on the server)
      `GET /dmadminweb/UpdateAttrs?f=acvm&a=${id}&c=${c.id}&xpos=100&ypos=100`,
      `GET /dmadminweb/UpdateAttrs?f=cal&a=${id}&fn=0&tn=${c.id}`,
      `POST /dmadminweb/API/setvar/application/${id}`,
    ]);
    expect(Number(id)).toBeGreaterThan(base.id);
    expect(JSON.parse(emu.requests[5].body)).toEqual({ ShiplogStage: 'dev' });
    expect(r).toMatchObject({ created: true, value: { name: 'GLOBAL.Acme.Store.shop;1_0_0', components: [c.name], stage: 'dev' } });
  });

  it('re-run: the latest version already holds the component, so nothing is written', async () => {
    const c = (await backend.putComponentVersion(componentSpec())).value;
    const first = await backend.putApplicationVersion(appSpec(c));
    emu.requests.length = 0;
    const r = await backend.putApplicationVersion(appSpec(c));
    expect(emu.calls()).toEqual(['GET /dmadminweb/API/application/?name=GLOBAL.Acme.Store.shop&latest=Y']);
    expect(r).toMatchObject({ created: false, value: { id: first.value.id } });
  });

  it('a new component version makes the next version, swapped in by base with replace', async () => {
    const c1 = (await backend.putComponentVersion(componentSpec())).value;
    const pay = (await backend.putComponentVersion(componentSpec({ short: 'pay', attributes: {} }))).value;
    await backend.putApplicationVersion(appSpec(c1, { version: undefined }));
    const v2 = await backend.putApplicationVersion(appSpec(pay, { version: undefined }));
    const c2 = (await backend.putComponentVersion(componentSpec({ version: 'v2', attributes: {} }))).value;
    emu.requests.length = 0;
    const v3 = await backend.putApplicationVersion(appSpec(c2, { version: undefined }));
    expect(emu.calls()).toEqual([
      'GET /dmadminweb/API/application/?name=GLOBAL.Acme.Store.shop&latest=Y',
      // the latest has its stage: finished, so the next version is made
      `GET /dmadminweb/API/getvar/application/${v2.value.id}`,
      'GET /dmadminweb/API/application/?name=GLOBAL.Acme.Store.shop%3B3',
      `GET /dmadminweb/API/newappver/${v2.value.id}/?name=shop%3B3&domain=GLOBAL.Acme.Store`,
      `GET /dmadminweb/API/replace/${v3.value.id}/${c1.id}/${c2.id}`,
      `POST /dmadminweb/API/setvar/application/${v3.value.id}`,
    ]);
    expect(v3.value).toMatchObject({ version: '3', components: [c2.name, pay.name], predecessor: v2.value.name });
    // f=acvm put pay below cart; f=cal linked cart -> pay
    const a2 = emu.state.application(Number(v2.value.id))!;
    expect(a2.components).toEqual([
      { compId: Number(c1.id), xpos: 100, ypos: 100 },
      { compId: Number(pay.id), xpos: 100, ypos: 200 },
    ]);
    expect(a2.links).toEqual([
      { fn: 0, tn: Number(c1.id) },
      { fn: Number(c1.id), tn: Number(pay.id) },
    ]);
  });
});

describe('approve, move, deploy', () => {
  async function appVersion() {
    const c = (await backend.putComponentVersion(componentSpec())).value;
    return (await backend.putApplicationVersion(appSpec(c))).value;
  }

  it('approve sends the numeric id, approve=Y|N and the notes, then keeps the decision per stage', async () => {
    const a = await appVersion();
    emu.requests.length = 0;
    await backend.recordApproval({
      appVersion: a.name,
      stage: 'prod',
      approved: false,
      by: 'ada',
      at: AT,
      notes: 'not yet; see #12',
      provenance: CI,
    });
    expect(emu.calls()).toEqual([
      `GET /dmadminweb/API/approve/${a.id}?approve=N&notes=not%20yet%3B%20see%20%2312`,
      `POST /dmadminweb/API/setvar/application/${a.id}`,
    ]);
    expect(JSON.parse(JSON.parse(emu.requests[1].body).ShiplogApproval_prod)).toMatchObject({ approved: false, by: 'ada', at: AT });
  });

  it('move: domain -> GetTasks (bare array) -> RunTask with numeric ids, reading `result`', async () => {
    const a = await appVersion();
    const dev = emu.state.findDomain('dev')!;
    const task = emu.state.tasks.find((t) => t.domainId === dev.id && t.name === 'Move to qa')!;
    emu.requests.length = 0;
    const r = await backend.moveApplicationVersion({
      appVersion: a,
      from: { name: 'dev', domain: 'dev' },
      to: { name: 'qa', domain: 'qa' },
      task: 'Move to qa',
      requiresApproval: false,
      by: 'ada',
      at: AT,
      provenance: CI,
      notes: 'release 1.0; ok',
    });
    expect(r).toEqual({ from: 'dev', to: 'qa' });
    expect(emu.calls()).toEqual([
      `GET /dmadminweb/API/getvar/application/${a.id}`,
      'GET /dmadminweb/API/domain/dev',
      `GET /dmadminweb/GetTasks?domainid=${dev.id}`,
      `GET /dmadminweb/RunTask?f=run&tid=${task.id}&notes=release%201.0%3B%20ok&id=${a.id}&pid=${dev.id}`,
      `POST /dmadminweb/API/setvar/application/${a.id}`,
    ]);
    expect(emu.state.application(Number(a.id))!.currentDomainId).toBe(emu.state.findDomain('qa')!.id);
  });

  it('deploy: GET /API/deploy, then checkcomplete polls and the full log once complete', async () => {
    const a = await appVersion();
    emu.requests.length = 0;
    const { id } = await backend.startDeployment!(a, 'dev');
    const d = await backend.followDeployment!(id, { timeoutMs: 10_000 });
    const calls = emu.calls();
    expect(calls[0]).toBe(`GET /dmadminweb/API/deploy?app=${a.id}&env=dev&wait=N`);
    expect(calls[calls.length - 1]).toBe(`GET /dmadminweb/API/log/${id}`);
    const polls = calls.slice(1, -1);
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(new Set(polls)).toEqual(new Set([`GET /dmadminweb/API/log/${id}?checkcomplete=Y`]));
    expect(d).toMatchObject({
      id,
      appVersion: a.name,
      environment: 'dev',
      exitCode: 0,
      status: 'success',
      mode: 'server',
      componentVersions: a.components,
    });
    expect(d.log).toHaveLength(5);
  });

  it('record-only deploy: POST /API/deploy with compversion, rc and %0A-joined log, then the facts on the app version', async () => {
    const a = await appVersion();
    emu.requests.length = 0;
    const d = await backend.recordDeployment({
      appVersion: a,
      environment: 'qa',
      exitCode: 2,
      log: ['line one', 'line two'],
      startedAt: AT,
      finishedAt: AT,
      mode: 'record',
      provenance: CI,
    });
    expect(emu.calls()).toEqual(['POST /dmadminweb/API/deploy', `POST /dmadminweb/API/setvar/application/${a.id}`]);
    expect(JSON.parse(emu.requests[0].body)).toEqual({
      application: a.name,
      environment: 'qa',
      compversion: a.components,
      rc: 2,
      log: 'line one%0Aline two',
      skipdeploy: 'Y',
    });
    expect(d).toMatchObject({ id: 1, status: 'failed', exitCode: 2, environment: 'qa' });
    expect(emu.state.deployments[0]).toMatchObject({ lines: ['line one', 'line two'], exitcode: 2, recorded: true });
  });
});

describe('log answers naming the application version without its domain (older servers)', () => {
  it('follow and history still report full names', async () => {
    emu.state.shortLogNames = true;
    const c = (await backend.putComponentVersion(componentSpec())).value;
    const a = (await backend.putApplicationVersion(appSpec(c))).value;
    const { id } = await backend.startDeployment!(a, 'dev');
    expect((await backend.followDeployment!(id, { timeoutMs: 10_000 })).appVersion).toBe(a.name);
    const { backend: fresh } = await openAgainst(emu);
    const [d] = await fresh.history({ limit: 1 });
    expect(d).toMatchObject({ id, appVersion: a.name, application: a.application, componentVersions: a.components });
    await fresh.close();
  });
});
