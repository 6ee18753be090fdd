// The four queries through the committed CLI bundle (core/dist/shiplog.mjs), as adapters and scripts call
// them: `--json` puts exactly one JSON object on stdout, human output stays on stderr, bad input exits 2.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'shiplog.mjs');
const APP = 'GLOBAL.Acme.Store.shop';
let dir: string;

function shiplog(...args: string[]) {
  const res = spawnSync(process.execPath, [bundle, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: dir, SHIPLOG_STATE_DIR: join(dir, 'state'), SHIPLOG_BACKEND: 'local' },
    timeout: 30_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

function ok(...args: string[]) {
  const r = shiplog(...args);
  expect(r.err + `\n(exit ${r.code})`).toMatch(/\(exit 0\)$/);
  return r;
}

/** stdout must be exactly one JSON object (one line). */
function json(r: { out: string }) {
  expect(r.out.endsWith('\n')).toBe(true);
  expect(r.out.trimEnd().split('\n')).toHaveLength(1);
  return JSON.parse(r.out) as Record<string, unknown> & { ok: boolean; operation: string };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shiplog-queries-cli-'));
  const release = (svc: string, version: string) =>
    ok(
      'version-update',
      '--component-name',
      `GLOBAL.Acme.Store.${svc}`,
      '--component-variant',
      'main',
      '--component-version',
      version,
      '--application',
      APP,
    );
  release('cart', '1.0.0');
  release('catalog', '1.0.0');
  ok('deploy', '--application', APP, '--env', 'dev', '--exit-code', '0');
  ok('move', '--application', APP, '--to', 'qa');
  ok('deploy', '--application', APP, '--env', 'qa', '--exit-code', '0');
  release('cart', '1.1.0');
  ok('deploy', '--application', APP, '--env', 'dev', '--exit-code', '0');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('queries through the CLI bundle', () => {
  it('status --json: one object on stdout and nothing else (the table is for --format table)', () => {
    const r = ok('status', '--json');
    const res = json(r) as unknown as {
      ok: boolean;
      operation: string;
      environments: { name: string; appVersion: string; components: string[] }[];
    };
    expect(res.ok).toBe(true);
    expect(res.operation).toBe('status');
    expect(res.environments.map((e) => [e.name, e.appVersion])).toEqual([
      ['dev', `${APP};3`],
      ['qa', `${APP};2`],
    ]);
    expect(res.environments[0].components).toEqual(['GLOBAL.Acme.Store.cart;main;1_1_0', 'GLOBAL.Acme.Store.catalog;main;1_0_0']);
    expect(r.err).not.toContain('ENVIRONMENT');
    expect(r.out.trim().split('\n')).toHaveLength(1);
  });

  it('graph prints the Mermaid text on stdout, so it can be redirected to a file', () => {
    const r = ok('graph', '--application', APP);
    expect(r.out).toMatch(/^flowchart LR\n/);
    expect(r.err).toContain('Mermaid flowchart on stdout');
    expect(r.err).not.toContain('flowchart LR');
  });

  it('history, diff and graph --json answer with their operation and shape', () => {
    const h = json(ok('history', '--limit', '2', '--json')) as unknown as { operation: string; deployments: { id: number }[] };
    expect(h.operation).toBe('history');
    expect(h.deployments.map((d) => d.id)).toEqual([3, 2]);

    const d = json(ok('diff', '--from', 'dev', '--to', 'qa', '--json')) as unknown as { operation: string; applications: unknown[] };
    expect(d.operation).toBe('diff');
    expect(d.applications).toEqual([
      {
        application: APP,
        from: `${APP};3`,
        to: `${APP};2`,
        components: [{ base: 'GLOBAL.Acme.Store.cart;main', from: '1_1_0', to: '1_0_0' }],
        equal: 1,
      },
    ]);

    const g = json(ok('graph', '--application', APP, '--json')) as unknown as {
      operation: string;
      mermaid: string;
      versions: { deployedTo: string[] }[];
    };
    expect(g.operation).toBe('graph');
    expect(g.mermaid.startsWith('flowchart LR\n')).toBe(true);
    expect(g.versions.map((v) => v.deployedTo)).toEqual([[], ['qa'], ['dev']]);
  });

  it('the dh spellings of the filters work (--deployenv, --appname, --compname)', () => {
    const s = json(ok('status', '--deployenv', 'qa', '--appname', APP, '--json')) as unknown as { environments: { name: string }[] };
    expect(s.environments.map((e) => e.name)).toEqual(['qa']);
    const h = json(ok('history', '--compname', 'GLOBAL.Acme.Store.cart;main;1.1.0', '--json')) as unknown as {
      deployments: { id: number }[];
    };
    expect(h.deployments.map((d) => d.id)).toEqual([3]);
  });

  it('an unknown environment exits 2 with the error object on stdout', () => {
    const r = shiplog('status', '--env', 'staging', '--json');
    expect(r.code).toBe(2);
    const res = json(r) as unknown as { ok: boolean; error: { code: string; exitCode: number; message: string } };
    expect(res.ok).toBe(false);
    expect(res.error).toMatchObject({ code: 'NOT_FOUND', exitCode: 2 });
    expect(res.error.message).toContain('staging');
  });

  it.each([
    [['history', '--limit', '0'], /--limit must be a whole number >= 1/],
    [['diff', '--from', 'dev'], /--to/],
    [['graph'], /--application/],
    [['graph', '--application', 'GLOBAL.Acme.Store.none'], /has no versions/],
    [['history', '--env', 'staging'], /unknown environment "staging"/],
  ])('%j exits 2 with a one-line error', (args, message) => {
    const r = shiplog(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message as RegExp);
    expect(r.err.split('\n')[0]).toMatch(/^shiplog: error: /);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace without --debug
  });
});
