/** Deployment polling: the adaptive interval, and no wait after the final poll (section 6, reference bug 8). */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_POLL, nextPollInterval } from '../src/backend/ortelius/deploy-flow.js';
import { type OrteliusEmulator, startOrteliusEmulator } from './ortelius-emulator/index.js';
import { appSpec, componentSpec, openAgainst } from './ortelius-emulator/test-helpers.js';

it('starts at 1 s and grows x1.3 per poll up to 10 s', () => {
  const waits = [DEFAULT_POLL.initialMs];
  while (waits.length < 12) waits.push(nextPollInterval(waits[waits.length - 1], DEFAULT_POLL));
  expect(waits).toEqual([1000, 1300, 1690, 2197, 2856, 3713, 4827, 6275, 8158, 10000, 10000, 10000]);
  // polls at 0, 1.0 and 2.3 s: a 2 s deployment is seen complete by 2.3 s (the reference: 20 s)
  expect(waits[0] + waits[1]).toBe(2300);
});

let emu: OrteliusEmulator;
beforeEach(async () => {
  emu = await startOrteliusEmulator({ deployDelayMs: 0 });
});
afterEach(async () => {
  await emu.close();
});

it('a deployment already complete at the first poll is read with two calls and no wait', async () => {
  const { backend } = await openAgainst(emu, { poll: { initialMs: 60_000, maxMs: 60_000 } });
  const c = (await backend.putComponentVersion(componentSpec())).value;
  const a = (await backend.putApplicationVersion(appSpec(c))).value;
  const { id } = await backend.startDeployment!(a, 'dev');
  emu.requests.length = 0;
  // with a 60 s first interval, any wait would run into the test timeout
  const d = await backend.followDeployment!(id, { timeoutMs: 120_000 });
  expect(d.status).toBe('success');
  expect(emu.calls()).toEqual([`GET /dmadminweb/API/log/${id}?checkcomplete=Y`, `GET /dmadminweb/API/log/${id}`]);
  await backend.close();
}, 30_000);
