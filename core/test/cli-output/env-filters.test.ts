/**
 * Filters are never silent (issue 17 item 3): DEPLOY_ENV / COMPONENT_APPLICATION / COMPONENT_NAME left in the
 * environment narrow a query, and then the query says so on stderr and in its JSON `filters`;
 * --ignore-env-filters makes it ignore them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { APP, CART, makeRepo, runCliInProcess, type TestRepo } from '../execute-fixtures.js';

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});
const cli = (argv: string[], env: Record<string, string> = {}) => runCliInProcess(argv, { cwd: repo!.dir, env: { ...repo!.env, ...env } });

async function twoEnvironments(): Promise<void> {
  repo = makeRepo({}, { git: false });
  expect(
    (await cli(['version-update', '--component-name', CART, '--component-version', '1.0.0', '--application', APP, '--app-version', '1']))
      .code,
  ).toBe(0);
  expect((await cli(['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0'])).code).toBe(0);
  expect((await cli(['move', '--application', APP, '--to', 'qa'])).code).toBe(0);
  expect((await cli(['deploy', '--application', APP, '--env', 'qa', '--exit-code', '0'])).code).toBe(0);
}

describe('filters from the environment', () => {
  it('status with DEPLOY_ENV=qa: one environment, named on stderr and in filters', async () => {
    await twoEnvironments();
    const r = await cli(['status', '--json'], { DEPLOY_ENV: 'qa' });
    expect(r.code).toBe(0);
    expect(r.err).toBe('shiplog: note: filtered by DEPLOY_ENV=qa from the environment (--env to change, --ignore-env-filters to ignore)\n');
    const res = r.json() as { environments: { name: string }[]; filters: unknown[] };
    expect(res.environments.map((e) => e.name)).toEqual(['qa']);
    expect(res.filters).toEqual([{ input: 'env', value: 'qa', source: 'env', variable: 'DEPLOY_ENV' }]);
  });

  it('--ignore-env-filters: every environment, no note; a flag is a filter too, from "flag"', async () => {
    await twoEnvironments();
    const r = await cli(['status', '--json', '--ignore-env-filters'], { DEPLOY_ENV: 'qa', COMPONENT_APPLICATION: 'GLOBAL.Other.app' });
    expect(r.err).toBe('');
    const res = r.json() as { environments: { name: string }[]; filters: unknown[] };
    expect(res.environments.map((e) => e.name)).toEqual(['dev', 'qa']);
    expect(res.filters).toEqual([]);
    const f = await cli(['status', '--json', '--env', 'dev'], { DEPLOY_ENV: 'qa' });
    expect(f.err).toBe('');
    expect(f.json().filters).toEqual([{ input: 'env', value: 'dev', source: 'flag' }]);
  });

  it('history with COMPONENT_NAME and COMPONENT_APPLICATION: both named, in the table output too', async () => {
    await twoEnvironments();
    const r = await cli(['history'], { COMPONENT_NAME: CART, COMPONENT_APPLICATION: APP });
    expect(r.code).toBe(0);
    expect(r.err).toContain(`shiplog: note: filtered by COMPONENT_APPLICATION=${APP} from the environment`);
    expect(r.err).toContain(`shiplog: note: filtered by COMPONENT_NAME=${CART} from the environment`);
    expect(r.out.trim().split('\n')).toHaveLength(2);
  });

  it('the operations are not queries: DEPLOY_ENV for deploy is its input, no note and no filters', async () => {
    repo = makeRepo({}, { git: false });
    await cli(['version-update', '--component-name', CART, '--component-version', '1.0.0', '--application', APP, '--app-version', '1']);
    const r = await cli(['deploy', '--application', APP, '--exit-code', '0', '--json'], { DEPLOY_ENV: 'dev' });
    expect(r.code).toBe(0);
    expect(r.err).not.toContain('filtered by');
    expect(r.json()).not.toHaveProperty('filters');
  });
});
