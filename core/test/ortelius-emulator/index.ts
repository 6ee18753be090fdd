/**
 * A stateful loopback Ortelius/DeployHub ("dmadminweb") API emulator for tests (shared/ortelius-api.md).
 * Envelopes as the real server: HTTP 200 with success:false on errors; `result` from RunTask; a bare array
 * from GetTasks; deployid/errormsg from POST /API/deploy. Every request is recorded; see README.md.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Faults } from './faults.js';
import { type RecordedRequest, type Reply, type Route, type RouteContext, fail, json, ok } from './http-types.js';
import { applicationRoutes, applicationServletRoutes } from './routes-applications.js';
import { componentRoutes, componentServletRoutes } from './routes-components.js';
import { deployRoutes } from './routes-deploy.js';
import { msapiRoutes } from './routes-msapi.js';
import { taskRoutes, taskServletRoutes } from './routes-tasks.js';
import { EmulatorState } from './state.js';

export type { RecordedRequest } from './http-types.js';
export { EmulatorState } from './state.js';
export { Faults, type FaultRule } from './faults.js';

export const DEFAULT_USER = 'admin';
export const DEFAULT_PASSWORD = 's3cr3t-Pa55';

export interface ExpectedRequest {
  method: string;
  path: string;
  /** When given, must equal the decoded query exactly. */
  query?: Record<string, string>;
  /** When given, must equal the parsed JSON body (or the raw body for a string). */
  body?: unknown;
}

export interface EmulatorOptions {
  users?: Record<string, string>;
  /** How long a server-side deployment runs before it completes (default 500 ms). */
  deployDelayMs?: number;
  /** Lifecycle stages to seed (default: shiplog's default pipeline dev -> qa -> prod, prod gated). */
  stages?: { name: string; domain?: string; requiresApproval?: boolean; task?: string }[];
  /** Environments to seed, by full name (`GLOBAL.Acme.Store.dev`; their domains are created). */
  environments?: string[];
  port?: number;
  /** Serve HTTPS with this key and certificate (PEM) instead of HTTP. */
  tls?: { key: string; cert: string };
}

export interface OrteliusEmulator {
  url: string;
  requests: RecordedRequest[];
  state: EmulatorState;
  faults: Faults;
  /** Requests that broke an expect() sequence. */
  violations: string[];
  /** From now on each request must match the next entry; others get HTTP 418 and land in violations. */
  expect(seq: ExpectedRequest[]): void;
  /** Throws unless every expected request came, in order, and nothing else did. */
  assertExpectationsMet(): void;
  /** The recorded requests as `METHOD path?query` lines (handy in assertions). */
  calls(): string[];
  /** The server state without wall-clock times (EmulatorState.dump): equal for runs that did the same. */
  dump(): unknown;
  close(): Promise<void>;
}

const ROUTES_API: Route[] = [componentRoutes, applicationRoutes, deployRoutes, taskRoutes];
const ROUTES_UI: Route[] = [componentServletRoutes, applicationServletRoutes, taskServletRoutes];

