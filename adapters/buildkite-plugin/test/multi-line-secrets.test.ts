// Issue 20, item 1, through the plugin's real hooks: a multi-line secret in the job (DEPLOY_PRIVATE_KEY) printed by
// the deployment command, carried by approval notes and an attribute, is masked line by line in the hook's output,
// the annotations, the meta-data and the store in the checkout; a multi-line DHPASS reaches the agent's redactor
// line by line too.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildkiteRedactorCall } from '@shiplog/core/kit';
import { leaks, needles, PEM, printed, SECRET_CASES } from '../../../core/test/multi-line-secret-cases.js';
import { filesUnder, makeJob, type HookRun, type Job } from './hook-harness.js';

const APP = 'GLOBAL.Acme.Store.shop';

let job: Job;
beforeEach(() => {
  job = makeJob();
});
afterEach(() => {
  rmSync(job.dir, { recursive: true, force: true });
});

describe('buildkite hooks, embedded store', () => {
  it.each(SECRET_CASES.filter((c) => c.name !== 'single-line'))('$name: 0 leaks in every sink', async ({ value }) => {
    writeFileSync(join(job.checkout, 'payload.txt'), printed(value));
    const line = needles(value).find((l) => l !== value && l.trim() === l) ?? value;
    const extra = { DEPLOY_PRIVATE_KEY: value };
    const runs: HookRun[] = [];
    for (const config of [
      {
        operation: 'version-update',
        'component-name': 'GLOBAL.Acme.Store.cart',
        'component-version': '1.0.0',
        application: APP,
        attr: [`Note=key ${line} end`],
      },
      { operation: 'approve', application: APP, stage: 'qa', notes: `approved with ${line}` },
      { operation: 'deploy', application: APP, env: 'dev', command: 'cat payload.txt' },
    ]) {
      const r = await job.run('command', config, extra);
      expect(r.status, r.stderr).toBe(0);
      runs.push(r);
    }
    const calls = runs.flatMap((r) => r.calls);
    const sinks = {
      log: runs.map((r) => r.stdout + r.stderr).join('\n'),
      annotations: calls
        .filter((c) => c.args[0] === 'annotate')
        .map((c) => c.stdin)
        .join('\n'),
      'meta-data': calls
        .filter((c) => c.args[0] === 'meta-data')
        .map((c) => c.args.join(' '))
        .join('\n'),
      store: filesUnder(job.checkout)
        .filter((f) => !f.endsWith('payload.txt') && !f.includes('/.git/'))
        .map((f) => readFileSync(f, 'utf8'))
        .join('\n'),
    };
    expect(sinks.log).toContain('whole:');
    expect(sinks.annotations).toContain('approved with');
    expect(leaks(sinks, value)).toEqual([]);
  });

  it("a multi-line DHPASS is registered with the agent's redactor line by line", () => {
    const forms = Object.values(
      JSON.parse(
        buildkiteRedactorCall({ DHPASS: PEM }, { mode: 'run', operation: 'approve', credentials: { dhpass: 'DHPASS' }, args: [] })!.stdin,
      ) as Record<string, string>,
    );
    for (const l of needles(PEM)) expect(forms).toContain(l);
  });
});
