/**
 * Issue 21: core/package.json listed proper-lockfile and write-file-atomic, which no code used (docs/store.md says
 * why the store does without them). Every package core bundles must be imported by core/src, and every @types
 * package must type one of them or a Node built-in. Issue 17: the packages core uses are devDependencies, bundled
 * into dist/ (the CLI and the library), so that the packed package installs offline (test/repo/install-global.test.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const core = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(core, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const text = sources(path.join(core, 'src'))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
const imported = (name: string) => new RegExp(`(?:from |import\\()'${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?:/[^']*)?'`).test(text);

const bundled = Object.keys(pkg.devDependencies ?? {}).filter((n) => !n.startsWith('@types/'));

describe('core/package.json lists only what core uses', () => {
  it('has no runtime dependency: what core uses is bundled', () => {
    expect(pkg.dependencies).toBeUndefined();
    expect(bundled.length).toBeGreaterThan(0);
  });

  it.each(bundled)('%s is imported by core/src', (name) => {
    expect(imported(name)).toBe(true);
  });

  it.each(Object.keys(pkg.devDependencies ?? {}).filter((n) => n.startsWith('@types/')))('%s types a dependency', (name) => {
    const typed = name.slice('@types/'.length);
    expect(typed === 'node' || bundled.includes(typed)).toBe(true);
  });

  it('proper-lockfile, write-file-atomic and semver (also unused) are gone', () => {
    const all = { ...pkg.dependencies, ...pkg.devDependencies };
    for (const n of [
      'proper-lockfile',
      'write-file-atomic',
      'semver',
      '@types/proper-lockfile',
      '@types/write-file-atomic',
      '@types/semver',
    ])
      expect(all[n]).toBeUndefined();
  });
});
