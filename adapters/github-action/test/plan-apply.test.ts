// The plan and apply actions, built and run the way the runner runs them (test/runner-harness.ts), on an intent
// repository: two applications (payments <- shop) in dev, recorded with the core in the same workspace store.
import { writeFile } from 'node:fs/promises';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHost, execute } from '@shiplog/core';
import { makeWorkspace, runAction } from './runner-harness.js';

const PAYMENTS = 'GLOBAL.Acme.Store.payments';
const SHOP = 'GLOBAL.Acme.Store.shop';
const INTENT = `[application."${PAYMENTS}"]
deploy = ["sh", "deploy.sh"]

[application."${SHOP}"]
depends_on = ["${PAYMENTS}"]
deploy = ["sh", "deploy.sh"]

[environment.dev]
"${PAYMENTS}" = "latest"
"${SHOP}" = "latest"
`;
const DEPLOY_SH = `#!/bin/sh
app=\${SHIPLOG_APPLICATION##*.}
echo "deploying $app $SHIPLOG_APP_VERSION to $SHIPLOG_ENVIRONMENT"
if [ -f "fail-$app" ]; then echo "failing on purpose"; exit 3; fi
`;

let ws: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  ws = await makeWorkspace();
  await writeFile(join(ws.dir, 'intent.toml'), INTENT);
  await writeFile(join(ws.dir, 'deploy.sh'), DEPLOY_SH);
  chmodSync(join(ws.dir, 'deploy.sh'), 0o755);
  for (const app of [PAYMENTS, SHOP]) {
    const host = createMemoryHost({ env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: ws.dir }, cwd: ws.dir });
    const r = await execute('version-update', { 'component-name': `${app}-svc`, 'component-version': '1.0', application: app }, host);
    expect(r.exitCode, host.err()).toBe(0);
  }
}, 300_000);
afterEach(async () => {
  await ws.cleanup();
});

const run = (op: string, inputs: Record<string, string> = {}) => runAction(op, { workspace: ws.dir, inputs });

describe('plan action', { timeout: 300_000 }, () => {
  it('writes the plan and its Mermaid waves to the job summary, sets changes/has-changes, fails the step on changes', async () => {
    const r = await run('plan');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error::shiplog plan: 2 to deploy, 0 up to date \(exit 1; pass-on-changes: true passes the step\)/);
    expect(r.outputs).toMatchObject({ changes: '2', 'has-changes': 'true' });
    expect(JSON.parse(r.outputs.result)).toMatchObject({ ok: true, operation: 'plan', changes: true });
    expect(r.summary).toContain('### shiplog plan\n');
    expect(r.summary).toContain('| Changes | 2 |');
    expect(r.summary).toContain('| Environment | Wave | Application | Current | Desired | Action | Reason |');
    expect(r.summary).toContain(
      `| dev | 2 | ${SHOP} | - | 1 | deploy | nothing runs there, wants 1 \\(latest\\) |`.replace('\\(', '(').replace('\\)', ')'),
    );
    expect(r.summary).toMatch(/#### Waves\n\n```mermaid\nflowchart LR\n[\s\S]*subgraph w1\["wave 1"\][\s\S]*payments[\s\S]*```/);
  });

  it('passes with pass-on-changes: true, the outputs telling what it found', async () => {
    const r = await run('plan', { 'pass-on-changes': 'true' });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.stdout).not.toContain('::error::');
    expect(r.outputs).toMatchObject({ changes: '2', 'has-changes': 'true' });
  });
});

describe('apply action', { timeout: 300_000 }, () => {
  it('folds each deployment in a ::group:: of its own, then reports the deployments and outputs', async () => {
    const r = await run('apply');
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).not.toContain('::group::shiplog apply');
    const lines = r.stdout.split('\n');
    const groups = lines.filter((l) => l.startsWith('::group::'));
    expect(groups).toEqual([`::group::wave 1: deploying ${PAYMENTS} 1 to dev`, `::group::wave 2: deploying ${SHOP} 1 to dev`]);
    const open = lines.indexOf(groups[1]);
    const close = lines.indexOf('::endgroup::', open);
    expect(lines.slice(open + 1, close), r.stdout).toContain(`[dev ${SHOP}] deploying shop 1 to dev`);
    expect(lines[close + 1]).toMatch(new RegExp(`^apply: wave 2: ${SHOP.replace(/\./g, '\\.')} 1 to dev: succeeded in `));
    expect(r.outputs).toMatchObject({ deployed: '2', failed: '0', 'apply-status': 'success', changes: '2', 'has-changes': 'true' });
    expect(r.summary).toContain('### shiplog apply\n');
    expect(r.summary).toContain('| Deployed | 2 |');
    expect(r.summary).toMatch(
      new RegExp(`\\| dev \\| 2 \\| ${SHOP.replace(/\./g, '\\.')} \\| 1 \\| deploy \\| succeeded \\| [0-9.]+ s \\| #2 \\|`),
    );

    // Applied: the plan is empty now, and passes.
    const again = await run('plan');
    expect(again.exitCode).toBe(0);
    expect(again.outputs).toMatchObject({ changes: '0', 'has-changes': 'false' });
  });

  it('a failed deployment: the step fails, the outputs and the summary say what was done and what was not started', async () => {
    await writeFile(join(ws.dir, 'fail-payments'), '');
    const r = await run('apply');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('::error::apply did not reach the intent: 1 failed, 1 not started');
    expect(r.outputs).toMatchObject({ deployed: '0', failed: '1', 'apply-status': 'failed' });
    expect(r.summary).toContain('### ❌ shiplog apply failed (exit 1)');
    expect(r.summary).toContain(`| dev | 2 | ${SHOP} | 1 | deploy | not started |`);
  });
});
