/**
 * The hostile-input suite of issues 21 and 20: every attack of the hostile runs, against the bundled CLI
 * (core/dist/shiplog.mjs) as a hostile tester would run it, each case checking that the attack held (the
 * documented exit code, no secret in any output, nothing changed outside the store or, when refused, inside it).
 * At the end it prints "hostile inputs: N tried, M held" and the RSS measured for the 100 MB login answer.
 * Every server is a loopback fake started here. Runs with `npm test` (vitest includes test/**).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openOrteliusBackend } from '../../core/src/backend/ortelius/index.js';
import { createMemoryHost } from '../../core/src/host.js';
import { git, makeBareRemote, startHttpGitServer } from '../../core/test/support/git-servers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLE = path.join(ROOT, 'core', 'dist', 'shiplog.mjs');
const DHPASS = 's3cr3t p@ss/word';
const APP = 'GLOBAL.Acme.Store.shop';
const CART = 'GLOBAL.Acme.Store.cart';

const tally: { name: string; held: boolean }[] = [];
let rssKb: number | undefined;

afterAll(() => {
  const held = tally.filter((t) => t.held).length;
  const lines = [`hostile inputs: ${tally.length} tried, ${held} held`];
  for (const t of tally.filter((x) => !x.held)) lines.push(`  NOT HELD: ${t.name}`);
  if (rssKb !== undefined) lines.push(`  100 MB login answer: peak RSS ${(rssKb / 1024).toFixed(0)} MiB`);
  process.stdout.write(`\n${lines.join('\n')}\n`);
});

/** One attack: records whether it held (its assertions passed), then rethrows any failure for vitest. */
function attack(name: string, fn: () => Promise<void>, timeout = 120_000): void {
  it(
    name,
    async () => {
      try {
        await fn();
        tally.push({ name, held: true });
      } catch (err) {
        tally.push({ name, held: false });
        throw err;
      }
    },
    timeout,
  );
}

