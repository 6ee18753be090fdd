/**
 * docs/ortelius.md, "Migrating from dh": every row of its two tables (dh subcommands; dh flags) is checked here
 * against what the CLI does, and the tables cover every dh subcommand and option (shared/ortelius-api.md
 * section 5). Runs go through runCli (the CLI program) on an embedded store: the mapping is the CLI's.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { translateDhArgv } from '../src/cli/dh-compat.js';
import { INPUTS } from '../src/inputs.js';

const DOC = readFileSync(resolve(__dirname, '../../docs/ortelius.md'), 'utf8');
const section = (title: string) => {
  const start = DOC.indexOf(`### ${title}`);
  return DOC.slice(start, DOC.indexOf('\n### ', start + 4));
};
/** Rows `| `dh` | shiplog |` of a section's table. */
const rows = (title: string) =>
  section(title)
    .split('\n')
    .filter((l) => /^\| `/.test(l) && !l.startsWith('| `dh` |'))
    .map((l) => {
      const [dh, shiplog] = l
        .split('|')
        .slice(1, 3)
        .map((c) => c.trim());
      return { dh, shiplog };
    });

/** dh 9.3.281's actions and options (shared/ortelius-api.md section 5, PY bin/dh). */
const DH_ACTIONS = ['deploy', 'updatecomp', 'approve', 'move', 'envscript', 'assign', 'kv', 'export', 'import', 'cluster'];
const DH_OPTIONS = [
  'dhurl',
  'dhuser',
  'dhpass',
  'cert',
  'appname',
  'appversion',
  'appautoinc',
  'compname',
  'compvariant',
  'compversion',
  'compautoinc',
  'deployenv',
  'deploydata',
  'deploydatasave',
  'logdeployment',
  'namespace',
  'kvconfig',
  'crdatasource',
  'changerequest',
  'from_domain',
  'task',
  'fromdom',
  'todom',
  'importfile',
  'envvars',
  'envvars_sh',
  'docker',
  'file',
  'compattr',
  'envs',
  'deppkg',
  'consumes',
  'provides',
  'cluster_json',
  'msname',
  'msbranch',
  'rsp',
];

const dir = mkdtempSync(join(tmpdir(), 'shiplog-dh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[]): Promise<{ code: number; err: string; out: string }> {
  let out = '';
  let err = '';
  const code = await runCli({
    argv,
    env: { PATH: process.env.PATH ?? '', HOME: dir },
    cwd: dir,
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  });
  return { code, err, out };
}

describe('the dh tables of docs/ortelius.md', () => {
  it('cover every dh action and option', () => {
    const actions = rows('Commands').map((r) => r.dh.replace(/`/g, ''));
    expect(actions.sort()).toEqual([...DH_ACTIONS].sort());
    const flags = rows('Flags and environment variables').flatMap((r) => [...r.dh.matchAll(/`(?:deploy )?--([a-z_]+)`/g)].map((m) => m[1]));
    for (const o of DH_OPTIONS) expect(flags, o).toContain(o);
  });

  it("each unsupported action and flag is refused with exactly the doc's line (exit 2)", async () => {
    let checked = 0;
    for (const { dh, shiplog } of [...rows('Commands'), ...rows('Flags and environment variables')]) {
      if (!shiplog.startsWith('not supported: use ')) continue;
      const words = dh.replace(/`/g, '').split(' ');
      const argv = words[0].startsWith('--')
        ? ['version-update', words[0], 'x']
        : words.length > 1
          ? [words[0], words[1], 'x']
          : [words[0]];
      const r = await cli(argv);
      expect(r.code, dh).toBe(2);
      const what = words.length > 1 ? `${words[0]} ${words[1]}` : words[0];
      expect(r.err, dh).toBe(`shiplog: error: dh's ${what} is ${shiplog}\nhint: see docs/ortelius.md, "Migrating from dh"\n`);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('each alias row maps onto the shiplog input it names', () => {
    for (const { dh, shiplog } of rows('Flags and environment variables')) {
      const m = /^`--([a-z_]+)`$/.exec(dh);
      const target = /^`--([a-z-]+)`/.exec(shiplog);
      if (!m || !target || shiplog.startsWith('not supported')) continue;
      if (m[1] === 'docker' || m[1] === 'file') continue;
      const spec = INPUTS.find((i) => i.name === target[1]);
      expect(spec?.aliases ?? [], `${dh} -> ${shiplog}`).toContain(m[1]);
    }
  });

  it('--docker and --file become --kind; updatecomp runs version-update; Y/N booleans are read', async () => {
    expect(translateDhArgv(['updatecomp', '--docker', '--compname', 'GLOBAL.A.b']).argv).toEqual([
      'version-update',
      '--kind',
      'docker',
      '--compname',
      'GLOBAL.A.b',
    ]);
    expect(translateDhArgv(['updatecomp', '--file']).argv).toEqual(['version-update', '--kind', 'file']);
    // the words after -- are a deployment command: never rewritten
    expect(translateDhArgv(['deploy', '--env', 'dev', '--', './x', '--envs']).error).toBeUndefined();
    const r = await cli([
      'updatecomp',
      '--compname',
      'GLOBAL.Acme.Store.cart',
      '--compversion',
      '1.0',
      '--compautoinc',
      'N',
      '--file',
      '--appname',
      'GLOBAL.Acme.Store.shop',
      '--appautoinc',
      'Y',
      '--json',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      operation: 'version-update',
      componentVersion: 'GLOBAL.Acme.Store.cart;1_0',
      componentVersionCreated: true,
      appVersionCreated: true,
    });
  });

  it('never suggests a flag with another effect; only another spelling of the same one', async () => {
    const envs = await cli(['deploy', '--application', 'GLOBAL.A.b', '--envs', 'dev']);
    expect(envs.code).toBe(2);
    expect(envs.err).toContain("dh's --envs is not supported: use shiplog deploy --env E");
    const typo = await cli(['deploy', '--application', 'GLOBAL.A.b', '--enviroment', 'dev']);
    expect(typo.code).toBe(2);
    expect(typo.err).not.toMatch(/did you mean/);
    const spelt = await cli(['approve', '--application', 'GLOBAL.A.b', '--app_version', '1']);
    expect(spelt.code).toBe(2);
    expect(spelt.err).toContain('(did you mean --app-version?)');
    const compname = await cli(['deploy', '--compname', 'GLOBAL.A.c', '--env', 'dev']);
    expect(compname.err).toContain("dh's deploy --compname is not supported: use shiplog deploy --application A");
    const noEffect = await cli(['approve', '--application', 'GLOBAL.A.b', '--compvariant', 'main']);
    expect(noEffect.err).toContain("dh's --compvariant has no effect on shiplog approve: drop it");
  });
});
