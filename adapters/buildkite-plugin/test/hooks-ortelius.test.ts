// End to end against the Ortelius emulator: the hooks take the URL, user and password from the environment
// variables the pipeline names, register the password with the agent's redactor first, and record a wrapped
// deployment on the server. Every byte the plugin wrote is scanned for the password.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOrteliusEmulator, type OrteliusEmulator } from '../../../core/test/ortelius-emulator/index.js';
import { annotations, expectNoSecret, makeJob, metaData, PASSWORD, type HookRun, type Job } from './hook-harness.js';

const APP = 'GLOBAL.Acme.Store.shop';
const COMPONENT = 'GLOBAL.Acme.Store.cart';

describe('Ortelius emulator', () => {
  let emu: OrteliusEmulator;
  let job: Job;
  beforeEach(async () => {
    emu = await startOrteliusEmulator({ users: { deployer: PASSWORD }, deployDelayMs: 50 });
    job = makeJob();
  });
  afterEach(async () => {
    rmSync(job.dir, { recursive: true, force: true });
    await emu.close();
  });

  it('records a wrapped deployment with credentials from the variables the pipeline names', async () => {
    const credentials = { dhurl: 'DH_SERVERURL', dhuser: 'DH_USERID', dhpass: 'DH_PASSWORD' };
    const secrets = { DHPASS: undefined, DH_SERVERURL: emu.url, DH_USERID: 'deployer', DH_PASSWORD: PASSWORD };
    const runs: HookRun[] = [];

    const vu = await job.run(
      'command',
      { operation: 'version-update', credentials, 'component-name': COMPONENT, 'component-version': '2.0.0', application: APP },
      secrets,
    );
    runs.push(vu);
    expect(vu.status, vu.stderr).toBe(0);
    // the password reached the agent's redactor first, through stdin, raw and URL-encoded
    expect(vu.calls[0].args).toEqual(['redactor', 'add', '--format', 'json']);
    expect(Object.values(JSON.parse(vu.calls[0].stdin))).toEqual(expect.arrayContaining([PASSWORD, encodeURIComponent(PASSWORD)]));
    expect(emu.requests.some((r) => r.path === '/dmadminweb/API/login')).toBe(true);
    const appVersion = metaData(vu.calls)['shiplog-app-version'];
    expect(appVersion).toMatch(/^GLOBAL\.Acme\.Store\.shop;/);

    const config = { operation: 'deploy', credentials, application: APP, env: 'dev' };
    const step = 'echo "deploying to dev"';
    runs.push(await job.run('command', config, { ...secrets, BUILDKITE_COMMAND: step }));
    expect(runs.at(-1)!.status).toBe(0);
    const post = await job.run('post-command', config, { ...secrets, BUILDKITE_COMMAND: step, BUILDKITE_COMMAND_EXIT_STATUS: '0' });
    runs.push(post);
    expect(post.status, post.stderr).toBe(0);
    expect(annotations(post.calls)).toEqual([expect.objectContaining({ style: 'success', context: 'shiplog-deploy' })]);
    expect(metaData(post.calls)['shiplog-deployment-id']).toMatch(/^\d+$/);

    const recorded = emu.requests.filter((r) => r.method === 'POST' && r.path === '/dmadminweb/API/deploy');
    expect(recorded).toHaveLength(1);
    const body = typeof recorded[0].body === 'string' ? JSON.parse(recorded[0].body) : recorded[0].body;
    expect(body).toMatchObject({ application: appVersion, environment: 'dev', rc: 0 });
    expect(emu.state.deployments).toHaveLength(1);

    // a wrong password is an authentication failure (exit 3), reported without the password
    const bad = await job.run(
      'command',
      { operation: 'approve', credentials, application: APP, stage: 'prod' },
      { ...secrets, DH_PASSWORD: `${PASSWORD}-wrong` },
    );
    runs.push(bad);
    expect(bad.status).toBe(3);
    expect(annotations(bad.calls)[0]).toMatchObject({ style: 'error', context: 'shiplog-approve' });

    expectNoSecret(job, runs);
    expectNoSecret(job, [bad], `${PASSWORD}-wrong`);
  });
});
