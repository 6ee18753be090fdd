/**
 * Issue 16: a 10 MB deployment log is followed to the end (every line shown once) in at most 64 MB of RSS above
 * the follower's baseline. The emulator runs in its own process (it holds the log); the follower in another,
 * whose peak RSS is measured (core/test/support/follow-log.mjs).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const LOG_BYTES = 10 * 1024 * 1024;
let server: ReturnType<typeof spawn> | undefined;
let url = '';
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shiplog-logmem-'));
  const portFile = join(dir, 'url');
  server = spawn(
    process.execPath,
    [
      resolve(__dirname, 'ortelius-emulator/serve.mjs'),
      '--port-file',
      portFile,
      '--deploy-delay-ms',
      '1500',
      '--log-bytes',
      String(LOG_BYTES),
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 300 && !existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 100));
  url = (await readFile(portFile, 'utf8')).trim();
});
afterAll(async () => {
  server?.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true });
});

function follow(mode: 'stream' | 'whole'): Promise<{ baselineRss: number; maxRss: number; lines: number; bytes: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(__dirname, 'support/follow-log.mjs'), url, mode], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done(JSON.parse(out)) : fail(new Error(`follow-log exited ${code}`))));
  });
}

describe('following a 10 MB deployment log', () => {
  it('shows every line once in <= 64 MB of RSS above the baseline', async () => {
    const r = await follow('stream');
    expect(r.lines).toBe(Math.ceil(LOG_BYTES / 100));
    expect(r.bytes).toBeGreaterThanOrEqual(LOG_BYTES);
    const aboveMb = (r.maxRss - r.baselineRss) / 2 ** 20;
    console.log(`10 MB log followed: peak RSS ${(r.maxRss / 2 ** 20).toFixed(1)} MB, ${aboveMb.toFixed(1)} MB above the baseline`);
    expect(aboveMb).toBeLessThanOrEqual(64);
  });
});