export async function startOrteliusEmulator(opts: EmulatorOptions = {}): Promise<OrteliusEmulator> {
  const users = opts.users ?? { [DEFAULT_USER]: DEFAULT_PASSWORD };
  const state = new EmulatorState();
  state.defineStages(opts.stages ?? [{ name: 'dev' }, { name: 'qa' }, { name: 'prod', requiresApproval: true }]);
  for (const e of opts.environments ?? []) state.ensureEnvironment(e);
  const tokens = new Map<string, { user: string; valid: boolean }>();
  const faults = new Faults(() => {
    for (const t of tokens.values()) t.valid = false;
  });
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  let expected: ExpectedRequest[] | undefined;
  const deployDelayMs = opts.deployDelayMs ?? 500;

  const issueToken = (user: string): string => {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: user, jti: crypto.randomUUID(), iat: Date.now() })}.${crypto.randomBytes(32).toString('base64url')}`;
    tokens.set(token, { user, valid: true });
    return token;
  };

  const handle = (rec: RecordedRequest): Reply => {
    if (rec.path === '/dmadminweb/API/login' && rec.method === 'POST') {
      const form = new URLSearchParams(rec.body);
      const user = form.get('user') ?? '';
      const pass = form.get('pass') ?? '';
      if (!user) return fail('user must be specified');
      if (!pass) return fail('password must be specified');
      if (faults.loginFails || users[user] !== pass) return fail('Login failed');
      const token = issueToken(user);
      return {
        status: 200,
        body: { success: true, token },
        headers: {
          'set-cookie': [`p1=${encodeURIComponent(user)}; Path=/`, 'p2=""; Path=/', `p3=${Date.now()}; Path=/`, `token=${token}; Path=/`],
        },
      };
    }
    const family = rec.path.startsWith('/dmadminweb/API/')
      ? 'api'
      : rec.path.startsWith('/msapi/')
        ? 'msapi'
        : rec.path.startsWith('/dmadminweb/')
          ? 'ui'
          : undefined;
    if (!family) return { status: 404, body: 'Not Found' };
    const session = tokens.get(rec.cookies.token ?? '');
    if (!session || !session.valid) {
      return family === 'msapi' ? json({ detail: 'Authorization failed' }, 401) : fail('Not logged in');
    }
    const prefix = family === 'api' ? '/dmadminweb/API/' : family === 'msapi' ? '/msapi/' : '/dmadminweb/';
    const segs = rec.path.slice(prefix.length).split('/').map(decodeURIComponent);
    while (segs.length > 1 && segs[segs.length - 1] === '') segs.pop();
    const ctx: RouteContext = { req: rec, state, segs, deployDelayMs, deployNeverCompletes: faults.deployNeverCompletes };
    const routes = family === 'api' ? ROUTES_API : family === 'ui' ? ROUTES_UI : [msapiRoutes];
    for (const r of routes) {
      const reply = r(ctx);
      if (reply) return reply;
    }
    return family === 'msapi' ? json({ detail: 'Not Found' }, 404) : fail(`Unrecognised request path: ${rec.path}`);
  };

  const checkExpected = (rec: RecordedRequest): string | undefined => {
    if (!expected) return undefined;
    const next = expected.shift();
    const got = `${rec.method} ${rec.path}?${rec.rawQuery}`;
    if (!next) return `unexpected request ${got}`;
    const problems: string[] = [];
    if (next.method !== rec.method || next.path !== rec.path) problems.push(`expected ${next.method} ${next.path}`);
    if (next.query && JSON.stringify(sortKeys(next.query)) !== JSON.stringify(sortKeys(rec.query))) {
      problems.push(`expected query ${JSON.stringify(next.query)}, got ${JSON.stringify(rec.query)}`);
    }
    if (next.body !== undefined) {
      let body: unknown = rec.body;
      if (typeof next.body !== 'string') {
        try {
          body = JSON.parse(rec.body);
        } catch {
          body = rec.body;
        }
      }
      if (JSON.stringify(body) !== JSON.stringify(next.body)) problems.push(`expected body ${JSON.stringify(next.body)}, got ${rec.body}`);
    }
    return problems.length ? `${got}: ${problems.join('; ')}` : undefined;
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://x');
        const query: Record<string, string> = {};
        for (const [k, v] of url.searchParams) query[k] = v;
        const rec: RecordedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query,
          rawQuery: url.search.slice(1),
          body: Buffer.concat(chunks).toString('utf8'),
          cookies: parseCookies(req.headers.cookie),
          host: req.headers.host ?? '',
          contentType: req.headers['content-type'] ?? '',
        };
        requests.push(rec);
        const violation = checkExpected(rec);
        if (violation) {
          violations.push(violation);
          send(res, { status: 418, body: { success: false, error: `emulator: ${violation}` } });
          return;
        }
        let reply: Reply | undefined;
        if (faults.down) {
          send(res, { status: 503, body: 'Service Unavailable' });
          return;
        }
        for (const rule of faults.take(`${rec.method} ${rec.path}?${rec.rawQuery}`)) {
          if (rule.kind === 'slow') await new Promise((r) => setTimeout(r, rule.delayMs ?? 1000));
          else if (rule.kind === 'drop') {
            req.socket.destroy();
            return;
          } else if (rule.kind === 'lose') {
            try {
              handle(rec);
            } finally {
              if (rule.thenDown) faults.down = true;
              req.socket.destroy();
            }
            return;
          } else if (rule.kind === 'respond') reply = json(rule.body);
          else if (rule.kind === 'status') reply = { status: rule.status ?? 500, body: 'Internal Server Error' };
          else if (rule.kind === 'fail')
            reply = rec.path.startsWith('/dmadminweb/RunTask')
              ? json({ result: false, output: rule.error })
              : fail(rule.error ?? 'Injected failure');
        }
        try {
          send(res, reply ?? handle(rec));
        } catch (err) {
          send(res, { status: 500, body: `emulator error: ${(err as Error).message}` });
        }
      })();
    });
  };
  const server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    state,
    faults,
    violations,
    expect(seq) {
      expected = [...seq];
    },
    assertExpectationsMet() {
      const left = expected ?? [];
      const problems = [...violations, ...left.map((e) => `missing request ${e.method} ${e.path}`)];
      if (problems.length) throw new Error(`emulator expectations not met:\n${problems.join('\n')}`);
    },
    dump: () => state.dump(),
    calls() {
      return requests.map((r) => `${r.method} ${r.path}${r.rawQuery ? `?${r.rawQuery}` : ''}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: http.ServerResponse, reply: Reply): void {
  const isText = typeof reply.body === 'string';
  const payload = isText ? (reply.body as string) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': isText ? 'text/plain' : 'application/json',
    ...(reply.headers ?? {}),
  });
  res.end(payload);
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

void ok;
