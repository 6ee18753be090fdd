/**
 * Issue 21, lower items of the local store: a meta.json of the wrong shape is exit 2 with one line (was
 * "internal error", exit 1), and the lock candidate a writer killed with SIGKILL leaves is swept by the next
 * writer at once (was: kept for a minute at least, and forever when no writer came after).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP, CART, makeRepo, runCliInProcess, type TestRepo } from './execute-fixtures.js';

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

async function seeded() {
  repo = makeRepo();
  const r = repo;
  const cli = (argv: string[]) => runCliInProcess(argv, { cwd: r.dir, env: r.env });
  expect((await cli(['version-update', '--component-name', CART, '--component-version', '1', '--application', APP])).code).toBe(0);
  return { r, cli, store: path.join(r.dir, '.shiplog') };
}

describe('meta.json of the wrong shape', () => {
  it.each([
    ['an array', '[]'],
    ['a string seq', '{"seq":"1","next":{"componentVersion":1,"applicationVersion":1,"deployment":1},"log":{"segment":1,"length":0}}'],
    ['no next', '{"seq":1,"log":{"segment":1,"length":0}}'],
    ['next null', '{"seq":1,"next":null,"log":{"segment":1,"length":0}}'],
    [
      'a negative log length',
      '{"seq":1,"next":{"componentVersion":1,"applicationVersion":1,"deployment":1},"log":{"segment":1,"length":-5}}',
    ],
    ['segment 0', '{"seq":1,"next":{"componentVersion":1,"applicationVersion":1,"deployment":1},"log":{"segment":0,"length":0}}'],
    ['null', 'null'],
  ])('%s: every command exits 2 with one line naming meta.json, the store unchanged', async (_, text) => {
    const { r, cli, store } = await seeded();
    writeFileSync(path.join(store, 'meta.json'), `${text}\n`);
    const before = r.storeSnapshot();
    for (const argv of [
      ['status'],
      ['history'],
      ['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0'],
      ['approve', '--application', APP, '--stage', 'qa'],
    ]) {
      const res = await cli(argv);
      expect(res.code, `${argv[0]}: ${res.err}`).toBe(2);
      const lines = res.err
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('shiplog: error:'));
      expect(lines, res.err).toHaveLength(1);
      expect(lines[0]).toContain('meta.json');
      expect(res.err).not.toContain('internal error');
    }
    expect(r.storeSnapshot()).toEqual(before);
  });
});

describe('lock candidates of writers killed with SIGKILL', () => {
  it('one of this host whose process is gone is swept by the next writer at once', async () => {
    const { cli, store } = await seeded();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const pid = Number(dead.stdout);
    const token = randomUUID();
    const cand = path.join(store, `write.lock.${pid}.${token}.cand`);
    writeFileSync(cand, JSON.stringify({ pid, host: hostname(), token, at: new Date().toISOString() }));
    const res = await cli(['approve', '--application', APP, '--stage', 'qa']);
    expect(res.code, res.err).toBe(0);
    expect(existsSync(cand)).toBe(false);
  });

  it('a fresh one naming another host is kept (its pid means nothing here)', async () => {
    const { cli, store } = await seeded();
    const token = randomUUID();
    const cand = path.join(store, `write.lock.999999.${token}.cand`);
    writeFileSync(cand, JSON.stringify({ pid: 999999, host: 'another-runner', token, at: new Date().toISOString() }));
    const res = await cli(['approve', '--application', APP, '--stage', 'qa']);
    expect(res.code, res.err).toBe(0);
    expect(existsSync(cand)).toBe(true);
  });
});
