// The built bundle, run the way the runner runs it (test/runner-harness.ts), on the local backend.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADAPTER_COMMANDS, ADAPTER_REFS, inputsFor, isRequired } from '@shiplog/core';
import { ACTION_ROOT, makeWorkspace, runAction, type ActionRun } from './runner-harness.js';
import { openedPullRequest } from './webhook-payloads.js';

const APP = 'GLOBAL.Acme.Store.shop';
const COMP = { 'component-name': 'GLOBAL.Acme.Store.cart', 'component-version': 'v1.0.0', application: APP };

let ws: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const run = (op: string, inputs: Record<string, string>, extra: Partial<Parameters<typeof runAction>[1]> = {}) =>
  runAction(op, { workspace: ws.dir, inputs, ...extra });

function expectOk(r: ActionRun): void {
  expect(r.stdout, r.stdout + r.stderr).not.toContain('::error::');
  expect(r.exitCode, r.stdout + r.stderr).toBe(0);
}

describe('version-update', () => {
  it('sets the outputs, groups its log and writes a summary with the table, links and lineage', async () => {
    const r = await run('version-update', COMP);
    expectOk(r);
    expect(r.outputs['component-version']).toBe('GLOBAL.Acme.Store.cart;main;v1_0_0');
    expect(r.outputs['app-version']).toMatch(/^GLOBAL\.Acme\.Store\.shop;/);
    const result = JSON.parse(r.outputs.result);
    expect(result).toMatchObject({ ok: true, operation: 'version-update' });
    expect(r.stdout).toMatch(/::group::shiplog version-update\n[\s\S]*::endgroup::/);
    expect(r.summary).toContain('### shiplog version-update');
    expect(r.summary).toContain('| Component version | `GLOBAL.Acme.Store.cart;main;v1_0_0` (created) |');
    expect(r.summary).toContain('| Build | [CI run #17](https://github.com/acme/shop/actions/runs/4242/attempts/1) |');
    expect(r.summary).toMatch(/```mermaid\nflowchart LR\n[\s\S]*cart;main;v1_0_0[\s\S]*```/);
  });

  it('still succeeds on a runner without GITHUB_STEP_SUMMARY', async () => {
    const r = await run('version-update', COMP, { env: { GITHUB_STEP_SUMMARY: undefined } });
    expectOk(r);
    expect(r.outputs['component-version']).toBe('GLOBAL.Acme.Store.cart;main;v1_0_0');
    expect(r.summary).toBe('');
  });

  it('links the pull request of a pull_request event (real payload)', async () => {
    const pr = openedPullRequest();
    const r = await run('version-update', COMP, { event: { name: 'pull_request', payload: pr } });
    expectOk(r);
    expect(r.summary).toContain(`(${(pr.pull_request as { html_url: string }).html_url})`);
  });
});

describe('deploy', () => {
  beforeEach(async () => {
    expectOk(await run('version-update', COMP));
  });

  it('runs the command, streams its output and sets the deployment outputs', async () => {
    const r = await run('deploy', { application: APP, env: 'dev', command: 'echo rolling-out-now' });
    expectOk(r);
    expect(r.stdout).toContain('rolling-out-now');
    expect(r.outputs['deployment-status']).toBe('success');
    expect(r.outputs['deployment-id']).toMatch(/^\d+$/);
    expect(r.outputs['app-version']).toMatch(/^GLOBAL\.Acme\.Store\.shop;/);
    expect(r.summary).toContain('| Status | ✅ success |');
    expect(r.summary).toContain('deployed: dev');
    // the deployment's log is this run's log unless log-url says otherwise
    const runUrl = 'https://github.com/acme/shop/actions/runs/4242/attempts/1';
    expect(JSON.parse(r.outputs.result).deployment.logUrl).toBe(runUrl);
    expect(r.summary).toContain(`| Deployment log | [log](${runUrl}) |`);
    const own = await run('deploy', { application: APP, env: 'dev', command: 'true', 'log-url': 'https://logs.example/42' });
    expect(JSON.parse(own.outputs.result).deployment.logUrl).toBe('https://logs.example/42');
  });

  it('fails the step with the core message when the command fails, and still sets the outputs', async () => {
    const r = await run('deploy', { application: APP, env: 'dev', command: 'echo broken; exit 3' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^::error::.*dev.*$/m);
    expect(r.outputs['deployment-status']).toBe('failed');
    expect(r.outputs['deployment-id']).toMatch(/^\d+$/);
    expect(JSON.parse(r.outputs.result)).toMatchObject({ ok: false, error: { code: 'DEPLOY_FAILED' } });
    expect(r.summary).toContain('### ❌ shiplog deploy failed');
    expect(r.summary).toContain('| Status | ❌ failed |');
  });

  it('records a deployment an earlier step ran (exit-code + log-file)', async () => {
    await writeFile(join(ws.dir, 'deploy.log'), 'helm: release "shop" upgraded\n');
    const r = await run('deploy', { application: APP, env: 'dev', 'exit-code': '0', 'log-file': 'deploy.log' });
    expectOk(r);
    expect(r.outputs['deployment-status']).toBe('success');
  });
});

describe('approve and move', () => {
  beforeEach(async () => {
    expectOk(await run('version-update', COMP));
    expectOk(await run('move', { application: APP, to: 'qa' }));
  });

  it('refuses to move into the gated stage without an approval', async () => {
    const r = await run('move', { application: APP, to: 'prod' });
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.outputs.result)).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
    expect(r.summary).toContain('### ⛔ shiplog move refused by the release policy (exit 1)');
    expect(r.outputs['gate-passed']).toBe('false');
  });

  it('moves after an approval, with both summaries', async () => {
    const a = await run('approve', { application: APP, stage: 'prod', notes: 'looks good' });
    expectOk(a);
    expect(a.outputs['app-version']).toMatch(/^GLOBAL\.Acme\.Store\.shop;/);
    expect(a.summary).toContain('| Decision | approved |');
    const m = await run('move', { application: APP, to: 'prod' });
    expectOk(m);
    expect(m.summary).toContain('| To | `prod` |');
  });
});

