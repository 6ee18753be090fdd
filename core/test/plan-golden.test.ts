/**
 * `shiplog plan` through the whole CLI (in process) against golden files: the human table (stderr), the
 * Mermaid waves (--mermaid, stdout) and the JSON result (--json), for the three-service fixture with one
 * application deployed, work in both environments and a row blocked by the release gate. Exit 1 (work).
 * The goldens are core/test/fixtures/plan/*; paths in the JSON are replaced by <dir> and <store>.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './execute-fixtures.js';
import { INTENT_TOML, PAYMENTS, SHOP, intentFixture, newVersion, type IntentFixture } from './support/intent-fixture.js';
import { STORE_FACTORIES, type StoreUnderTest } from './support/record-stores.js';

const golden = (name: string) => readFileSync(path.join(__dirname, 'fixtures', 'plan', name), 'utf8');

let store: StoreUnderTest;
let f: IntentFixture;
beforeAll(async () => {
  store = await STORE_FACTORIES.local();
  f = await intentFixture(store, { intent: INTENT_TOML.replace(`"${SHOP}" = "latest-approved"`, `"${SHOP}" = "2"`) });
  await newVersion(f, SHOP);
  await f.must('apply', { env: ['qa'], application: [PAYMENTS] });
});
afterAll(async () => {
  await f.cleanup();
  await store.cleanup();
});

const cli = (args: string[]) => runCliInProcess(args, { cwd: f.dir, env: f.env });

describe('plan output', () => {
  it('prints the table, the blocked rules and a summary on stderr, exit 1', async () => {
    const r = await cli(['plan']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(golden('plan-table.txt'));
  });

  it('prints the waves as Mermaid on stdout with --mermaid', async () => {
    const r = await cli(['plan', '--mermaid']);
    expect(r.code).toBe(1);
    expect(r.out).toBe(golden('plan.mmd'));
  });

  it('prints one JSON object with --json, complete enough to render elsewhere', async () => {
    const r = await cli(['plan', '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out.split(f.dir).join('<dir>').split(store.url).join('<store>')) as Record<string, unknown>;
    expect(json).toEqual(JSON.parse(golden('plan.json')));
    expect(`${json.mermaid as string}`).toBe(golden('plan.mmd'));
  });

  it('exits 0 with "nothing to do" once the environments match', async () => {
    const r = await cli(['plan', '--env', 'qa', '--application', PAYMENTS]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/\nplan: nothing to do, 1 up to date\n$/);
  });
});
