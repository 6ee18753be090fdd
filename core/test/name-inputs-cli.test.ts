/**
 * Review finding: `;` and control characters were accepted in names, versions, variants and environments,
 * creating records no query can address and forging log lines (`--component-name $'GLOBAL.A.c\nshiplog:
 * error: forged'`). Every name input now fails with exit 2 and one error line naming the input and the
 * character, and the store stays byte-identical.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo, type TestRepo, runCliInProcess } from './execute-fixtures.js';

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

function cli(argv: string[], env: Record<string, string> = {}) {
  return runCliInProcess(argv, { cwd: repo!.dir, env: { ...repo!.env, ...env } });
}

const APP = 'GLOBAL.A.app';
const UPDATE = ['version-update', '--component-name', 'GLOBAL.A.c', '--component-version', '1', '--application', APP];

// [what the error names, command line, extra environment]
const BAD: [string, string[], Record<string, string>?][] = [
  [
    'component name "GLOBAL.A.c\\nshiplog: error: forged" contains a newline (U+000A)',
    ['version-update', '--component-name', 'GLOBAL.A.c\nshiplog: error: forged', '--component-version', '2'],
  ],
  ['--component-variant "x;y" contains ";"', [...UPDATE, '--component-variant', 'x;y']],
  [
    '--component-version "1\\r2" contains a carriage return (U+000D)',
    ['version-update', '--component-name', 'GLOBAL.A.c', '--component-version', '1\r2'],
  ],
  [
    'COMPONENT_VERSION (for --component-version) "1;2" contains ";"',
    ['version-update', '--component-name', 'GLOBAL.A.c'],
    { COMPONENT_VERSION: '1;2' },
  ],
  ['application name "GLOBAL.A.app\\tx" contains a tab (U+0009)', ['approve', '--application', 'GLOBAL.A.app\tx']],
  ['application version "1;2" contains ";"', ['move', '--application', APP, '--app-version', '1;2']],
  ['application version "2\\u007f" contains a DEL (U+007F)', [...UPDATE, '--app-version', '2\u007f']],
  [
    '--env "dev\\rshiplog: error: forged" contains a carriage return (U+000D)',
    ['deploy', '--application', APP, '--env', 'dev\rshiplog: error: forged', '--exit-code', '0'],
  ],
  ['--env "dev;qa" contains ";"', ['status', '--env', 'dev;qa']],
  ['component variant "ma\\u0001in" contains a control character (U+0001)', ['history', '--component-name', 'GLOBAL.A.c;ma\u0001in']],
];

describe('name inputs refuse ";" and control characters', () => {
  it.each(BAD)('%s: exit 2, one error line, store untouched', async (named, argv, env) => {
    repo = makeRepo();
    expect((await cli(UPDATE)).code).toBe(0);
    const before = repo.storeSnapshot();
    const r = await cli(argv, env);
    expect(r.code, r.err).toBe(2);
    const lines = r.err.split('\n').filter((l) => l !== '');
    const errors = lines.filter((l) => l.startsWith('shiplog: error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(named);
    // nothing printed can pass for a line of its own
    expect(lines.filter((l) => !/^(shiplog: error: |hint: |component\.toml not found)/.test(l))).toEqual([]);
    expect(repo.storeSnapshot()).toEqual(before);
  });

  it.each([
    ['an environment from component.toml', ['version-update', '--command', 'true'], 'DeployEnv = "dev\\rshiplog: error: forged"\n'],
    ['a stage', ['move', '--application', APP, '--to', 'qa\rshiplog: error: forged'], ''],
  ])('%s holding a CR is refused on one line, the CR escaped, store untouched', async (_, argv, toml) => {
    repo = makeRepo();
    expect((await cli(UPDATE)).code).toBe(0);
    repo.write('component.toml', `Name = "GLOBAL.A.c"\nVersion = "2"\nApplication = "${APP}"\n${toml}`);
    const before = repo.storeSnapshot();
    const r = await cli(argv);
    expect(r.code, r.err).toBe(2);
    // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed or refused
    expect(r.err).not.toMatch(/[\r\u0000-\u0008\u000b-\u001f]/);
    expect(r.err).toContain('\\u000dshiplog: error: forged');
    expect(r.err.split('\n').filter((l) => l.startsWith('shiplog: error:'))).toHaveLength(1);
    expect(repo.storeSnapshot()).toEqual(before);
  });
});
