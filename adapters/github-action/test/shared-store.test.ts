// The README's shared-store recipes, run the way the runner runs the action: the `store` input reaches the core
// as the store URL (state lands in the git remote's shiplog-state branch), `git+origin` uses the checkout's own
// remote, and the store password never appears in anything the action writes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeWorkspace, runAction, type ActionRun } from './runner-harness.js';

const TOKEN = 'ghp_StoreT0kenValue_0123456789abcdef';
let ws: Awaited<ReturnType<typeof makeWorkspace>>;
let remote: string;
const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
const everything = (r: ActionRun) =>
  [r.stdout, r.stderr, ...Object.values(r.files)]
    .join('\n')
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');

beforeEach(async () => {
  ws = await makeWorkspace();
  remote = join(mkdtempSync(join(tmpdir(), 'shiplog-gha-store-')), 'state.git');
  git('init', '-q', '--bare', remote);
});
afterEach(async () => {
  await ws.cleanup();
  rmSync(join(remote, '..'), { recursive: true, force: true });
});

const COMP = { 'component-name': 'GLOBAL.Acme.Store.cart', 'component-version': 'v1.0.0', application: 'GLOBAL.Acme.Store.shop' };

it('another repository: the store input and a token from a secret; the token is masked everywhere', async () => {
  const r = await runAction('version-update', {
    workspace: ws.dir,
    inputs: { ...COMP, store: `git+file://${remote}`, 'store-password': TOKEN },
  });
  expect(r.exitCode, r.stdout).toBe(0);
  expect(git('--git-dir', remote, 'log', '--format=%s', 'shiplog-state')).toContain('GLOBAL.Acme.Store.cart');
  expect(r.stdout).toContain(`::add-mask::${TOKEN}`);
  for (const form of [TOKEN, Buffer.from(TOKEN).toString('base64')]) expect(everything(r)).not.toContain(form);
});

it("the same repository: store git+origin pushes to the checkout's origin", async () => {
  execFileSync('git', ['remote', 'add', 'origin', remote], { cwd: ws.dir });
  const r = await runAction('version-update', { workspace: ws.dir, inputs: { ...COMP, store: 'git+origin' } });
  expect(r.exitCode, r.stdout).toBe(0);
  expect(git('--git-dir', remote, 'rev-parse', '--verify', 'refs/heads/shiplog-state')).toMatch(/^[0-9a-f]{40}$/);
  const again = await runAction('deploy', {
    workspace: ws.dir,
    inputs: { application: COMP.application, env: 'dev', command: 'true', store: 'git+origin' },
  });
  expect(again.exitCode, again.stdout).toBe(0);
  expect(git('--git-dir', remote, 'log', '--format=%s', 'shiplog-state').split('\n').length).toBeGreaterThanOrEqual(2);
});
