/** Fault handling: retry bounds, re-login on expiry, envelope checks and the mapping onto the error catalogue. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthError,
  BackendError,
  ConfigError,
  InvalidInputError,
  NotFoundError,
  OperationFailedError,
  ShiplogError,
  TimeoutError,
} from '../src/errors.js';
import { openOrteliusBackend } from '../src/backend/ortelius/index.js';
import { createMemoryHost } from '../src/host.js';
import { type OrteliusEmulator, startOrteliusEmulator } from './ortelius-emulator/index.js';
import { CI, AT, appSpec, componentSpec, openAgainst } from './ortelius-emulator/test-helpers.js';

let emu: OrteliusEmulator;

beforeEach(async () => {
  emu = await startOrteliusEmulator({ deployDelayMs: 50 });
});
afterEach(async () => {
  await emu.close();
});

const count = (pred: (line: string) => boolean) => emu.calls().filter(pred).length;
const isLogin = (l: string) => l === 'POST /dmadminweb/API/login';

async function caught(p: Promise<unknown>): Promise<ShiplogError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ShiplogError);
  return err as ShiplogError;
}

describe('retries', () => {
  it('retries an idempotent lookup after 500s and succeeds', async () => {
    emu.faults.status('GET /dmadminweb/API/component/', 500, 2);
    const { backend } = await openAgainst(emu);
    const r = await backend.putComponentVersion(componentSpec());
    expect(r.created).toBe(true);
    expect(count((l) => l === 'GET /dmadminweb/API/component/?name=GLOBAL.Acme.Store.cart%3Bmain')).toBe(3);
  });

  it('gives up after the configured retries with BackendError (exit 4)', async () => {
    emu.faults.status('GET /dmadminweb/API/component/', 503);
    const { backend } = await openAgainst(emu, { retries: 2 });
    const err = await caught(backend.getComponentVersion('GLOBAL.Acme.Store.cart;main;v1'));
    expect(err).toBeInstanceOf(BackendError);
    expect(err.exitCode).toBe(4);
    expect(err.message).toContain('HTTP 503');
    expect(count((l) => l.startsWith('GET /dmadminweb/API/component/'))).toBe(3);
  });

  it('never repeats a call that creates something', async () => {
    emu.faults.status('GET /dmadminweb/API/new/compver/', 500);
    const { backend } = await openAgainst(emu);
    const err = await caught(backend.putComponentVersion(componentSpec()));
    expect(err).toBeInstanceOf(BackendError);
    expect(count((l) => l.startsWith('GET /dmadminweb/API/new/compver/'))).toBe(1);
  });

  it('retries 429 and dropped connections on lookups', async () => {
    emu.faults.status('/dmadminweb/API/application/', 429, 1).drop('/dmadminweb/API/application/', 1);
    const { backend } = await openAgainst(emu);
    expect(await backend.getApplicationVersion('GLOBAL.Acme.Store.shop;1')).toBeUndefined();
    expect(count((l) => l.startsWith('GET /dmadminweb/API/application/'))).toBe(3);
  });

  it('a slow answer hits the per-request timeout and is retried', async () => {
    emu.faults.slow('/dmadminweb/API/application/', 400, 1);
    const { backend } = await openAgainst(emu, { timeoutMs: 100 });
    expect(await backend.getApplicationVersion('GLOBAL.Acme.Store.shop;1')).toBeUndefined();
    expect(count((l) => l.startsWith('GET /dmadminweb/API/application/'))).toBe(2);
  });

  it('a server that is down ends with BackendError (exit 4) after bounded attempts', async () => {
    const url = emu.url;
    await emu.close();
    const host = createMemoryHost();
    const backend = await openOrteliusBackend(host, { url, user: 'admin', password: 'x-secret', retries: 2, retryBaseMs: 5 });
    const err = await caught(backend.getComponentVersion('GLOBAL.Acme.Store.cart;main;v1'));
    expect(err).toBeInstanceOf(BackendError);
    expect(err.exitCode).toBe(4);
    expect(err.message).toMatch(/cannot reach Ortelius at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED .*\(after 3 attempts\)/);
    expect(backend.requestCount()).toBe(3);
    emu = await startOrteliusEmulator();
  });
});

describe('authentication', () => {
  it('logs in again once when the token has expired, then carries on', async () => {
    const { backend } = await openAgainst(emu);
    const c = (await backend.putComponentVersion(componentSpec())).value;
    emu.faults.expireTokens();
    const a = await backend.putApplicationVersion(appSpec(c));
    expect(a.created).toBe(true);
    expect(count(isLogin)).toBe(2);
    expect(emu.requests[emu.requests.length - 1].cookies.token).not.toBe(emu.requests[1].cookies.token);
  });

  it('a token refused right after a fresh login is AuthError (exit 3), with one re-login only', async () => {
    emu.faults.fail('/dmadminweb/API/component/', 'Not logged in');
    const { backend } = await openAgainst(emu);
    const err = await caught(backend.getComponentVersion('GLOBAL.Acme.Store.cart;main;v1'));
    expect(err).toBeInstanceOf(AuthError);
    expect(err.exitCode).toBe(3);
    expect(count(isLogin)).toBe(2);
  });

  it('msapi 401 also triggers the re-login', async () => {
    const { backend } = await openAgainst(emu);
    await backend.putComponentVersion(componentSpec());
    emu.faults.status('POST /msapi/textfile', 401, 1);
    await backend.putComponentVersion(componentSpec({ attributes: {}, files: { license: 'MIT' } }));
    expect(emu.calls().slice(-3)).toEqual(['POST /msapi/textfile', 'POST /dmadminweb/API/login', 'POST /msapi/textfile']);
    expect(count(isLogin)).toBe(2);
  });

  it('a refused login is AuthError (exit 3) naming the user, with a DHUSER/DHPASS hint', async () => {
    const host = createMemoryHost();
    const backend = await openOrteliusBackend(host, { url: emu.url, user: 'admin', password: 'wrong-password' });
    const err = await caught(backend.getApplicationVersion('GLOBAL.Acme.Store.shop;1'));
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toBe('Ortelius login as "admin" failed: Login failed');
    expect(err.hint).toMatch(/DHUSER\/DHPASS/);
    expect(count(isLogin)).toBe(1);
  });

  it('missing credentials are AuthError before any request', async () => {
    const err = await caught(openOrteliusBackend(createMemoryHost(), { url: emu.url, user: 'admin' }));
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toContain('DHPASS');
    expect(err.hint).toContain('DHUSER');
    expect(emu.requests).toEqual([]);
  });

  it('a bad URL is InvalidInputError; an unreadable CA file is ConfigError (both exit 2)', async () => {
    expect(await caught(openOrteliusBackend(createMemoryHost(), { url: 'ftp://x', user: 'a', password: 'bbb' }))).toBeInstanceOf(
      InvalidInputError,
    );
    expect(
      await caught(openOrteliusBackend(createMemoryHost(), { url: emu.url, user: 'a', password: 'bbb', caCert: '/nonexistent/ca.pem' })),
    ).toBeInstanceOf(ConfigError);
  });

  it('--insecure warns', async () => {
    const host = createMemoryHost();
    await openOrteliusBackend(host, { url: emu.url, user: 'a', password: 'bbb', insecure: true });
    expect(host.err()).toContain('warning: TLS certificate verification is off');
  });
});

describe('envelopes and business errors', () => {
  it('maps success:false onto the catalogue: permission -> AuthError, not found -> NotFoundError, a server error -> BackendError (exit 4)', async () => {
    const { backend } = await openAgainst(emu);
    const c = (await backend.putComponentVersion(componentSpec())).value;
    emu.faults.fail('/dmadminweb/API/new/application/', 'No Create Application Permission', 1);
    expect(await caught(backend.putApplicationVersion(appSpec(c)))).toBeInstanceOf(AuthError);
    emu.faults.fail('/dmadminweb/API/newappver/', 'Application Version could not be created', 1);
    const err = await caught(backend.putApplicationVersion(appSpec(c)));
    expect(err).toBeInstanceOf(BackendError);
    expect(err.exitCode).toBe(4);
    expect(err.message).toBe('Ortelius: Application Version could not be created (GET /dmadminweb/API/newappver/GLOBAL.Acme.Store.shop/)');
    expect(
      await caught(
        backend.recordApproval({ appVersion: 'GLOBAL.Acme.Store.nope;1', stage: 'prod', approved: true, by: 'a', at: AT, provenance: CI }),
      ),
    ).toBeInstanceOf(NotFoundError);
  });

  it('an answer that is not JSON, or lacks `success`, is BackendError (exit 4)', async () => {
    emu.faults.status('/dmadminweb/API/application/', 200, 1);
    const { backend } = await openAgainst(emu);
    const err = await caught(backend.getApplicationVersion('GLOBAL.Acme.Store.shop;1'));
    expect(err).toBeInstanceOf(BackendError);
    expect(err.message).toContain('not a JSON object');
  });

  it('RunTask result:false is an operation failure carrying the server output', async () => {
    const { backend } = await openAgainst(emu);
    const c = (await backend.putComponentVersion(componentSpec())).value;
    const a = (await backend.putApplicationVersion(appSpec(c))).value;
    emu.faults.fail('/dmadminweb/RunTask', 'Task engine is offline');
    const move = {
      appVersion: a,
      from: { name: 'dev', domain: 'dev' },
      to: { name: 'qa', domain: 'qa' },
      task: 'Move to qa',
      requiresApproval: false,
      by: 'a',
      at: AT,
      provenance: CI,
    };
    const err = await caught(backend.moveApplicationVersion(move));
    expect(err).toBeInstanceOf(OperationFailedError);
    expect(err.message).toContain('Task engine is offline');
    const missing = await caught(backend.moveApplicationVersion({ ...move, task: 'Move to nowhere' }));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.message).toContain('"Move to qa"');
  });

  it('POST /API/deploy errormsg is an error; a deploy that cannot start is an operation failure', async () => {
    const { backend } = await openAgainst(emu);
    const c = (await backend.putComponentVersion(componentSpec())).value;
    const a = (await backend.putApplicationVersion(appSpec(c))).value;
    const ghost = { ...a, name: 'GLOBAL.Acme.Store.ghost;1', id: '99999' };
    const spec = {
      appVersion: ghost,
      environment: 'dev',
      exitCode: 0,
      log: [],
      startedAt: AT,
      finishedAt: AT,
      mode: 'record' as const,
      provenance: CI,
    };
    expect(await caught(backend.recordDeployment(spec))).toBeInstanceOf(NotFoundError);
    emu.faults.fail('GET /dmadminweb/API/deploy', 'Could not find appropriate deploy task');
    const err = await caught(backend.startDeployment!(a, 'dev'));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.exitCode).toBeGreaterThan(0);
  });
});

describe('following deployments', () => {
  it('a deployment that never completes ends with TimeoutError (exit 5) at timeoutMs', async () => {
    emu.faults.deployNeverCompletes = true;
    const { backend } = await openAgainst(emu);
    const c = (await backend.putComponentVersion(componentSpec())).value;
    const a = (await backend.putApplicationVersion(appSpec(c))).value;
    const { id } = await backend.startDeployment!(a, 'dev');
    const err = await caught(backend.followDeployment!(id, { timeoutMs: 150 }));
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.exitCode).toBe(5);
  });

  it('streams new log lines once each and reports a failed deployment with its exit code', async () => {
    const emuSlow = await startOrteliusEmulator({ deployDelayMs: 200 });
    const { backend } = await openAgainst(emuSlow);
    const c = (await backend.putComponentVersion(componentSpec())).value;
    const a = (await backend.putApplicationVersion(appSpec(c))).value;
    const { id } = await backend.startDeployment!(a, 'fail-env');
    const seen: string[] = [];
    const d = await backend.followDeployment!(id, { timeoutMs: 10_000, onLog: (l) => seen.push(...l) });
    expect(seen).toEqual(d.log);
    expect(seen).toHaveLength(5);
    expect(d).toMatchObject({ status: 'failed', exitCode: 1 });
    await emuSlow.close();
  });
});

describe('TLS', () => {
  it('verifies the certificate by default; --ca-cert adds a CA; --insecure skips the check with a warning', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtemp, readFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'shiplog-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
          '-days',
          '2',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
      const tlsEmu = await startOrteliusEmulator({
        tls: { key: await readFile(join(dir, 'key.pem'), 'utf8'), cert: await readFile(join(dir, 'cert.pem'), 'utf8') },
      });
      try {
        expect(tlsEmu.url).toMatch(/^https:/);
        const strict = await openOrteliusBackend(createMemoryHost(), {
          url: tlsEmu.url,
          user: 'admin',
          password: 's3cr3t-Pa55',
          retryBaseMs: 5,
        });
        const err = await caught(strict.getApplicationVersion('GLOBAL.Acme.Store.shop;1'));
        expect(err).toBeInstanceOf(BackendError);
        expect(err.message).toMatch(/cannot verify the TLS certificate/);
        expect(err.hint).toContain('--ca-cert');
        expect(strict.requestCount()).toBe(1);
        const withCa = await openOrteliusBackend(createMemoryHost(), {
          url: tlsEmu.url,
          user: 'admin',
          password: 's3cr3t-Pa55',
          caCert: 'cert.pem',
        }).catch((e: unknown) => e);
        expect(withCa).toBeInstanceOf(ConfigError); // relative to host.cwd ('/'): not found
        const host = createMemoryHost({ cwd: dir });
        const trusted = await openOrteliusBackend(host, { url: tlsEmu.url, user: 'admin', password: 's3cr3t-Pa55', caCert: 'cert.pem' });
        expect(await trusted.getApplicationVersion('GLOBAL.Acme.Store.shop;1')).toBeUndefined();
        const insecureHost = createMemoryHost();
        const insecure = await openOrteliusBackend(insecureHost, {
          url: tlsEmu.url,
          user: 'admin',
          password: 's3cr3t-Pa55',
          insecure: true,
        });
        expect(await insecure.getApplicationVersion('GLOBAL.Acme.Store.shop;1')).toBeUndefined();
        expect(insecureHost.err()).toContain('TLS certificate verification is off');
        for (const b of [strict, trusted, insecure]) await b.close();
      } finally {
        await tlsEmu.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('UI servlet redirects', () => {
  it('a redirect from a servlet (expired session) triggers the re-login; a second one is AuthError', async () => {
    const { backend } = await openAgainst(emu);
    const c = (await backend.putComponentVersion(componentSpec())).value;
    emu.faults.status('/dmadminweb/UpdateAttrs?f=acvm', 302, 1);
    const a = await backend.putApplicationVersion(appSpec(c));
    expect(a.created).toBe(true);
    expect(count(isLogin)).toBe(2);
    emu.faults.status('/dmadminweb/GetTasks', 302);
    const move = {
      appVersion: a.value,
      from: { name: 'dev', domain: 'dev' },
      to: { name: 'qa', domain: 'qa' },
      task: 'Move to qa',
      requiresApproval: false,
      by: 'a',
      at: AT,
      provenance: CI,
    };
    expect(await caught(backend.moveApplicationVersion(move))).toBeInstanceOf(AuthError);
  });
});
