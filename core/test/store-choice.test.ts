/**
 * Which store a command uses (store-choice.ts, docs/store.md "Choosing the store"): --store > SHIPLOG_STORE >
 * --state-dir > --backend/DHURL > [store] url in the discovered shiplog.toml > the discovered .shiplog; and the
 * JSON result says which store and config file were used.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP, CART, makeRepo, type TestRepo } from './execute-fixtures.js';
import { makeBareRemote } from './support/git-servers.js';

let repo: TestRepo | undefined;
const dirs: string[] = [];
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const UPDATE = { 'component-name': CART, 'component-version': '1.0.0', application: APP };

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'shiplog-choice-'));
  dirs.push(d);
  return d;
}

describe('choosing the store', () => {
  it('discovers the .shiplog of the repository root from a subdirectory, and reports it', async () => {
    repo = makeRepo({ 'services/cart/README.md': 'cart\n' });
    const sub = path.join(repo.dir, 'services/cart');
    const r = await repo.run('version-update', UPDATE, { cwd: sub });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result.store).toEqual({ kind: 'local', location: path.join(repo.dir, '.shiplog'), source: 'discovered' });
    expect(r.result.config).toBeNull();
    expect(existsSync(path.join(repo.dir, '.shiplog/schema.json'))).toBe(true);
    expect(existsSync(path.join(sub, '.shiplog'))).toBe(false);
  });

  it('[store] url in the discovered shiplog.toml, relative to that file', async () => {
    repo = makeRepo({ 'shiplog.toml': '[store]\nurl = "state/shared"\n', 'services/cart/README.md': 'cart\n' });
    const r = await repo.run('version-update', UPDATE, { cwd: path.join(repo.dir, 'services/cart') });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result.store).toEqual({ kind: 'local', location: path.join(repo.dir, 'state/shared'), source: 'config' });
    expect(r.result.config).toBe(path.join(repo.dir, 'shiplog.toml'));
  });

  it('flag > env > state-dir > file: each source wins over the next, and says so', async () => {
    repo = makeRepo({ 'shiplog.toml': '[store]\nurl = "from-file"\n' });
    const env = { SHIPLOG_STORE: path.join(repo.dir, 'from-env') };
    const flag = await repo.run('version-update', { ...UPDATE, store: 'from-flag' }, { env });
    expect(flag.result.store).toMatchObject({ location: path.join(repo.dir, 'from-flag'), source: 'flag' });
    const fromEnv = await repo.run('version-update', { ...UPDATE, 'state-dir': 'from-state-dir' }, { env });
    expect(fromEnv.exitCode).toBe(2);
    expect(fromEnv.result.error).toMatchObject({
      message: expect.stringMatching(/--store .*from-env and --state-dir .*from-state-dir name different stores/),
    });
    const envOnly = await repo.run('version-update', UPDATE, { env });
    expect(envOnly.result.store).toMatchObject({ location: path.join(repo.dir, 'from-env'), source: 'env' });
    const stateDir = await repo.run('version-update', { ...UPDATE, 'state-dir': 'from-state-dir' });
    expect(stateDir.result.store).toMatchObject({ location: path.join(repo.dir, 'from-state-dir'), source: 'state-dir' });
    const file = await repo.run('version-update', UPDATE);
    expect(file.result.store).toMatchObject({ location: path.join(repo.dir, 'from-file'), source: 'config' });
    // --store and --state-dir naming the same directory is fine.
    const same = await repo.run('version-update', { ...UPDATE, store: 'same', 'state-dir': 'same' });
    expect(same.exitCode, same.err).toBe(0);
  });

  it('an explicit --backend beats the file: the discovered local store is used', async () => {
    repo = makeRepo({ 'shiplog.toml': '[store]\nurl = "git+file:///nonexistent/state.git"\n' });
    const r = await repo.run('version-update', { ...UPDATE, backend: 'local' });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result.store).toEqual({ kind: 'local', location: path.join(repo.dir, '.shiplog'), source: 'backend' });
  });

  it('a git+file store is shared: a second checkout sees what the first recorded', async () => {
    const d = tempDir();
    const remote = makeBareRemote(path.join(d, 'state.git'));
    const env = { SHIPLOG_STORE: `git+file://${remote}`, XDG_CACHE_HOME: path.join(d, 'cache') };
    repo = makeRepo();
    const up = await repo.run('version-update', UPDATE, { env });
    expect(up.exitCode, up.err).toBe(0);
    expect(up.result.store).toEqual({ kind: 'git', location: `git+file://${remote}`, source: 'env' });
    const dep = await repo.run('deploy', { application: APP, env: 'dev', 'exit-code': 0 }, { env });
    expect(dep.exitCode, dep.err).toBe(0);
    const other = makeRepo();
    try {
      const status = await other.run('status', {}, { env: { ...env, XDG_CACHE_HOME: path.join(d, 'cache-2') } });
      expect(status.exitCode, status.err).toBe(0);
      expect(status.result.environments).toEqual([expect.objectContaining({ name: 'dev', appVersion: `${APP};1` })]);
    } finally {
      other.cleanup();
    }
    expect(existsSync(path.join(repo.dir, '.shiplog'))).toBe(false);
  });

  it('a password inside the store URL is warned about once and appears in no output', async () => {
    repo = makeRepo();
    const r = await repo.run('status', { json: true }, { env: { SHIPLOG_STORE: 'git+http://bot:pa55-w0rd-xyz@127.0.0.1:9/state.git' } });
    expect(r.exitCode).toBe(4);
    expect(r.err.match(/the store URL holds a password or token/g)).toHaveLength(1);
    const everything = `${r.out}\n${r.err}\n${JSON.stringify(r.result)}`;
    expect(everything).not.toContain('pa55-w0rd-xyz');
    expect(everything).not.toContain(encodeURIComponent('pa55-w0rd-xyz'));
    expect(JSON.stringify(r.result)).toContain('127.0.0.1');
  });

  it.each([
    ['an unknown scheme', { store: 's3://bucket/x' }, /unknown store scheme "s3:"/],
    ['a malformed ref', { store: 'git+origin#ref=a..b' }, /not a valid git ref name/],
  ])('%s: exit 2, one line, nothing created', async (_what, inputs, message) => {
    repo = makeRepo();
    const r = await repo.run('version-update', { ...UPDATE, ...inputs });
    expect(r.exitCode).toBe(2);
    expect(r.result.error).toMatchObject({ message: expect.stringMatching(message) });
    expect(existsSync(path.join(repo.dir, '.shiplog'))).toBe(false);
  });

  it('[store] with an unknown key or an empty url: exit 2 naming the file', async () => {
    repo = makeRepo({ 'shiplog.toml': '[store]\nurl = ""\npath = "x"\n' });
    const r = await repo.run('status');
    expect(r.exitCode).toBe(2);
    expect(r.result.error).toMatchObject({
      message: expect.stringMatching(/shiplog\.toml: .*unknown key "path".*url must be a non-empty string/),
    });
  });

  it('git+origin outside a repository: exit 2 saying so', async () => {
    const d = tempDir();
    mkdirSync(path.join(d, 'work'));
    repo = makeRepo({}, { git: false });
    const r = await repo.run('status', { store: 'git+origin' });
    expect(r.exitCode).toBe(2);
    expect(r.result.error).toMatchObject({ message: expect.stringMatching(/git\+origin: .* is not inside a git repository/) });
  });

  it('git+origin uses the origin remote of the repository at hand', async () => {
    const d = tempDir();
    const remote = makeBareRemote(path.join(d, 'origin.git'));
    repo = makeRepo();
    execFileSync('git', ['remote', 'set-url', 'origin', `file://${remote}`], { cwd: repo.dir });
    const env = { XDG_CACHE_HOME: path.join(d, 'cache') };
    const r = await repo.run('version-update', { ...UPDATE, store: 'git+origin' }, { env });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result.store).toMatchObject({ kind: 'git', source: 'flag' });
    const refs = execFileSync('git', ['--git-dir', remote, 'for-each-ref', '--format=%(refname)']).toString();
    expect(refs).toContain('refs/heads/shiplog-state');
  });
});
