// The install story of docs/install.md, exactly as a user runs it: `npm pack` of the core, then
// `npm install -g ./shiplog-core-<version>.tgz --prefix "$tmp"` with no network (--offline, an empty npm cache and a
// registry that does not answer), then the installed `shiplog` bin records a component version in a git repository.
// It can only pass while @shiplog/core has no runtime dependency: everything it runs is bundled into dist/.
// `npm test` builds core/dist first (npm run build:local); the pack's own scripts are not rerun here.
import { execFileSync, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResult } from '../../core/test/support/result-schemas.js';

const ROOT = join(__dirname, '..', '..');
let dir: string;
let prefix: string;
let install: ReturnType<typeof spawnSync>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-install-'));
  prefix = join(dir, 'prefix');
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir, '-w', 'core'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const [packed] = JSON.parse(out) as { filename: string }[];
  const tgz = `./${packed.filename.replace(/^@shiplog\//, 'shiplog-')}`;
  expect(tgz).toMatch(/^\.\/shiplog-core-\d+\.\d+\.\d+\.tgz$/);
  // 127.0.0.1:9 (discard) refuses connections: a registry request fails instead of reaching any network.
  install = spawnSync(
    'npm',
    [
      'install',
      '-g',
      tgz,
      '--prefix',
      prefix,
      '--offline',
      '--cache',
      join(dir, 'empty-cache'),
      '--registry',
      'http://127.0.0.1:9/',
      '--no-audit',
      '--no-fund',
    ],
    {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir },
      encoding: 'utf8',
    },
  );
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jsFiles(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? jsFiles(p) : /\.m?js$/.test(n) ? [p] : [];
  });
}

describe('npm install -g of the packed core, offline', () => {
  it('installs with no network and no cache', () => {
    expect(install.status, `${install.stdout}${install.stderr}`).toBe(0);
  });

  it('the installed package declares no runtime dependency and imports only Node built-ins', () => {
    const installed = join(prefix, 'lib', 'node_modules', '@shiplog', 'core');
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) expect(pkg[field], field).toBeUndefined();
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const foreign: string[] = [];
    for (const f of jsFiles(join(installed, 'dist'))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"\n]*?\bfrom\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/gm)) {
        const spec = m[1] ?? m[2];
        if (!spec.startsWith('.') && !builtins.has(spec)) foreign.push(`${f.slice(installed.length)}: ${spec}`);
      }
    }
    expect(foreign).toEqual([]);
  });

  it('the shiplog bin on the prefix runs a version-update in a git repository', () => {
    const ws = join(dir, 'cart');
    execFileSync('git', ['init', '-q', '-b', 'main', ws]);
    execFileSync('git', [
      '-C',
      ws,
      '-c',
      'user.email=dev@example.com',
      '-c',
      'user.name=dev',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'first',
    ]);
    const env = { PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`, HOME: dir };
    const version = spawnSync('shiplog', ['--version'], { cwd: ws, env, encoding: 'utf8' });
    const core = JSON.parse(readFileSync(join(ROOT, 'core', 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`${core.version}\n`);
    const r = spawnSync(
      'shiplog',
      [
        'version-update',
        '--component-name',
        'GLOBAL.Acme.Store.cart',
        '--component-version',
        'v1.4.0',
        '--application',
        'GLOBAL.Acme.Store.shop',
        '--json',
      ],
      {
        cwd: ws,
        env,
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(validateResult(JSON.parse(r.stdout))).toEqual([]);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: true,
      operation: 'version-update',
      componentVersion: 'GLOBAL.Acme.Store.cart;main;v1_4_0',
      componentVersionCreated: true,
      appVersion: 'GLOBAL.Acme.Store.shop;1',
      appVersionCreated: true,
      store: { kind: 'local', location: join(ws, '.shiplog') },
    });
  });
});