/** Forms a leaked secret can take (raw, JSON-escaped, URL-encoded, base64). */
function leaked(text: string, secret: string): string[] {
  const forms = new Set([
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64').replace(/=+$/, ''),
  ]);
  return [...forms].filter((f) => text.includes(f));
}

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** The bundled CLI in a child process (async: the fake servers live in this process). */
function shiplog(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, ...args], {
      cwd: opts.cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: opts.cwd, ...opts.env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

function workdir(): string {
  return mkdtempSync(path.join(tmpdir(), 'shiplog-hostile-'));
}

/** Every entry under dir, links as their target. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out.set(path.relative(dir, p), 'link');
      else if (st.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), readFileSync(p, 'base64'));
    }
  };
  walk(dir);
  return out;
}

async function withServer(handler: (req: IncomingMessage, res: ServerResponse) => void, fn: (url: string) => Promise<void>): Promise<void> {
  const server: Server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

function stream(res: ServerResponse, total: number): void {
  res.on('error', () => undefined);
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(1 << 20, 'a');
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}

/** A store with one version and one deployment, made through the CLI. */
async function seededStore(): Promise<string> {
  const dir = workdir();
  expect(
    (await shiplog(['version-update', '--component-name', CART, '--component-version', '1', '--application', APP], { cwd: dir })).code,
  ).toBe(0);
  expect((await shiplog(['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0'], { cwd: dir })).code).toBe(0);
  return dir;
}

describe('secrets of any size (critical)', () => {
  attack('issue repro: 30 KB base64 API_TOKEN + DHPASS, status --json', async () => {
    const dir = workdir();
    const token = randomBytes(30_000).toString('base64');
    const r = await shiplog(['status', '--json'], { cwd: dir, env: { API_TOKEN: token, DHPASS } });
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true });
    expect([...leaked(r.out + r.err, token), ...leaked(r.out + r.err, DHPASS)]).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [label, bytes] of [
    ['64 KB', 48 * 1024],
    ['1 MB', 768 * 1024],
    ['16 MB', 12 << 20],
  ] as const) {
    attack(`${label} secret (in process: no environment carries it) through version-update, approve and status`, async () => {
      const dir = workdir();
      const secret = randomBytes(bytes).toString('base64');
      const { main } = (await import(BUNDLE)) as { main: (io: object) => Promise<number> };
      let all = '';
      const run = async (argv: string[]) => {
        let out = '';
        const code = await main({
          argv: [...argv, '--json'],
          cwd: dir,
          env: { PATH: process.env.PATH, API_TOKEN: secret, DHPASS },
          stdout: (t: string) => (out += t),
          stderr: (t: string) => (all += t),
        });
        all += out;
        expect(code, out).toBe(0);
        expect(JSON.parse(out)).toMatchObject({ ok: true });
      };
      await run(['version-update', '--component-name', CART, '--component-version', '1', '--application', APP, '--attr', `Tok=${secret}`]);
      await run(['approve', '--application', APP, '--stage', 'qa', '--notes', `pw=${secret} ${DHPASS}`]);
      await run(['status']);
      all += [...snapshot(path.join(dir, '.shiplog')).values()].map((b) => Buffer.from(b, 'base64').toString('utf8')).join('\n');
      expect([...leaked(all, secret), ...leaked(all, DHPASS)]).toEqual([]);
      rmSync(dir, { recursive: true, force: true });
    });
  }

  attack('1,000 small secrets in the environment', async () => {
    const dir = workdir();
    const env: Record<string, string> = { DHPASS };
    const small = Array.from({ length: 1000 }, (_, i) => `tok-${i}-${randomBytes(9).toString('base64url')}`);
    small.forEach((s, i) => (env[`SVC_${i}_TOKEN`] = s));
    const r = await shiplog(
      [
        'version-update',
        '--component-name',
        CART,
        '--component-version',
        '1',
        '--application',
        APP,
        '--attr',
        `Note=${small[500]}`,
        '--json',
      ],
      { cwd: dir, env },
    );
    expect(r.code, r.err).toBe(0);
    const stored = [...snapshot(path.join(dir, '.shiplog')).values()].map((b) => Buffer.from(b, 'base64').toString('utf8')).join('\n');
    expect(leaked(r.out + r.err + stored, small[500])).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('hostile servers', () => {
  const status = (url: string, cwd: string, extra: string[] = []) =>
    shiplog(['status', '--json', ...extra], { cwd, env: { DHURL: url, DHUSER: 'ci', DHPASS } });

  attack('100 MB login answer: exit 4 naming the limit, bounded memory, no secret', async () => {
    await withServer(
      (_req, res) => stream(res, 100 << 20),
      async (url) => {
        const dir = workdir();
        const code = `const {main}=await import(${JSON.stringify(BUNDLE)}); const c=await main({argv:['status','--json']}); process.stderr.write('\\nRSS_MAX_KB='+process.resourceUsage().maxRSS+'\\n'); process.exitCode=c;`;
        const r = await new Promise<Run>((resolve) => {
          const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
            cwd: dir,
            env: { PATH: process.env.PATH, DHURL: url, DHUSER: 'ci', DHPASS },
          });
          let out = '';
          let err = '';
          child.stdout.on('data', (d) => (out += d));
          child.stderr.on('data', (d) => (err += d));
          child.on('close', (c) => resolve({ code: c, out, err }));
        });
        expect(r.code, r.err).toBe(4);
        expect(r.err).toContain('response size limit of 32 MiB');
        expect(r.err.length).toBeLessThan(4000);
        expect(leaked(r.out + r.err, DHPASS)).toEqual([]);
        rssKb = Number(/RSS_MAX_KB=(\d+)/.exec(r.err)?.[1]);
        // far below the 5.7 GB of the hostile run: the limit plus node itself
        expect(rssKb).toBeLessThan(512 * 1024);
        rmSync(dir, { recursive: true, force: true });
      },
    );
  });

  attack('gzip answer inflating to 40 MB: exit 4', async () => {
    const bomb = gzipSync(Buffer.alloc(40 << 20, ' '));
    await withServer(
      (_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb),
      async (url) => {
        const dir = workdir();
        const r = await status(url, dir);
        expect(r.code, r.err).toBe(4);
        rmSync(dir, { recursive: true, force: true });
      },
    );
  });

  attack('a server dripping 1 byte at a time: status ends at --timeout with exit 5', async () => {
    const timers: NodeJS.Timeout[] = [];
    await withServer(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const t = setInterval(() => res.write(' '), 200);
        timers.push(t);
        res.on('close', () => clearInterval(t));
      },
      async (url) => {
        const dir = workdir();
        const r = await status(url, dir, ['--timeout', '3s']);
        for (const t of timers) clearInterval(t);
        expect(r.code, r.err).toBe(5);
        rmSync(dir, { recursive: true, force: true });
      },
    );
  });

  attack('a git store server that stops answering: exit 5 at --timeout, git and its helper gone, the remote ref unchanged', async () => {
    const dir = workdir();
    const root = path.join(dir, 'srv');
    const remote = makeBareRemote(path.join(root, 'state.git'));
    const server = await startHttpGitServer({ root, username: 'ci', password: DHPASS });
    try {
      const env = {
        XDG_CACHE_HOME: path.join(dir, 'cache'),
        SHIPLOG_STORE: `git+${server.url('state.git').replace('http://', 'http://ci@')}`,
        SHIPLOG_STORE_PASSWORD: DHPASS,
      };
      const first = await shiplog(
        ['version-update', '--component-name', CART, '--component-version', '1.0.0', '--application', APP, '--app-version', '1'],
        { cwd: dir, env },
      );
      expect(first.code, first.err).toBe(0);
      const tip = git(['--git-dir', remote, 'rev-parse', 'refs/heads/shiplog-state']);
      server.stall('');
      const r = await shiplog(
        [
          'version-update',
          '--component-name',
          CART,
          '--component-version',
          '2.0.0',
          '--application',
          APP,
          '--app-version',
          '2',
          '--timeout',
          '8s',
        ],
        { cwd: dir, env },
      );
      expect(r.code, r.err).toBe(5);
      expect(r.err).toContain("git store: git fetch did not finish: the command's time limit of 8 s (--timeout) ran out");
      expect(leaked(r.out + r.err, DHPASS)).toEqual([]);
      for (let i = 0; i < 100 && server.held > 0; i++) await new Promise((res) => setTimeout(res, 50));
      expect(server.held).toBe(0);
      expect(git(['--git-dir', remote, 'rev-parse', 'refs/heads/shiplog-state'])).toBe(tip);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  attack('HTTP 401 with a text body on login: exit 3', async () => {
    await withServer(
      (_req, res) => res.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized'),
      async (url) => {
        const dir = workdir();
        const r = await status(url, dir);
        expect(r.code, r.err).toBe(3);
        rmSync(dir, { recursive: true, force: true });
      },
    );
  });

  attack('a password for plain http to a host that is not this machine is warned about', async () => {
    const host = createMemoryHost({ env: {} });
    await (await openOrteliusBackend(host, { url: 'http://ortelius.example.com', user: 'ci', password: DHPASS })).close();
    expect(host.err()).toContain('over plain http');
  });
});

describe('untrusted stores', () => {
  attack('tmp/ is a link: the files it points to survive (was: 2 -> 0)', async () => {
    const dir = await seededStore();
    const outside = workdir();
    writeFileSync(path.join(outside, 'a.txt'), 'a');
    writeFileSync(path.join(outside, 'b.txt'), 'b');
    const store = path.join(dir, '.shiplog');
    rmSync(path.join(store, 'tmp'), { recursive: true, force: true });
    symlinkSync(outside, path.join(store, 'tmp'));
    const r = await shiplog(['approve', '--application', APP, '--stage', 'qa'], { cwd: dir });
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain('store entry tmp is a symbolic link');
    expect(readdirSync(outside).sort()).toEqual(['a.txt', 'b.txt']);
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  attack('a log segment is a link: the outside file keeps its lines (was: 10 lost)', async () => {
    const dir = await seededStore();
    const outside = workdir();
    const seg = path.join(dir, '.shiplog', 'log', '000001.jsonl');
    const victim = path.join(outside, 'victim.log');
    writeFileSync(victim, readFileSync(seg, 'utf8') + Array.from({ length: 10 }, (_, i) => `line ${i}\n`).join(''));
    const before = readFileSync(victim, 'utf8');
    rmSync(seg);
    symlinkSync(victim, seg);
    const r = await shiplog(['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0'], { cwd: dir });
    expect(r.code, r.err).toBe(2);
    expect(readFileSync(victim, 'utf8')).toBe(before);
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  for (const rel of ['objects', 'objects/av', 'meta.json', 'schema.json', 'write.lock', 'journal.json', 'log']) {
    attack(`store entry ${rel} is a link: exit 2, store and target unchanged`, async () => {
      const dir = await seededStore();
      const outside = workdir();
      const store = path.join(dir, '.shiplog');
      const entry = path.join(store, rel);
      const target = path.join(outside, 'target');
      if (existsSync(entry) && lstatSync(entry).isDirectory()) {
        mkdirSync(target);
        writeFileSync(path.join(target, 'keep.txt'), 'keep');
      } else writeFileSync(target, existsSync(entry) ? readFileSync(entry) : '{"seq":1,"writes":[]}');
      rmSync(entry, { recursive: true, force: true });
      symlinkSync(target, entry);
      const storeBefore = snapshot(store);
      const outsideBefore = snapshot(outside);
      const r = await shiplog(['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0'], { cwd: dir });
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(`store entry ${rel} is a symbolic link`);
      expect(snapshot(store)).toEqual(storeBefore);
      expect(snapshot(outside)).toEqual(outsideBefore);
      rmSync(dir, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    });
  }

  attack('a planted journal naming a file outside the store is refused', async () => {
    const dir = await seededStore();
    const outside = workdir();
    const victim = path.join(outside, 'victim.txt');
    writeFileSync(victim, 'keep');
    writeFileSync(
      path.join(dir, '.shiplog', 'journal.json'),
      JSON.stringify({ seq: 9, writes: [{ path: path.relative(path.join(dir, '.shiplog'), victim), data: 'owned' }] }),
    );
    const r = await shiplog(['status'], { cwd: dir });
    expect(r.code, r.err).toBe(2);
    expect(readFileSync(victim, 'utf8')).toBe('keep');
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  attack('meta.json of the wrong shape: exit 2, one line', async () => {
    const dir = await seededStore();
    writeFileSync(path.join(dir, '.shiplog', 'meta.json'), '{"seq":"x","next":[]}\n');
    const r = await shiplog(['history'], { cwd: dir });
    expect(r.code, r.err).toBe(2);
    expect(
      r.err
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('shiplog: error:')),
    ).toHaveLength(1);
    expect(r.err).not.toContain('internal error');
    rmSync(dir, { recursive: true, force: true });
  });

  attack('a lock candidate left by a writer killed with SIGKILL is swept', async () => {
    const dir = await seededStore();
    const store = path.join(dir, '.shiplog');
    const writer = spawn(process.execPath, [BUNDLE, 'approve', '--application', APP, '--stage', 'qa'], {
      cwd: dir,
      env: { PATH: process.env.PATH },
    });
    // kill it while it waits: hold the lock with a live fake owner first
    writeFileSync(
      path.join(store, 'write.lock'),
      JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), token: 'held', at: new Date().toISOString() }),
    );
    for (let i = 0; i < 100 && !readdirSync(store).some((f) => f.endsWith('.cand')); i++) await new Promise((r) => setTimeout(r, 50));
    writer.kill('SIGKILL');
    await new Promise((r) => writer.on('close', r));
    const left = readdirSync(store).filter((f) => f.endsWith('.cand'));
    expect(left.length).toBe(1);
    rmSync(path.join(store, 'write.lock'));
    const r = await shiplog(['approve', '--application', APP, '--stage', 'qa'], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(store).filter((f) => f.endsWith('.cand'))).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('hostile component.toml and names', () => {
  for (const name of ['PATH', 'LD_PRELOAD', 'BASH_ENV', 'NODE_OPTIONS']) {
    attack(`[Export] ${name}: exit 2 without --allow-dangerous-exports`, async () => {
      const dir = workdir();
      writeFileSync(
        path.join(dir, 'component.toml'),
        `Name = "${CART}"\nVariant = "main"\nVersion = "1"\n[Export]\n${name} = "/tmp/evil"\n`,
      );
      const r = await shiplog(['envscript', '--output', 'env.sh'], { cwd: dir });
      expect(r.code, r.err).toBe(2);
      expect(existsSync(path.join(dir, 'env.sh'))).toBe(false);
      rmSync(dir, { recursive: true, force: true });
    });
  }

  attack('[Export] value of 1 MB: exit 2 naming the 32 KiB cap', async () => {
    const dir = workdir();
    writeFileSync(
      path.join(dir, 'component.toml'),
      `Name = "${CART}"\nVariant = "main"\nVersion = "1"\n[Export]\nBIG = "${'x'.repeat(1 << 20)}"\n`,
    );
    const r = await shiplog(['envscript', '--output', 'env.sh'], { cwd: dir });
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain('at most 32 KiB');
    rmSync(dir, { recursive: true, force: true });
  });

  attack('U+202E in a component name: exit 2', async () => {
    const dir = workdir();
    const r = await shiplog(['version-update', '--component-name', `GLOBAL.Acme.cart\u202Eexe`, '--component-version', '1'], { cwd: dir });
    expect(r.code, r.err).toBe(2);
    expect(existsSync(path.join(dir, '.shiplog'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  attack('attribute DB_PASSWORD is stored masked', async () => {
    const dir = workdir();
    const r = await shiplog(['version-update', '--component-name', CART, '--component-version', '1', '--attr', 'DB_PASSWORD=hunter2-db'], {
      cwd: dir,
    });
    expect(r.code, r.err).toBe(0);
    const stored = [...snapshot(path.join(dir, '.shiplog')).values()].map((b) => Buffer.from(b, 'base64').toString('utf8')).join('\n');
    expect(stored).toContain('"DB_PASSWORD":"***"');
    expect(stored + r.err).not.toContain('hunter2-db');
    rmSync(dir, { recursive: true, force: true });
  });

  attack("deploy --timeout: the command's background children do not outlive shiplog", async () => {
    const dir = await seededStore();
    const r = await shiplog(
      ['deploy', '--application', APP, '--env', 'dev', '--timeout', '1s', '--', 'sh', '-c', 'sleep 300 & echo "child $!"; sleep 300'],
      { cwd: dir },
    );
    expect(r.code, r.err).toBe(5);
    const pid = Number(/child (\d+)/.exec(r.err)?.[1]);
    expect(pid).toBeGreaterThan(0);
    const alive = () => {
      try {
        process.kill(pid, 0);
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 40 && alive(); i++) await new Promise((res) => setTimeout(res, 50));
    expect(alive()).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  attack('core/package.json lists no unused dependency (proper-lockfile, write-file-atomic)', async () => {
    // The core bundles what it uses, so its libraries are devDependencies (docs/install.md): look in both lists.
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'core', 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    const listed = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    expect(listed.length).toBeGreaterThan(0);
    expect(listed).not.toContain('proper-lockfile');
    expect(listed).not.toContain('write-file-atomic');
  });
});

// Issue 20: multi-line secrets, shell metacharacters in names and values, and more hostile servers.
describe('issue 20: multi-line secrets and hostile text', () => {
  const KEY =
    '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB\nAAAAMwAAAAtzc2gtZWQyNTUxOQAAACBkZXBsb3kta2V5\n-----END OPENSSH PRIVATE KEY-----\n';

  attack('a deploy command printing every line of DEPLOY_PRIVATE_KEY: no line in the log, the store or --json', async () => {
    const dir = await seededStore();
    const r = await shiplog(
      ['deploy', '--application', APP, '--env', 'dev', '--json', '--', 'sh', '-c', 'printf "%s\\n" "$DEPLOY_PRIVATE_KEY"'],
      {
        cwd: dir,
        env: { DEPLOY_PRIVATE_KEY: KEY },
      },
    );
    expect(r.code, r.err).toBe(0);
    const stored = [...snapshot(path.join(dir, '.shiplog')).values()].map((b) => Buffer.from(b, 'base64').toString('utf8')).join('\n');
    for (const line of KEY.split('\n').filter((l) => l.length >= 3)) expect(leaked(r.out + r.err + stored, line), line).toEqual([]);
    expect(stored).toContain('***');
    rmSync(dir, { recursive: true, force: true });
  });

  attack('$(...), backticks, quotes and a newline in values: stored as text, envscript loads them without running anything', async () => {
    const dir = workdir();
    const marker = path.join(dir, 'pwned');
    const evil = `$(touch ${marker})\`touch ${marker}\`'"; touch ${marker}; echo "`;
    writeFileSync(
      path.join(dir, 'component.toml'),
      `Name = "${CART}"\nVariant = "main"\nVersion = "1"\n[Export]\nEVIL = ${JSON.stringify(evil)}\nLINES = "a\\nb; touch ${marker}"\n`,
    );
    const up = await shiplog(['version-update', '--application', APP, '--attr', `Note=${evil}`, '--json'], { cwd: dir });
    expect(up.code, up.err).toBe(0);
    expect((JSON.parse(up.out) as { attributes: Record<string, string> }).attributes.Note).toBe(evil);
    // the sh format is for shells (dotenv is for dotenv readers, which do not run anything either)
    const es = await shiplog(['envscript', '--format', 'sh', '--output', 'env.sh'], { cwd: dir });
    expect(es.code, es.err).toBe(0);
    for (const shell of ['sh', 'bash']) {
      const loaded = await new Promise<string>((resolve) => {
        const sh = spawn(shell, ['-c', `. ./env.sh; printf '%s' "$EVIL"`], { cwd: dir });
        let o = '';
        sh.stdout.on('data', (d) => (o += d));
        sh.on('close', () => resolve(o));
      });
      expect(loaded, shell).toBe(evil);
    }
    expect(existsSync(marker)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  attack('an Ortelius server answering invalid JSON: exit 4, one line, no secret', async () => {
    await withServer(
      (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"success": tru'),
      async (url) => {
        const dir = workdir();
        const r = await shiplog(['status', '--json'], { cwd: dir, env: { DHURL: url, DHUSER: 'ci', DHPASS } });
        expect(r.code, r.err).toBe(4);
        expect(
          r.err
            .trim()
            .split('\n')
            .filter((l) => l.startsWith('shiplog: error:')),
        ).toHaveLength(1);
        expect(leaked(r.out + r.err, DHPASS)).toEqual([]);
        rmSync(dir, { recursive: true, force: true });
      },
    );
  });

  attack('a redirect to another origin: no credential, cookie or token follows it', async () => {
    const seen: IncomingMessage[] = [];
    const bodies: string[] = [];
    await withServer(
      (req, res) => {
        seen.push(req);
        let b = '';
        req.on('data', (d) => (b += d));
        req.on('end', () => {
          bodies.push(b);
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true,"token":"stolen"}');
        });
      },
      async (other) => {
        await withServer(
          (req, res) => {
            const to = new URL(req.url ?? '/', other);
            res.writeHead(307, { location: to.toString(), 'set-cookie': 'token=t0k3n-from-origin' }).end();
          },
          async (url) => {
            const dir = workdir();
            const r = await shiplog(['status', '--json'], { cwd: dir, env: { DHURL: url, DHUSER: 'ci', DHPASS } });
            expect([3, 4]).toContain(r.code);
            for (const req of seen) {
              expect(req.headers.authorization).toBeUndefined();
              expect(req.headers.cookie ?? '').not.toContain('t0k3n');
            }
            expect(leaked(bodies.join('\n'), DHPASS)).toEqual([]);
            expect(leaked(r.out + r.err, DHPASS)).toEqual([]);
            rmSync(dir, { recursive: true, force: true });
          },
        );
      },
    );
  });
});
