/**
 * Issue 21: a store restored from a CI cache or an artifact is untrusted. A symbolic link at any path of the
 * local store (tmp/, log/ and its segments, objects/ and its shards and files, meta.json, journal.json,
 * write.lock, schema.json) is refused with exit 2 "store entry X is a symbolic link", and nothing changes: not
 * the store, not the files the link points to. Before: a linked tmp/ had a writer delete the files it pointed
 * to, a linked log segment had it truncated.
 */
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  cpSync,
  mkdtempSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP, CART, makeRepo, runCliInProcess, type TestRepo } from './execute-fixtures.js';

let repo: TestRepo | undefined;
let outside: string | undefined;
afterEach(() => {
  repo?.cleanup();
  if (outside) rmSync(outside, { recursive: true, force: true });
  repo = undefined;
  outside = undefined;
});

/** Every entry under dir, links as their target (never followed). */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const full = path.join(d, n);
      const rel = path.relative(dir, full);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) out.set(rel, `link -> ${readlinkSync(full)}`);
      else if (st.isDirectory()) walk(full);
      else out.set(rel, readFileSync(full, 'base64'));
    }
  };
  walk(dir);
  return out;
}

async function storeWithData(): Promise<{ r: TestRepo; store: string; cli: (argv: string[]) => ReturnType<typeof runCliInProcess> }> {
  repo = makeRepo();
  const r = repo;
  const cli = (argv: string[]) => runCliInProcess(argv, { cwd: r.dir, env: r.env });
  expect((await cli(['version-update', '--component-name', CART, '--component-version', '1', '--application', APP])).code).toBe(0);
  expect((await cli(['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0'])).code).toBe(0);
  const store = path.join(r.dir, '.shiplog');
  // tmp/ holds nothing between runs; give it something for the "tmp/ is a link" case to lose.
  return { r, store, cli };
}

/** Replaces the store entry `rel` with a link to a copy outside the store, next to files that must survive. */
function plant(store: string, rel: string): string {
  outside = mkdtempSync(path.join(tmpdir(), 'shiplog-outside-'));
  const entry = path.join(store, rel);
  const target = path.join(outside, 'target');
  let st;
  try {
    st = lstatSync(entry);
  } catch {
    st = undefined;
  }
  if (st?.isDirectory()) {
    cpSync(entry, target, { recursive: true });
    writeFileSync(path.join(target, 'victim-1.txt'), 'keep me\n');
    writeFileSync(path.join(target, 'victim-2.txt'), 'keep me too\n');
    rmSync(entry, { recursive: true });
  } else if (st) {
    // the same bytes plus lines past them: a truncation to the committed length would cut these
    writeFileSync(target, Buffer.concat([readFileSync(entry), Buffer.from('line 1\nline 2\nline 3\n')]));
    rmSync(entry);
  } else {
    writeFileSync(target, '{"seq":99,"writes":[{"path":"meta.json","data":"{}"}]}\n');
  }
  symlinkSync(target, entry);
  return outside;
}

function shard(store: string, kind: string): string {
  const dir = path.join(store, 'objects', kind);
  return path.join('objects', kind, readdirSync(dir)[0]);
}

function firstFile(store: string, rel: string): string {
  return path.join(rel, readdirSync(path.join(store, rel)).filter((f) => f.endsWith('.json'))[0]);
}

const CASES: ReadonlyArray<readonly [string, (store: string) => string]> = [
  ['tmp/', () => 'tmp'],
  ['log/', () => 'log'],
  ['a log segment', () => 'log/000001.jsonl'],
  ['objects/', () => 'objects'],
  ['objects/av (a kind directory)', () => 'objects/av'],
  ['an object shard directory', (s) => shard(s, 'av')],
  ['an object file', (s) => firstFile(s, shard(s, 'av'))],
  ['an environment directory', (s) => shard(s, 'env')],
  ['an environment state file', (s) => firstFile(s, shard(s, 'env'))],
  ['meta.json', () => 'meta.json'],
  ['journal.json', () => 'journal.json'],
  ['write.lock', () => 'write.lock'],
  ['schema.json', () => 'schema.json'],
];

describe('local store: a symbolic link anywhere inside is refused, nothing changes', () => {
  it.each(CASES)('%s', async (_, relOf) => {
    const { store, cli } = await storeWithData();
    mkdirSync(path.join(store, 'tmp'), { recursive: true });
    writeFileSync(path.join(store, 'tmp', 'leftover.tmp'), 'x');
    const rel = relOf(store);
    const out = plant(store, rel);
    const storeBefore = snapshot(store);
    const outsideBefore = snapshot(out);

    const w = await cli(['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0']);
    expect(w.code, w.err).toBe(2);
    expect(w.err.trim()).toMatch(
      new RegExp(`^shiplog: error: store entry ${rel.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is a symbolic link`),
    );
    expect(w.err.trim().split('\n')[0]).not.toContain('internal error');

    // Readers refuse the links on their way, or do not pass them; either way they change nothing.
    for (const argv of [['status'], ['history'], ['status', '--env', 'dev', '--application', APP]]) {
      const r = await cli(argv);
      if (r.code !== 0) {
        expect(r.code, r.err).toBe(2);
        expect(r.err).toContain('is a symbolic link');
      }
    }
    expect(snapshot(out)).toEqual(outsideBefore);
    expect([...snapshot(store)].filter(([k]) => !storeBefore.has(k) || storeBefore.get(k) !== snapshot(store).get(k))).toEqual([]);
    expect(snapshot(store)).toEqual(storeBefore);
  });

  it('a journal naming a file outside the layout is refused before it is applied', async () => {
    const { store, cli } = await storeWithData();
    outside = mkdtempSync(path.join(tmpdir(), 'shiplog-outside-'));
    const victim = path.join(outside, 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    const rel = path.relative(store, victim);
    writeFileSync(path.join(store, 'journal.json'), JSON.stringify({ seq: 5, writes: [{ path: rel, data: 'owned\n' }] }));
    const before = snapshot(store);
    const r = await cli(['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0']);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain('journal.json');
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(snapshot(store)).toEqual(before);
  });

  it('the store directory itself may be a link (a cache mount): it works as usual', async () => {
    repo = makeRepo();
    const r = repo;
    outside = mkdtempSync(path.join(tmpdir(), 'shiplog-outside-'));
    symlinkSync(outside, path.join(r.dir, '.shiplog'));
    const up = await runCliInProcess(['version-update', '--component-name', CART, '--component-version', '1', '--application', APP], {
      cwd: r.dir,
      env: r.env,
    });
    expect(up.code, up.err).toBe(0);
    expect(readdirSync(outside)).toContain('schema.json');
  });

  it('a tmp/ link in an empty directory does not make it a new store', async () => {
    repo = makeRepo();
    const r = repo;
    outside = mkdtempSync(path.join(tmpdir(), 'shiplog-outside-'));
    mkdirSync(path.join(r.dir, 'st'));
    symlinkSync(outside, path.join(r.dir, 'st', 'tmp'));
    const up = await runCliInProcess(
      ['version-update', '--state-dir', 'st', '--component-name', CART, '--component-version', '1', '--application', APP],
      { cwd: r.dir, env: r.env },
    );
    expect(up.code, up.err).toBe(2);
    expect(readdirSync(path.join(r.dir, 'st'))).toEqual(['tmp']);
    renameSync(path.join(r.dir, 'st'), path.join(r.dir, 'st2'));
  });
});
