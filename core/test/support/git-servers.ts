/**
 * Real git remotes for the git store tests: bare repositories (file://), `git http-backend` behind a small
 * Node HTTP server with Basic auth, and `git daemon`, all on 127.0.0.1 with free ports, plus pre-receive hooks.
 * Every server is stopped by its stop().
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, createServer as createNetServer } from 'node:net';
import { join } from 'node:path';

/** A clean environment for test-side git commands (no user config). */
export function testGitEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    GIT_AUTHOR_NAME: 'test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
    ...extra,
  };
}

/** Runs git synchronously in the tests; throws with stderr on failure. */
export function git(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}): string {
  const r = spawnSync('git', args, { cwd: opts.cwd, input: opts.input, env: testGitEnv(opts.env), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** A new bare repository at dir (created). */
export function makeBareRemote(dir: string): string {
  mkdirSync(dir, { recursive: true });
  git(['init', '--bare', '--quiet', dir]);
  return dir;
}

/** Installs a hook script (sh) into a bare repository. */
export function installHook(bareDir: string, hook: 'pre-receive' | 'update', script: string): void {
  const p = join(bareDir, 'hooks', hook);
  writeFileSync(p, `#!/bin/sh\n${script}\n`);
  chmodSync(p, 0o755);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child?: ChildProcess): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (child && child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1');
      c.once('connect', () => (c.destroy(), resolve(true)));
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

export interface HttpGitServer {
  /** http://127.0.0.1:<port>/<name> (no credentials). */
  url(name: string): string;
  port: number;
  /** Requests served, with their Authorization header (to check what git sent). */
  requests: { method: string; path: string; authorized: boolean }[];
  /**
   * From now on, requests whose path ends with one of these suffixes (e.g. `/git-receive-pack`, or '' for every
   * request) are taken and never answered: a server that stopped answering. `stall()` with nothing answers again.
   */
  stall(...suffixes: string[]): void;
  /** Requests taken by stall() whose client has not closed the connection yet. */
  readonly held: number;
  /** Stops accepting and closes every open connection. */
  stop(): Promise<void>;
}

/** `git http-backend` (CGI) behind a Node server with Basic auth for every request. */
export async function startHttpGitServer(opts: {
  root: string;
  username: string;
  password: string;
  port?: number;
}): Promise<HttpGitServer> {
  const expected = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
  const requests: HttpGitServer['requests'] = [];
  const children = new Set<ChildProcess>();
  let stalled: string[] = [];
  const held = new Set<IncomingMessage>();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const authorized = req.headers.authorization === expected;
    requests.push({ method: req.method ?? '', path: u.pathname, authorized });
    if (stalled.some((suffix) => u.pathname.endsWith(suffix))) {
      held.add(req);
      req.socket.once('close', () => held.delete(req));
      req.resume();
      return;
    }
    if (!authorized) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="shiplog-test"', 'Content-Type': 'text/plain' });
      res.end('authentication required\n');
      return;
    }
    const env: Record<string, string> = {
      ...testGitEnv(),
      GIT_PROJECT_ROOT: opts.root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(u.pathname),
      QUERY_STRING: u.search.replace(/^\?/, ''),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_USER: opts.username,
      REMOTE_ADDR: '127.0.0.1',
      GATEWAY_INTERFACE: 'CGI/1.1',
      SERVER_PROTOCOL: 'HTTP/1.1',
    };
    if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = String(req.headers['content-encoding']);
    if (req.headers['git-protocol']) env.GIT_PROTOCOL = String(req.headers['git-protocol']);
    if (req.headers['content-length']) env.CONTENT_LENGTH = String(req.headers['content-length']);
    const cgi = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(cgi);
    cgi.on('close', () => children.delete(cgi));
    cgi.stdin.on('error', () => undefined);
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      let sep = head.indexOf('\r\n\r\n');
      let sepLen = 4;
      if (sep < 0) {
        sep = head.indexOf('\n\n');
        sepLen = 2;
      }
      if (sep < 0) return;
      headersDone = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, sep).toString('latin1').split(/\r?\n/)) {
        const i = line.indexOf(':');
        if (i < 0) continue;
        const k = line.slice(0, i).trim();
        const v = line.slice(i + 1).trim();
        if (k.toLowerCase() === 'status') status = Number(v.split(' ')[0]);
        else headers[k] = v;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(sep + sepLen));
    });
    cgi.stdout.on('end', () => res.end());
    cgi.on('error', () => res.destroy());
  };
  const server: Server = createServer(handler);
  const port = opts.port ?? (await freePort());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    requests,
    stall: (...suffixes) => void (stalled = suffixes),
    get held() {
      return held.size;
    },
    stop: async () => {
      for (const c of children) c.kill('SIGKILL');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export interface GitDaemon {
  url(name: string): string;
  stop(): Promise<void>;
}

/** `git daemon` serving every repository under root, receive-pack enabled, on 127.0.0.1. */
export async function startGitDaemon(root: string): Promise<GitDaemon> {
  const port = await freePort();
  const child = spawn(
    'git',
    ['daemon', '--reuseaddr', '--export-all', '--enable=receive-pack', `--base-path=${root}`, '--listen=127.0.0.1', `--port=${port}`, root],
    { env: testGitEnv(), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr!.resume();
  await waitForPort(port, child);
  return {
    url: (name) => `git://127.0.0.1:${port}/${name}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('close', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
