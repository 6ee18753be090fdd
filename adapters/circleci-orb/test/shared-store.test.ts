// The README's shared-store recipe, as a CircleCI job runs the orb (expanded job, each step in bash, the bundle
// from a loopback registry): the `store` parameter reaches the core as the store URL, the token comes from a
// context variable named by `store_password` (an env_var_name), and appears in nothing the job writes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expandJob } from './circleci-expand.js';
import { runJob } from './circleci-runner.js';
import { freshOrb, makeMachine, startFakeRegistry, type FakeRegistry } from './e2e-fixture.js';

const TOKEN = 'ctx-st0re-t0ken+value/x=';
let registry: FakeRegistry;
beforeAll(async () => {
  registry = await startFakeRegistry();
});
afterAll(async () => {
  await registry.close();
});

it('a git store with a token from a context: state in the remote, the token nowhere in the job', async () => {
  const machine = makeMachine();
  const root = mkdtempSync(join(tmpdir(), 'shiplog-orb-store-'));
  try {
    const remote = join(root, 'state.git');
    execFileSync('git', ['init', '-q', '--bare', remote]);
    const args = {
      application: 'GLOBAL.Acme.Store.shop',
      component_name: 'GLOBAL.Acme.Store.cart',
      component_version: 'v1.0.0',
      store: `git+file://${remote}`,
      store_password: 'STATE_TOKEN',
    };
    const steps = expandJob(freshOrb(), 'version-update', { registry: registry.url, ...args });
    const run = await runJob(steps, {
      cwd: machine.cwd,
      env: { ...machine.env, STATE_TOKEN: TOKEN },
      artifactsDir: machine.artifacts,
      pathMap: machine.pathMap,
    });
    expect(run.exitCode, run.output).toBe(0);
    expect(execFileSync('git', ['--git-dir', remote, 'log', '--format=%s', 'shiplog-state'], { encoding: 'utf8' })).toContain(
      'GLOBAL.Acme.Store.cart',
    );
    const written = [
      run.output,
      readFileSync(machine.argvLog, 'utf8'),
      ...readdirSync(join(machine.artifacts, 'shiplog')).map((f) => readFileSync(join(machine.artifacts, 'shiplog', f), 'utf8')),
    ].join('\n');
    // The shim logged the node that ran the operation (the bundle's circleciMain, its parameters in the environment:
    // no operation argument is on a command line any more), so the scan covers its command line.
    expect(readFileSync(machine.argvLog, 'utf8')).toContain('circleciMain');
    for (const form of [TOKEN, encodeURIComponent(TOKEN), Buffer.from(TOKEN).toString('base64')]) expect(written).not.toContain(form);
  } finally {
    machine.cleanup();
    rmSync(root, { recursive: true, force: true });
  }
});
