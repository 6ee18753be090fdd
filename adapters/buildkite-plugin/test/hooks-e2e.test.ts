// End to end on the embedded store: the real hooks run the shipped CLI bundle with a recording fake
// buildkite-agent; annotate/meta-data calls are asserted and every byte the plugin wrote is scanned for the
// password (DHPASS is set in the job, and one attribute even carries it).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { annotations, cli, expectNoSecret, makeJob, metaData, PASSWORD, PLUGIN_DIR, type HookRun, type Job } from './hook-harness.js';

const APP = 'GLOBAL.Acme.Store.shop';
const COMPONENT = 'GLOBAL.Acme.Store.cart';

/** The build date is the clock's: two runs a moment apart differ only there. */
const withoutDate = (script: string) => script.replace(/^export BLDDATE=.*$/m, '');

let job: Job;
beforeEach(() => {
  job = makeJob();
});
afterEach(() => {
  rmSync(job.dir, { recursive: true, force: true });
});

describe('embedded store', () => {
  it('version-update, wrapped deploy, approve, move and envscript report to Buildkite', async () => {
    const runs: HookRun[] = [];
    const vu = await job.run('command', {
      operation: 'version-update',
      'component-name': COMPONENT,
      'component-version': '1.2.0',
      application: APP,
      attr: ['Team=web', `Leak=${PASSWORD}`],
    });
    runs.push(vu);
    expect(vu.status, vu.stderr).toBe(0);
    expect(annotations(vu.calls)).toEqual([expect.objectContaining({ style: 'success', context: 'shiplog-version-update' })]);
    const vuMeta = metaData(vu.calls);
    expect(vuMeta['shiplog-component-version']).toMatch(/^GLOBAL\.Acme\.Store\.cart;main;1_2_0$/);
    expect(vuMeta['shiplog-app-version']).toMatch(/^GLOBAL\.Acme\.Store\.shop;/);
    const appVersion = vuMeta['shiplog-app-version'];

    // wrapper mode: the command hook runs the step's command, post-command records it
    const deployConfig = { operation: 'deploy', application: APP, env: 'dev' };
    const step = 'echo "rolling out shop"; echo done > rolled-out.txt';
    const cmd = await job.run('command', deployConfig, { BUILDKITE_COMMAND: step });
    runs.push(cmd);
    expect(cmd.status, cmd.stderr).toBe(0);
    expect(cmd.stdout + cmd.stderr).toContain('rolling out shop');
    expect(annotations(cmd.calls)).toEqual([]);
    const post = await job.run('post-command', deployConfig, { BUILDKITE_COMMAND: step, BUILDKITE_COMMAND_EXIT_STATUS: '0' });
    runs.push(post);
    expect(post.status, post.stderr).toBe(0);
    expect(annotations(post.calls)).toEqual([expect.objectContaining({ style: 'success', context: 'shiplog-deploy' })]);
    const deploymentId = metaData(post.calls)['shiplog-deployment-id'];
    expect(deploymentId).toMatch(/^\d+$/);

    const history = cli(job.checkout, ['history', '--application', APP]);
    const recorded = history.deployments.find((d: any) => String(d.id) === deploymentId);
    expect(recorded).toMatchObject({ environment: 'dev', status: 'success', exitCode: 0, mode: 'record', appVersion });
    expect(recorded.logUrl).toBe(`${job.env.BUILDKITE_BUILD_URL}#${job.env.BUILDKITE_JOB_ID}`);
    expect(recorded.build).toMatchObject({
      provider: 'buildkite',
      branch: 'main',
      commit: job.env.BUILDKITE_COMMIT,
      buildUrl: job.env.BUILDKITE_BUILD_URL,
    });

    // a failing wrapped command is recorded as a failed deployment: the command hook keeps the command's exit
    // status, post-command succeeds once the record is stored (the agent would otherwise end the job with the
    // hook's status) and publishes the failed deployment's id and status
    const failing = 'echo "broken rollout"; exit 3';
    runs.push(await job.run('command', { ...deployConfig, env: 'dev' }, { BUILDKITE_COMMAND: failing }));
    expect(runs.at(-1)!.status).toBe(3);
    const failedPost = await job.run(
      'post-command',
      { ...deployConfig, env: 'dev' },
      { BUILDKITE_COMMAND: failing, BUILDKITE_COMMAND_EXIT_STATUS: '3' },
    );
    runs.push(failedPost);
    expect(failedPost.status, failedPost.stderr).toBe(0);
    expect(annotations(failedPost.calls)).toEqual([expect.objectContaining({ style: 'error', context: 'shiplog-deploy' })]);
    const failedMeta = metaData(failedPost.calls);
    expect(failedMeta).toMatchObject({ 'shiplog-deployment-status': 'failed', 'shiplog-app-version': appVersion });
    const failedRecord = cli(job.checkout, ['history', '--application', APP]).deployments.find(
      (d: any) => String(d.id) === failedMeta['shiplog-deployment-id'],
    );
    expect(failedRecord).toMatchObject({ environment: 'dev', status: 'failed', exitCode: 3, mode: 'record' });

    // prod is gated: moving without an approval is a warning, then approve and move succeed
    const blocked = await job.run('command', { operation: 'move', application: APP, to: 'prod' });
    runs.push(blocked);
    expect(blocked.status).toBe(1);
    expect(annotations(blocked.calls)[0]).toMatchObject({ style: 'warning', context: 'shiplog-move' });
    const approve = await job.run('command', { operation: 'approve', application: APP, stage: 'prod', notes: 'ok from Buildkite' });
    runs.push(approve);
    expect(approve.status, approve.stderr).toBe(0);
    expect(metaData(approve.calls)['shiplog-app-version']).toBe(appVersion);
    // the approver is the Buildkite build creator, through the core's CI context
    expect(annotations(approve.calls)[0].body).toContain(`| By | \`${job.env.BUILDKITE_BUILD_CREATOR}\` |`);
    const move = await job.run('command', { operation: 'move', application: APP, to: 'prod' });
    runs.push(move);
    expect(move.status, move.stderr).toBe(0);
    expect(annotations(move.calls)[0]).toMatchObject({ style: 'success', context: 'shiplog-move' });
    expect(annotations(move.calls)[0].body).toContain('prod');

    const env = await job.run('command', { operation: 'envscript', output: 'build.env', format: 'dotenv' });
    runs.push(env);
    expect(env.status, env.stderr).toBe(0);
    expect(readFileSync(join(job.checkout, 'build.env'), 'utf8')).toContain('=');
    expect(annotations(env.calls)[0]).toMatchObject({ style: 'success', context: 'shiplog-envscript' });

    // without output the script goes to the job log, exactly as `shiplog envscript` prints it
    const printed = await job.run('command', { operation: 'envscript', format: 'sh' });
    runs.push(printed);
    expect(printed.status, printed.stderr).toBe(0);
    const direct = spawnSync(process.execPath, [join(PLUGIN_DIR, 'dist', 'shiplog.mjs'), 'envscript', '--format', 'sh'], {
      cwd: job.checkout,
      env: job.env,
      encoding: 'utf8',
    });
    expect(direct.status, direct.stderr).toBe(0);
    expect(printed.stdout).toMatch(/^export GIT_COMMIT='[0-9a-f]{40}'$/m);
    expect(withoutDate(printed.stdout)).toBe(withoutDate(direct.stdout));
    expect(annotations(printed.calls)[0].body).toContain('| File | `job log (no output file)` |');

    expectNoSecret(job, runs);
  });

  it('invalid input is reported by the CLI: exit 2 and an error annotation', async () => {
    const r = await job.run('command', { operation: 'deploy', application: APP, env: 'no-such-env', 'exit-code': 0 });
    expect(r.status).toBe(2);
    expect(annotations(r.calls)).toEqual([expect.objectContaining({ style: 'error', context: 'shiplog-deploy' })]);
    expect(r.stderr).toMatch(/shiplog: error: /);
  });
});

