/**
 * The JSON result contract (docs/cli.md, "JSON results"): schemas/ holds one schema per command (plus init, error
 * and the shared definitions), every command's real result on a real local store conforms to its schema with
 * schemaVersion 1, results that break the vocabulary are refused, and the validation hook of the test setup
 * (support/result-schema-setup.ts) is what every other test's execute() goes through.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../src/execute.js';
import { COMMANDS, type CommandName } from '../src/inputs.js';
import { resultSchemaFiles } from '../src/cli/result-vocabulary-docs.js';
import { RESULT_SCHEMA_VERSION } from '../src/result-version.js';
import { runCliInProcess } from './execute-fixtures.js';
import { PAYMENTS, SHOP, intentFixture, type IntentFixture } from './support/intent-fixture.js';
import { STORE_FACTORIES, type StoreUnderTest } from './support/record-stores.js';
import { SCHEMA_DIR, resultSchemaNames, validateResult } from './support/result-schemas.js';

describe('schemas/', () => {
  it('holds one schema per command, init, error and common, each named by its $id', () => {
    const files = readdirSync(SCHEMA_DIR).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(resultSchemaFiles().sort());
    for (const name of files) {
      const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, `${name}.json`), 'utf8')) as { $schema: string; $id: string };
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id.endsWith(`/schemas/${name}.json`)).toBe(true);
    }
    expect(resultSchemaNames()).toEqual([...COMMANDS, 'init', 'error'].sort());
  });

  it('every result of the test suite is validated: execute() is the wrapped one', () => {
    expect((execute as unknown as { validatesResults?: boolean }).validatesResults).toBe(true);
  });

  it('refuses results that break the vocabulary', () => {
    const vu = {
      ok: true,
      operation: 'version-update',
      schemaVersion: 1,
      componentVersion: 'G.A.cart;1',
      componentVersionId: 'cv:1',
      componentVersionCreated: true,
      appVersion: null,
      appVersionId: null,
      appVersionCreated: null,
      attributes: {},
    };
    expect(validateResult(vu)).toEqual([]);
    // the old shapes: an object application version, `by`, `componentVersions`, no schemaVersion
    expect(validateResult({ ...vu, appVersion: { id: 'av:1', name: 'G.A.shop;1', created: true } }).join('\n')).toMatch(/\/appVersion/);
    const approve = {
      ok: true,
      operation: 'approve',
      schemaVersion: 1,
      appVersion: 'G.A.shop;1',
      approved: true,
      stage: 'prod',
      actor: { id: 'ada', source: 'git' },
      at: '2026-01-02T03:04:05.000Z',
      gatePassed: true,
      unmetRules: [],
    };
    expect(validateResult(approve)).toEqual([]);
    expect(validateResult({ ...approve, by: 'ada' }).join('\n')).toMatch(/must NOT have unevaluated properties \(by\)/);
    expect(validateResult({ ...approve, actor: 'ada' }).join('\n')).toMatch(/\/actor must be object/);
    expect(validateResult({ ...approve, at: '02/01/2026' }).join('\n')).toMatch(/\/at must match pattern/);
    const { schemaVersion: _, ...unversioned } = approve;
    expect(validateResult(unversioned).join('\n')).toMatch(/must have required property 'schemaVersion'/);
    const deployment = {
      id: 1,
      appVersion: 'G.A.shop;1',
      application: 'G.A.shop',
      environment: 'qa',
      stage: 'qa',
      exitCode: 0,
      status: 'success',
      mode: 'run',
      components: ['G.A.cart;1'],
      durationMs: null,
      logLines: 0,
    };
    const deploy = { ok: true, operation: 'deploy', schemaVersion: 1, deployment };
    expect(validateResult(deploy)).toEqual([]);
    expect(validateResult({ ...deploy, deployment: { ...deployment, durationMs: 1234 } })).toEqual([]);
    const { durationMs: _omitted, ...withoutDuration } = deployment;
    expect(validateResult({ ...deploy, deployment: withoutDuration }).join('\n')).toMatch(/durationMs/);
    expect(validateResult({ ...deploy, deployment: { ...deployment, durationMs: 1.5 } }).join('\n')).toMatch(/durationMs must be integer/);
    const { components, ...old } = deployment;
    expect(validateResult({ ...deploy, deployment: { ...old, componentVersions: components } }).join('\n')).toMatch(/componentVersions/);
    expect(validateResult({ ok: false, schemaVersion: 1, error: { code: 'USAGE', message: 'x', exitCode: 2 } })).toEqual([]);
    expect(validateResult({ ok: false, schemaVersion: 1, error: { code: 'USAGE', message: 'x' } }).join('\n')).toMatch(/exitCode/);
    expect(validateResult({ ok: true, operation: 'release', schemaVersion: 1 })).toEqual([
      'no schema for a result with ok true and operation "release"',
    ]);
  });
});

describe('every command gives a result its schema accepts', () => {
  let store: StoreUnderTest;
  let f: IntentFixture;
  let elsewhere: string;
  beforeAll(async () => {
    store = await STORE_FACTORIES.local();
    f = await intentFixture(store);
    elsewhere = mkdtempSync(path.join(tmpdir(), 'shiplog-schemas-'));
  });
  afterAll(async () => {
    await f.cleanup();
    await store.cleanup();
    rmSync(elsewhere, { recursive: true, force: true });
  });

  const cases: [CommandName, Record<string, unknown>, number][] = [
    ['version-update', { 'component-name': `${PAYMENTS}-svc`, 'component-version': '2.0', application: PAYMENTS }, 0],
    ['approve', { application: PAYMENTS, stage: 'prod', notes: 'ok' }, 0],
    ['check-gate', { application: PAYMENTS, to: 'prod' }, 0],
    ['move', { application: PAYMENTS, to: 'prod' }, 0],
    ['deploy', { application: PAYMENTS, env: 'prod', command: 'true' }, 0],
    ['envscript', { 'dry-run': true }, 0],
    ['status', {}, 0],
    ['history', { kind: 'approve' }, 0],
    ['diff', { from: 'qa', to: 'prod' }, 0],
    ['graph', { application: PAYMENTS }, 0],
    ['report', { markdown: '-' }, 0],
    ['show', { application: `${PAYMENTS};2` }, 0],
    ['state-set', { env: 'qa', key: 'db_url', value: 'postgres://qa' }, 0],
    ['state-get', { env: 'qa', key: 'db_url' }, 0],
    ['state-list', {}, 0],
    ['plan', {}, 1],
    ['apply', { env: ['qa'], application: [SHOP] }, 0],
    ['store-info', {}, 0],
    ['store-check', {}, 0],
  ];
  for (const [command, inputs, exitCode] of cases) {
    it(command, async () => {
      const r = await f.run(command, inputs as never);
      expect(r.exitCode, `${r.err}${JSON.stringify(r.result.error ?? null)}`).toBe(exitCode);
      expect(r.result).toMatchObject({ ok: true, operation: command, schemaVersion: RESULT_SCHEMA_VERSION });
      expect(validateResult(r.result)).toEqual([]);
    });
  }

  it('store-copy', async () => {
    const r = await f.run('store-copy', { from: store.url, to: path.join(elsewhere, 'copy') });
    expect(r.exitCode, r.err).toBe(0);
    expect(validateResult(r.result)).toEqual([]);
  });

  it('history (deployments) and a failure (error.json)', async () => {
    const h = await f.run('history', {});
    expect(validateResult(h.result)).toEqual([]);
    expect((h.result.deployments as unknown[]).length).toBeGreaterThan(0);
    const failed = await f.run('deploy', { application: PAYMENTS, env: 'qa', command: 'exit 3' });
    expect(failed.exitCode).toBe(1);
    expect(failed.result).toMatchObject({ ok: false, operation: 'deploy', schemaVersion: 1, deployment: { status: 'failed' } });
    expect(validateResult(failed.result)).toEqual([]);
  });

  it('init and the CLI usage errors print results their schemas accept', async () => {
    const init = await runCliInProcess(['init', '--platform', 'github', '--json'], { cwd: elsewhere, env: f.env });
    expect(init.code, init.err).toBe(0);
    expect(init.json()).toMatchObject({ ok: true, operation: 'init', schemaVersion: 1 });
    expect(validateResult(init.json())).toEqual([]);
    for (const argv of [
      ['nonsense', '--json'],
      ['status', '--nonsense', '--json'],
      ['status', '--json', '--format', 'table'],
    ]) {
      const bad = await runCliInProcess(argv, { cwd: elsewhere, env: f.env });
      expect(bad.code).toBe(2);
      expect(bad.json()).toMatchObject({ ok: false, schemaVersion: 1, error: { code: 'USAGE' } });
      expect(validateResult(bad.json())).toEqual([]);
    }
  });
});
