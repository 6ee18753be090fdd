/**
 * Issue 21 on the git store: the command's --timeout and --max-response-mib bound the git conversation as they
 * bound the HTTP clients. A git http server (git http-backend behind a Node server) that stops answering ends
 * the command with exit 5 naming the git step, git and its remote helper (one process group) gone, no
 * connection left open, the remote ref untouched and the next run working; an object larger than the limit
 * is exit 4 naming the limit.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo, runCliInProcess, type TestRepo } from './execute-fixtures.js';
import { git, makeBareRemote, startHttpGitServer, type HttpGitServer } from './support/git-servers.js';

const APP = 'GLOBAL.Acme.Store.shop';
const CART = 'GLOBAL.Acme.Store.cart';
const USER = 'ci-bot';
const PASSWORD = 'pw-Dl9!s3cr3t/+=';
const STATE_REF = 'refs/heads/shiplog-state';

let repo: TestRepo | undefined;
let server: HttpGitServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  repo?.cleanup();
  repo = undefined;
});

const update = (version: string) => [
  'version-update',
  '--component-name',
  CART,
  '--component-version',
  version,
  '--application',
  APP,
  '--app-version',
  version,
];

/** Waits (bounded) until the server holds no stalled request: the client closed its connections. */
async function heldAfterExit(s: HttpGitServer): Promise<number> {
  for (let i = 0; i < 100 && s.held > 0; i++) await new Promise((r) => setTimeout(r, 50));
  return s.held;
}

describe('git store: the command deadline', () => {
  it('a git http server that stops answering: exit 5 naming the git step; no process or connection left; the store intact, the next run works', async () => {
    repo = makeRepo({}, { git: false });
    const root = join(repo.dir, '.home', 'srv');
    const remote = makeBareRemote(join(root, 'state.git'));
    server = await startHttpGitServer({ root, username: USER, password: PASSWORD });
    const url = server.url('state.git').replace('http://', `http://${USER}@`);
    const env = {
      ...repo.env,
      XDG_CACHE_HOME: join(repo.dir, '.home', 'cache'),
      SHIPLOG_STORE: `git+${url}`,
      SHIPLOG_STORE_PASSWORD: PASSWORD,
    };
    const cli = (argv: string[]) => runCliInProcess(argv, { cwd: repo!.dir, env });
    const tip = () => git(['--git-dir', remote, 'rev-parse', STATE_REF]).trim();

    const first = await cli(update('1.0.0'));
    expect(first.code, first.err).toBe(0);
    const before = tip();

    // Every request taken and never answered: the fetch hangs.
    server.stall('');
    const read = await cli(['status', '--json', '--timeout', '5s']);
    expect(read.code, read.err).toBe(5);
    expect(read.json()).toMatchObject({ ok: false, error: { code: 'TIMEOUT', exitCode: 5 } });
    expect(read.err).toContain("git store: git fetch did not finish: the command's time limit of 5 s (--timeout) ran out");
    // git-remote-http (git's child) held the connection: it went with git's process group.
    expect(await heldAfterExit(server)).toBe(0);
    expect(read.err).not.toContain(PASSWORD);

    // The fetch answers, the push never does: nothing lands on the remote.
    server.stall('/git-receive-pack');
    const write = await cli([...update('2.0.0'), '--timeout', '10s']);
    expect(write.code, write.err).toBe(5);
    // the push (or, on a machine too busy to get that far in 10 s, an earlier git step) was stopped at the deadline
    expect(write.err).toMatch(/git store: git (push|[a-z-]+) did not finish: the command's time limit of 10 s \(--timeout\) ran out/);
    expect(await heldAfterExit(server)).toBe(0);
    expect(tip()).toBe(before);

    // The server answers again: the next runs work from the same cache and see exactly the first release.
    server.stall();
    const again = await cli(['status', '--json']);
    expect(again.code, again.err).toBe(0);
    expect(JSON.stringify(again.json())).not.toContain('2.0.0');
    const next = await cli(update('2.0.0'));
    expect(next.code, next.err).toBe(0);
    expect(tip()).not.toBe(before);
    expect(git(['--git-dir', remote, 'log', '--format=%s', STATE_REF]).trim().split('\n')).toHaveLength(4);
  }, 60_000);
});

describe('git store: the response size limit', () => {
  it('a stored object larger than --max-response-mib: exit 4 naming the limit; within the limit it reads', async () => {
    repo = makeRepo({}, { git: false });
    const remote = makeBareRemote(join(repo.dir, '.home', 'state.git'));
    const env = { ...repo.env, XDG_CACHE_HOME: join(repo.dir, '.home', 'cache'), SHIPLOG_STORE: `git+file://${remote}` };
    const cli = (argv: string[]) => runCliInProcess(argv, { cwd: repo!.dir, env });
    expect((await cli(update('1.0.0'))).code).toBe(0);

    // A hostile or damaged store: every JSON file of the tip padded to 2 MiB (still the same JSON).
    const tipTree = git(['--git-dir', remote, 'ls-tree', '-r', STATE_REF]).trim().split('\n');
    const index = join(repo.dir, '.home', 'index');
    const gitEnv = { GIT_DIR: remote, GIT_INDEX_FILE: index };
    git(['read-tree', STATE_REF], { env: gitEnv });
    for (const line of tipTree) {
      const [meta, path] = line.split('\t');
      if (!path.endsWith('.json') || path.endsWith('schema.json')) continue;
      const body = git(['cat-file', 'blob', meta.split(' ')[2]], { env: gitEnv });
      const padded = body.trimEnd() + ' '.repeat(2 << 20) + '\n';
      const oid = git(['hash-object', '-w', '--stdin'], { env: gitEnv, input: padded }).trim();
      git(['update-index', '--cacheinfo', `100644,${oid},${path}`], { env: gitEnv });
    }
    const tree = git(['write-tree'], { env: gitEnv }).trim();
    const commit = git(['commit-tree', tree, '-p', STATE_REF, '-m', 'padded'], { env: gitEnv }).trim();
    git(['update-ref', STATE_REF, commit], { env: gitEnv });

    const limited = await cli(['status', '--json', '--max-response-mib', '1']);
    expect(limited.code, limited.err).toBe(4);
    expect(limited.json()).toMatchObject({ ok: false, error: { code: 'RESPONSE_TOO_LARGE', exitCode: 4 } });
    expect(limited.err).toMatch(/git store: object [0-9a-f]{12} \(\d+ bytes\): the answer is larger than the response size limit of 1 MiB/);
    const within = await cli(['status', '--json']);
    expect(within.code, within.err).toBe(0);
  }, 60_000);
});