describe("the release policy's verdict", () => {
  it('a refused move fails the step; meta-data carries gate-passed and the unmet rules, the annotation names each rule', async () => {
    const vu = await job.run('command', {
      operation: 'version-update',
      'component-name': COMPONENT,
      'component-version': '1.0.0',
      application: APP,
    });
    expect(vu.status, vu.stderr).toBe(0);
    const refused = await job.run('command', { operation: 'move', application: APP, to: 'prod' });
    expect(refused.status).toBe(1);
    const meta = metaData(refused.calls);
    expect(meta['shiplog-gate-passed']).toBe('false');
    expect(JSON.parse(meta['shiplog-unmet-rules'])).toEqual([expect.objectContaining({ rule: 'approval', stage: 'prod' })]);
    const [annotation] = annotations(refused.calls);
    expect(annotation).toMatchObject({ context: 'shiplog-move' });
    expect(annotation.body).toMatch(/approval/);

    const approved = await job.run('command', { operation: 'approve', application: APP, stage: 'prod' });
    expect(approved.status, approved.stderr).toBe(0);
    const moved = await job.run('command', { operation: 'move', application: APP, to: 'prod' });
    expect(moved.status, moved.stderr).toBe(0);
    expect(metaData(moved.calls)).toMatchObject({ 'shiplog-gate-passed': 'true', 'shiplog-unmet-rules': '[]' });
  });
});
