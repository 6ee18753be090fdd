// plan and apply end to end on the embedded store: the real hooks run the shipped CLI bundle with a recording fake
// buildkite-agent, on an intent repository (payments <- shop in dev). The annotation holds the plan table or the
// deployments, the meta-data the counts, and apply's log has a `--- ` section per deployment.
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { annotations, cli, makeJob, metaData, type Job } from './hook-harness.js';

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

let job: Job;
beforeEach(() => {
  job = makeJob();
  writeFileSync(join(job.checkout, 'intent.toml'), INTENT);
  writeFileSync(
    join(job.checkout, 'deploy.sh'),
    'echo "rolling out ${SHIPLOG_APPLICATION##*.} $SHIPLOG_APP_VERSION"\n[ ! -f "fail-${SHIPLOG_APPLICATION##*.}" ] || exit 3\n',
  );
  chmodSync(join(job.checkout, 'deploy.sh'), 0o755);
  for (const app of [PAYMENTS, SHOP])
    cli(job.checkout, ['version-update', '--component-name', `${app}-svc`, '--component-version', '1.0', '--application', app]);
}, 300_000);
afterEach(() => {
  rmSync(job.dir, { recursive: true, force: true });
});

describe('plan and apply', { timeout: 300_000 }, () => {
  it('plan: an annotation with the plan table, meta-data changes/has-changes, the step fails on changes unless pass-on-changes', async () => {
    const failing = await job.run('command', { operation: 'plan' });
    expect(failing.status, failing.stderr).toBe(1);
    const shown = await job.run('command', { operation: 'plan', env: ['dev'], 'pass-on-changes': true });
    expect(shown.status, shown.stderr).toBe(0);
    const [note] = annotations(shown.calls);
    expect(note).toMatchObject({ style: 'success', context: 'shiplog-plan' });
    expect(note.body).toContain('### shiplog plan');
    expect(note.body).toContain('| Environment | Wave | Application | Current | Desired | Action | Reason |');
    expect(note.body).toContain(`| dev | 1 | ${PAYMENTS} | - | 1 | deploy |`);
    expect(note.body).not.toContain('```mermaid');
    expect(metaData(shown.calls)).toEqual({ 'shiplog-changes': '2', 'shiplog-has-changes': 'true' });
    // The CLI's own table reaches the job log too.
    expect(shown.stderr).toMatch(/ENVIRONMENT +WAVE +APPLICATION/);
  });

  it('apply: a --- section per deployment (a failed one re-opened), the deployments annotated, the counts as meta-data', async () => {
    writeFileSync(join(job.checkout, 'fail-shop'), '');
    const r = await job.run('command', { operation: 'apply', env: 'dev' });
    expect(r.status).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('--- :rocket: shiplog apply');
    const payments = lines.indexOf(`--- wave 1: deploying ${PAYMENTS} 1 to dev`);
    const shop = lines.indexOf(`--- wave 2: deploying ${SHOP} 1 to dev`);
    expect(payments).toBeGreaterThan(0);
    expect(lines.slice(payments + 1, shop)).toContain(`[dev ${PAYMENTS}] rolling out payments 1`);
    const after = lines.indexOf('--- shiplog apply', shop);
    expect(lines[after - 1]).toBe('^^^ +++');
    expect(lines.slice(shop + 1, after)).toContain(`[dev ${SHOP}] rolling out shop 1`);
    const [note] = annotations(r.calls);
    expect(note).toMatchObject({ style: 'error', context: 'shiplog-apply' });
    expect(note.body).toMatch(/\| dev \| 1 \| GLOBAL\.Acme\.Store\.payments \| 1 \| deploy \| succeeded \| [0-9.]+ s \| #1 \|/);
    expect(note.body).toContain(`| dev | 2 | ${SHOP} | 1 | deploy | failed |`);
    expect(metaData(r.calls)).toEqual({
      'shiplog-changes': '2',
      'shiplog-has-changes': 'true',
      'shiplog-deployed': '1',
      'shiplog-failed': '1',
      'shiplog-apply-status': 'failed',
    });
  });
});
