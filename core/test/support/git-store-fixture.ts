/** Shared set-up of the git store tests: a bare remote, stores opened on it with their own caches, a seed. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGitStore, type GitStoreOptions } from '../../src/backend/git/index.js';
import { RecordBackend } from '../../src/backend/records/record-backend.js';
import { createMemoryHost } from '../../src/host.js';
import type { CiContext } from '../../src/model.js';
import { git, makeBareRemote } from './git-servers.js';
export { AT, PROV, seed } from './record-seed.js';

/** A CI build's provenance: deployments, approvals and moves made with it carry an idempotency key. */
export const CI_PROV: CiContext = { provider: 'github', isCi: true, buildId: '9001', job: 'release / deploy', repo: 'acme/store' };
export const STATE_REF = 'refs/heads/shiplog-state';

export type GitFixture = Awaited<ReturnType<typeof gitFixture>>;

/** A bare remote in a temp directory; open() gives a store with its own cache unless one is named. */
export async function gitFixture(prefix = 'shiplog-git-') {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const remote = makeBareRemote(join(dir, 'remote.git'));
  const host = createMemoryHost();
  let n = 0;
  const open = (more: Partial<GitStoreOptions> = {}) =>
    openGitStore(host, { remote: `file://${remote}`, cacheDir: join(dir, `cache-${n++}`), ...more });
  const backend = async (more: Partial<GitStoreOptions> = {}) => new RecordBackend(host, await open(more));
  return { dir, remote, host, open, backend, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const remoteTip = (remote: string, ref = STATE_REF) => git(['--git-dir', remote, 'rev-parse', '--verify', '-q', ref]).trim();

/** `git log` of the state ref: [subject, Shiplog-Operation trailer] per commit, newest first. */
export function stateLog(remote: string, ref = STATE_REF): [string, string][] {
  const out = git(['--git-dir', remote, 'log', '--format=%s%x00%(trailers:key=Shiplog-Operation,valueonly,separator=%x2c)%x00', ref]);
  const fields = out.split('\0');
  const rows: [string, string][] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) rows.push([fields[i].trim(), fields[i + 1].trim()]);
  return rows;
}

/** The pid of a process that has exited (for planting a dead owner's leftovers). */
export function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

export async function waitForFile(p: string): Promise<void> {
  for (let i = 0; i < 6000 && !existsSync(p); i++) await new Promise((r) => setTimeout(r, 10));
  if (!existsSync(p)) throw new Error(`${p} never appeared`);
}
