// dist/ is committed: rebuild it into a temp dir with the same rollup config and fail when anything differs.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ACTION_ROOT } from './runner-harness.js';

it('dist/ matches a fresh build of src/ (run `npm run build`)', async () => {
  const out = await mkdtemp(join(tmpdir(), 'shiplog-gha-dist-'));
  try {
    const rollup = join(ACTION_ROOT, '..', '..', 'node_modules', 'rollup', 'dist', 'bin', 'rollup');
    await promisify(execFile)(process.execPath, [rollup, '-c', 'rollup.config.mjs', '--silent'], {
      cwd: ACTION_ROOT,
      env: { ...process.env, SHIPLOG_ACTION_OUT_DIR: out },
    });
    const committed = (await readdir(join(ACTION_ROOT, 'dist'))).sort();
    const fresh = (await readdir(out)).sort();
    expect(committed).toEqual(fresh);
    expect(fresh).toContain('index.cjs');
    for (const f of fresh) {
      const same = (await readFile(join(out, f), 'utf8')) === (await readFile(join(ACTION_ROOT, 'dist', f), 'utf8'));
      expect(same, `dist/${f} is stale`).toBe(true);
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}, 180_000);
