/** The emulator itself: the envelopes of section 4 and state rules other tests rely on. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_PASSWORD, DEFAULT_USER, type OrteliusEmulator, startOrteliusEmulator } from './ortelius-emulator/index.js';

let emu: OrteliusEmulator;
let cookie = '';
beforeEach(async () => {
  emu = await startOrteliusEmulator({ deployDelayMs: 30 });
  const res = await fetch(`${emu.url}/dmadminweb/API/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `user=${DEFAULT_USER}&pass=${encodeURIComponent(DEFAULT_PASSWORD)}`,
  });
  const body = (await res.json()) as { success: boolean; token: string };
  expect(body.success).toBe(true);
  expect(res.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(['p1', 'p2', 'p3', 'token']);
  cookie = `token=${body.token}`;
});
afterEach(async () => {
  await emu.close();
});

const get = async (path: string, withCookie = true) => {
  const res = await fetch(`${emu.url}${path}`, { headers: withCookie ? { cookie } : {} });
  return { status: res.status, body: (await res.json()) as unknown };
};

it('answers errors with HTTP 200 and success:false, GetTasks with a bare array, RunTask with result', async () => {
  expect(await get('/dmadminweb/API/nothing/here')).toEqual({
    status: 200,
    body: { success: false, error: 'Unrecognised request path: /dmadminweb/API/nothing/here' },
  });
  expect(await get('/dmadminweb/API/component/?name=GLOBAL.x', false)).toEqual({
    status: 200,
    body: { success: false, error: 'Not logged in' },
  });
  expect(await get('/dmadminweb/API/assign/application/?name=a&env=b')).toMatchObject({
    body: { success: false, error: 'Path contains wrong number of elements (2)' },
  });
  const dev = emu.state.findDomain('dev')!;
  const tasks = (await get(`/dmadminweb/GetTasks?domainid=${dev.id}`)).body as { name: string }[];
  expect(tasks.map((t) => t.name)).toEqual(['Move to qa', 'Move to prod', 'Approve', 'Deploy']);
  expect((await get('/dmadminweb/RunTask?f=run&tid=0&id=1&pid=1')).body).toEqual({
    result: false,
    refreshapp: false,
    output: 'Task 0 not found',
  });
});

it('reading an old deployment log never changes which version ran last successfully', async () => {
  const base = emu.state.createApplication('GLOBAL.A', 'shop');
  const v1 = emu.state.createApplication('GLOBAL.A', 'shop;1', base);
  const v2 = emu.state.createApplication('GLOBAL.A', 'shop;2', v1);
  const d1 = (await get(`/dmadminweb/API/deploy?app=${v1.id}&env=dev&wait=N`)).body as { deploymentid: number };
  await new Promise((r) => setTimeout(r, 60));
  const d2 = (await get(`/dmadminweb/API/deploy?app=${v2.id}&env=dev&wait=N`)).body as { deploymentid: number };
  await new Promise((r) => setTimeout(r, 60));
  expect((await get(`/dmadminweb/API/log/${d2.deploymentid}`)).body).toMatchObject({ complete: true, exitcode: 0 });
  expect((await get(`/dmadminweb/API/log/${d1.deploymentid}`)).body).toMatchObject({ complete: true, exitcode: 0 });
  const last = (await get('/dmadminweb/API/application/?name=GLOBAL.A.shop&lastsuccess=Y&envid=dev')).body as { result: { name: string } };
  expect(last.result.name).toBe('shop;2');
});

it('records every request with its cookies, and expect() flags the unexpected ones with HTTP 418', async () => {
  emu.expect([{ method: 'GET', path: '/dmadminweb/API/domain/dev' }]);
  expect((await get('/dmadminweb/API/domain/dev')).status).toBe(200);
  expect((await get('/dmadminweb/API/domain/qa')).status).toBe(418);
  expect(() => emu.assertExpectationsMet()).toThrow(/unexpected request GET \/dmadminweb\/API\/domain\/qa/);
  expect(emu.requests[emu.requests.length - 1].cookies).toEqual({ token: cookie.slice('token='.length) });
});
