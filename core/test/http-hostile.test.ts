/**
 * Issue 21: a hostile or broken Ortelius server. An answer past the response size limit is exit 4 naming the
 * limit (declared, streamed or gzip-inflated); a server that drips its answers keeps no command past --timeout
 * (exit 5); a login refused with HTTP 401 and a text body is exit 3; a password to a plain-http server that is
 * not this machine is warned about. Every server here is a loopback fake started by the test.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { warnPlainHttp } from '../src/backend/open-store.js';
import { openOrteliusBackend } from '../src/backend/ortelius/index.js';
import { createMemoryHost } from '../src/host.js';
import { runCliInProcess } from './execute-fixtures.js';
import { leakedForms } from './secret-forms.js';

const DHPASS = 's3cr3t p@ss/word';
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Streams `total` bytes of a JSON-looking answer in 1 MiB chunks, honouring back-pressure. */
function streamHuge(res: ServerResponse, total: number, headers: Record<string, string | number> = {}): void {
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  const chunk = Buffer.alloc(1 << 20, 'a');
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('error', () => undefined);
  pump();
}

async function status(url: string, extra: string[] = [], env: Record<string, string> = {}) {
  const r = await runCliInProcess(['status', '--json', ...extra], {
    cwd: '/',
    env: { PATH: process.env.PATH ?? '', DHURL: url, DHUSER: 'ci', DHPASS, ...env },
  });
  expect(leakedForms(r.out + r.err, DHPASS)).toEqual([]);
  return r;
}

describe('response size limit (Ortelius client)', () => {
  it('a 100 MB login answer, streamed: exit 4 naming the 32 MiB limit, little output', async () => {
    const url = await serve((_req, res) => streamHuge(res, 100 << 20));
    const r = await status(url);
    expect(r.code, r.err).toBe(4);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'RESPONSE_TOO_LARGE', exitCode: 4 } });
    expect(r.err).toContain('larger than the response size limit of 32 MiB');
    expect(r.err.length).toBeLessThan(2000);
  });

  it('a Content-Length above the limit is refused at once; --max-response-mib sets the limit', async () => {
    const url = await serve((_req, res) => streamHuge(res, 3 << 20, { 'content-length': 3 << 20 }));
    const r = await status(url, ['--max-response-mib', '2']);
    expect(r.code, r.err).toBe(4);
    expect(r.err).toContain('response size limit of 2 MiB');
    const e = await status(url, [], { SHIPLOG_MAX_RESPONSE_MIB: '1' });
    expect(e.err).toContain('response size limit of 1 MiB');
  });

  it('a small gzip answer that inflates past the limit is refused (the limit counts what is inflated)', async () => {
    const bomb = gzipSync(Buffer.alloc(40 << 20, ' '));
    expect(bomb.length).toBeLessThan(1 << 20);
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length });
      res.end(bomb);
    });
    const r = await status(url);
    expect(r.code, r.err).toBe(4);
    expect(r.err).toContain('response size limit of 32 MiB');
  });
});

describe('--timeout bounds the whole command', () => {
  it('a server dripping one byte at a time: status ends with exit 5 at --timeout', async () => {
    const timers = new Set<NodeJS.Timeout>();
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const t = setInterval(() => res.write(' '), 100);
      timers.add(t);
      res.on('close', () => clearInterval(t));
    });
    const r = await status(url, ['--timeout', '2s']);
    for (const t of timers) clearInterval(t);
    expect(r.code, r.err).toBe(5);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'TIMEOUT', exitCode: 5 } });
    expect(r.err).toContain('time limit of 2 s (--timeout) ran out');
  });

  it('a server answering 503 (retried) past the deadline: exit 5, not 4', async () => {
    const url = await serve((_req, res) => {
      setTimeout(() => res.writeHead(503).end('busy'), 700);
    });
    const r = await status(url, ['--timeout', '1s']);
    expect(r.code, r.err).toBe(5);
  });
});

describe('login refusals and plain http', () => {
  it('HTTP 401 with a text body is an authentication error (exit 3)', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized');
    });
    const r = await status(url);
    expect(r.code, r.err).toBe(3);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'AUTH', exitCode: 3 } });
  });

  it('a password for a plain-http server that is not this machine is warned about (nothing is sent here)', async () => {
    const host = createMemoryHost({ env: {} });
    const b = await openOrteliusBackend(host, { url: 'http://ortelius.example.com:8080', user: 'ci', password: DHPASS });
    await b.close();
    expect(host.err()).toContain('shiplog: warning: DHPASS and the session token go to ortelius.example.com:8080 over plain http');
    for (const loopback of ['http://127.0.0.1:8080', 'http://localhost:8080', 'http://[::1]:8080', 'https://ortelius.example.com']) {
      const quiet = createMemoryHost({ env: {} });
      await (await openOrteliusBackend(quiet, { url: loopback, user: 'ci', password: DHPASS })).close();
      expect(quiet.err(), loopback).toBe('');
    }
  });

  it('a git store password over plain http to another machine is warned about too (checked before git runs)', () => {
    const host = createMemoryHost({ env: {} });
    warnPlainHttp(host, 'http://git.example.com/org/state.git', 'store-pw');
    expect(host.err()).toContain('the store password goes to git.example.com over plain http');
    const quiet = createMemoryHost({ env: {} });
    warnPlainHttp(quiet, 'http://127.0.0.1:9418/state.git', 'store-pw');
    warnPlainHttp(quiet, 'https://git.example.com/state.git', 'store-pw');
    warnPlainHttp(quiet, 'http://git.example.com/state.git', undefined);
    expect(quiet.err()).toBe('');
  });
});
