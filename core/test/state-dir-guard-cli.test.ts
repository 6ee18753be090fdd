/**
 * `--state-dir` pointed at a directory that is not a shiplog store (review repro1: a Rails checkout with
 * `--state-dir .` lost tmp/pids/server.pid and had log/ truncated): every command refuses it with one line,
 * exit 2, and every file in it survives byte for byte.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo, type TestRepo, runCliInProcess } from './execute-fixtures.js';

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

function cli(argv: string[]) {
  return runCliInProcess(argv, { cwd: repo!.dir, env: repo!.env });
}

const RAILS = {
  'proj/Gemfile': "source 'https://rubygems.org'\n",
  'proj/tmp/pids/server.pid': '4242\n',
  'proj/tmp/keep.txt': 'important\n',
  'proj/log/000001.jsonl': '1\n2\n3\n',
};

describe('--state-dir at a directory that is not a store', () => {
  it.each([
    ['version-update', ['--component-name', 'GLOBAL.A.c', '--component-version', '1']],
    ['status', []],
    ['history', []],
    ['deploy', ['--application', 'GLOBAL.A.app', '--env', 'dev', '--exit-code', '0']],
  ])('%s: exit 2, one line naming the directory, nothing touched', async (command, args) => {
    repo = makeRepo(RAILS);
    const before = repo.storeSnapshot('proj');
    const r = await cli([command, '--state-dir', 'proj', ...args]);
    expect(r.code).toBe(2);
    const errors = r.err.split('\n').filter((l) => l.startsWith('shiplog: error:'));
    expect(errors).toEqual([
      `shiplog: error: state directory ${repo.dir}/proj is not a shiplog store: it is not empty and has no schema.json`,
    ]);
    expect(repo.storeSnapshot('proj')).toEqual(before);
  });

  it('an empty or missing directory becomes a store', async () => {
    repo = makeRepo();
    mkdirSync(join(repo.dir, 'empty'));
    for (const dir of ['empty', 'missing']) {
      const r = await cli(['version-update', '--state-dir', dir, '--component-name', 'GLOBAL.A.c', '--component-version', '1']);
      expect(r.code).toBe(0);
      expect([...repo.storeSnapshot(dir).keys()]).toContain('schema.json');
    }
  });
});
