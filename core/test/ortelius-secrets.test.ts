/**
 * The password (and the session token) never leave the process except in the login form body: not in logs
 * (debug included), errors, results, or any other request. Scanned raw, URL-encoded and base64.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openOrteliusBackend } from '../src/backend/ortelius/index.js';
import { createMemoryHost } from '../src/host.js';
import { type OrteliusEmulator, startOrteliusEmulator } from './ortelius-emulator/index.js';
import { AT, CI, appSpec, componentSpec } from './ortelius-emulator/test-helpers.js';

const PASSWORD = 'p@ss;w0rd/Ü with spaces+&=';

function forms(secret: string): string[] {
  const b64 = Buffer.from(secret).toString('base64');
  return [
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    b64,
    b64.replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url'),
  ];
}

function expectAbsent(text: string, secret: string): void {
  for (const f of forms(secret)) expect(text.includes(f), `found ${JSON.stringify(f)}`).toBe(false);
}

let emu: OrteliusEmulator;
beforeEach(async () => {
  emu = await startOrteliusEmulator({ users: { admin: PASSWORD }, deployDelayMs: 40 });
});
afterEach(async () => {
  await emu.close();
});

it('a full flow with --debug, faults and errors never shows the password or token outside the login body', async () => {
  const host = createMemoryHost({ debug: true });
  const backend = await openOrteliusBackend(host, {
    url: emu.url,
    user: 'admin',
    password: PASSWORD,
    retryBaseMs: 5,
    poll: { initialMs: 10 },
  });
  const collected: unknown[] = [];
  emu.faults.status('/dmadminweb/API/application/', 500, 1);
  const c = await backend.putComponentVersion(componentSpec({ attributes: { Note: 'plain' } }));
  const a = await backend.putApplicationVersion(appSpec(c.value));
  emu.faults.expireTokens();
  collected.push(c, a);
  // a secret that reaches a note or a log line is redacted before it is sent or stored
  collected.push(
    await backend.recordApproval({
      appVersion: a.value.name,
      stage: 'prod',
      approved: true,
      by: 'ada',
      at: AT,
      notes: `pw ${PASSWORD}`,
      provenance: CI,
    }),
  );
  const { id } = await backend.startDeployment!(a.value, 'dev');
  collected.push(await backend.followDeployment!(id, { timeoutMs: 5000, onLog: (l) => collected.push(l) }));
  collected.push(
    await backend.recordDeployment({
      appVersion: a.value,
      environment: 'qa',
      exitCode: 0,
      log: [`echo ${PASSWORD}`],
      startedAt: AT,
      finishedAt: AT,
      mode: 'record',
      provenance: CI,
    }),
  );
  collected.push(await backend.history({}), await backend.status(), await backend.listApprovals(a.value.name));
  emu.faults.fail('/dmadminweb/API/component/', 'Not logged in');
  collected.push(await backend.getComponentVersion(c.value.name).catch((e: Error) => `${e.name}: ${e.message} ${JSON.stringify(e)}`));
  const bad = await openOrteliusBackend(host, { url: emu.url, user: 'admin', password: `${PASSWORD}-wrong`, retryBaseMs: 5 });
  collected.push(await bad.getApplicationVersion(a.value.name).catch((e: Error) => `${e.name}: ${e.message}`));

  const tokens = [...new Set(emu.requests.map((r) => r.cookies.token).filter(Boolean))];
  expect(tokens.length).toBeGreaterThanOrEqual(2);
  const output = host.out() + host.err() + JSON.stringify(collected);
  expect(host.err()).toContain('debug: ortelius: GET');
  expect(output).toContain('***');
  for (const secret of [PASSWORD, ...tokens]) expectAbsent(output, secret);
  const logins = emu.requests.filter((r) => r.path === '/dmadminweb/API/login');
  const others = emu.requests.filter((r) => r.path !== '/dmadminweb/API/login');
  expect(logins.length).toBeGreaterThanOrEqual(3);
  expectAbsent(JSON.stringify(others.map(({ cookies: _c, ...r }) => r)), PASSWORD);
  // nothing stored on the server holds it either
  expectAbsent(JSON.stringify({ a: emu.state.applications, d: emu.state.deployments, c: emu.state.components }), PASSWORD);
  await backend.close();
  await bad.close();
});

it('the location shows the URL without credentials embedded in it', async () => {
  const host = createMemoryHost();
  const url = new URL(emu.url);
  url.username = 'admin';
  url.password = 'url-secret';
  const backend = await openOrteliusBackend(host, { url: url.toString(), user: 'admin', password: PASSWORD });
  expect(backend.location).toBe(emu.url);
  expect(host.redactor.redact('x url-secret y')).toBe('x *** y');
});