describe('envscript', () => {
  it('exports the variables into GITHUB_ENV, multiline values intact', async () => {
    await writeFile(
      join(ws.dir, 'component.toml'),
      ['Name = "GLOBAL.Acme.Store.cart"', 'Version = "v1.0.0"', '', '[Export]', 'RELEASE_NOTES = """first line', 'second line"""', ''].join(
        '\n',
      ),
    );
    const r = await run('envscript', { 'export-env': 'true' });
    expectOk(r);
    expect(r.exported.RELEASE_NOTES).toBe('first line\nsecond line');
    expect(Object.keys(r.exported).length).toBeGreaterThan(3);
    expect(r.summary).toContain('`RELEASE_NOTES`');
  });

  it("turns the core's warnings into ::warning:: annotations", async () => {
    await writeFile(
      join(ws.dir, 'component.toml'),
      ['Name = "GLOBAL.Acme.Store.cart"', '', '[Export]', 'DEPLOY_TOKEN = "abc"', ''].join('\n'),
    );
    const r = await run('envscript', { 'export-env': 'true' });
    expectOk(r);
    expect(r.stdout).toMatch(/^::warning::envscript: DEPLOY_TOKEN looks like a credential, skipped$/m);
    expect(r.exported.DEPLOY_TOKEN).toBeUndefined();
  });

  it('refuses export-env together with an output file', async () => {
    const r = await run('envscript', { 'export-env': 'true', output: 'vars.sh' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^::error::export-env writes to GITHUB_ENV/m);
    expect(r.files.GITHUB_ENV).toBe('');
  });
});

describe('bad input', () => {
  for (const op of ADAPTER_COMMANDS) {
    const required = inputsFor(op).filter((s) => isRequired(s, op));
    for (const spec of required) {
      it(`${op} without ${spec.name} fails naming it and writes no output but the result`, async () => {
        const all: Record<string, string> = { application: APP, env: 'dev' };
        const inputs = Object.fromEntries(required.filter((s) => s !== spec).map((s) => [s.name, all[s.name] ?? 'x']));
        const r = await run(op, inputs);
        expect(r.exitCode).toBe(1);
        expect(r.stdout).toMatch(new RegExp(`^::error::.*${spec.name}.*required`, 'm'));
        expect(Object.keys(r.outputs)).toEqual(['result']);
        expect(JSON.parse(r.outputs.result)).toMatchObject({ ok: false, error: { exitCode: 2 } });
      });
    }
  }

  it('shows the stack behind a failure only with step debug logging on', async () => {
    const quiet = await run('approve', { application: 'no-domain' });
    expect(quiet.exitCode).toBe(1);
    expect(quiet.stdout).not.toContain('::debug::');
    const debug = await run('approve', { application: 'no-domain' }, { env: { RUNNER_DEBUG: '1' } });
    expect(debug.exitCode).toBe(1);
    expect(debug.stdout).toMatch(/^::debug::.*needs a full domain path.*%0A +at /m);
  });

  it('rejects an unknown operation value', async () => {
    const r = await run('deploy', { operation: 'status' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^::error::input "operation" must be one of/m);
  });
});

describe('review fixes', () => {
  it('keeps the lineage graph out of the step log (it is in the job summary only)', async () => {
    const r = await run('version-update', COMP);
    expectOk(r);
    expect(r.summary).toMatch(/```mermaid\nflowchart LR\n/);
    expect(r.stdout).not.toContain('flowchart');
    expect(r.stdout).not.toContain('cart;main;v1_0_0"]');
  });

  it('sets the result and writes a failure summary for a bad operation input', async () => {
    const r = await run('deploy', { operation: 'status' });
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.outputs.result)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', exitCode: 2 } });
    expect(r.summary).toContain('### ❌ shiplog failed');
    expect(r.summary).toContain('input "operation" must be one of');
  });

  it('sets the result and writes a failure summary when export-env meets an output file', async () => {
    const r = await run('envscript', { 'export-env': 'true', output: 'vars.sh' });
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.outputs.result)).toMatchObject({
      ok: false,
      operation: 'envscript',
      error: { code: 'INVALID_INPUT', exitCode: 2 },
    });
    expect(r.summary).toContain('### ❌ shiplog envscript failed');
    expect(r.summary).toContain('export-env writes to GITHUB\\_ENV');
  });

  it("exports every variable the README's envscript example uses", async () => {
    const readme = await readFile(join(ACTION_ROOT, 'README.md'), 'utf8');
    const section = /^### envscript\n([\s\S]*?)\n## /m.exec(readme)?.[1] ?? '';
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    expect(example).toContain(ADAPTER_REFS.githubAction('envscript'));
    const used = [...example.matchAll(/\$\{?([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    const r = await run('envscript', { 'export-env': 'true' });
    expectOk(r);
    for (const name of used) expect(r.exported[name], `$${name} of the README example`).toMatch(/\S/);
  });
});
