// The README's shared-store recipe, through the real hooks as the agent runs them: the `store` option reaches the
// core as the store URL, the store password comes from the job's environment (as the agent's secrets set it) by
// the name `credentials.store-password` gives, goes to the agent's redactor, and appears in nothing else.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { expectNoSecret, makeJob } from './hook-harness.js';

const TOKEN = 'st0re-t0ken/with+chars=';
let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

it('a git store with its token from the secrets hook: state in the remote, the token only in the redactor', async () => {
  const job = makeJob();
  const root = mkdtempSync(join(tmpdir(), 'shiplog-bk-store-'));
  dirs.push(job.dir, root);
  const remote = join(root, 'state.git');
  execFileSync('git', ['init', '-q', '--bare', remote]);
  const config = {
    operation: 'version-update',
    'component-name': 'GLOBAL.Acme.Store.cart',
    'component-version': 'v1.0.0',
    application: 'GLOBAL.Acme.Store.shop',
    store: `git+file://${remote}`,
    credentials: { 'store-password': 'STATE_TOKEN' },
  };
  const r = await job.run('command', config, { STATE_TOKEN: TOKEN });
  expect(r.status, r.stderr).toBe(0);
  expect(execFileSync('git', ['--git-dir', remote, 'log', '--format=%s', 'shiplog-state'], { encoding: 'utf8' })).toContain(
    'GLOBAL.Acme.Store.cart',
  );
  const redactor = r.calls.find((c) => c.args[0] === 'redactor');
  expect(Object.values(JSON.parse(redactor?.stdin ?? '{}'))).toContain(TOKEN);
  expectNoSecret(job, [r], TOKEN);
});
