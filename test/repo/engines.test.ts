// Issue 17: `npm ci` printed EBADENGINE warnings on the Node 20 the README promises (content-type@3, the Azure storage
// packages of @github/local-action want Node 22). The oldest Node the root package.json accepts must satisfy the
// `engines.node` of every package npm ci installs (package.json `overrides` pins the ones that would not), and the
// README must promise that same version. .ci/run also fails when npm ci prints EBADENGINE.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const root = JSON.parse(read('package.json')) as { engines: { node: string } };
const lock = JSON.parse(read('package-lock.json')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>;
};
const oldest = semver.minVersion(root.engines.node)!.version;

/** Lock entries whose engines.node the oldest promised Node does not satisfy. */
function unmet(optional: boolean): string[] {
  return Object.entries(lock.packages)
    .filter(([key, p]) => key !== '' && Boolean(p.optional) === optional)
    .flatMap(([key, p]) => {
      const range = Array.isArray(p.engines) ? undefined : p.engines?.node;
      return range && !semver.satisfies(oldest, range) ? [`${key}@${p.version}: node ${range}`] : [];
    });
}

describe(`every installed package runs on the oldest promised Node (${oldest})`, () => {
  it('no required package asks for a newer Node', () => {
    expect(unmet(false)).toEqual([]);
  });

  it('an optional one that does is a platform binary npm skips without a warning (none other)', () => {
    // rollup's wasm build lists @napi-rs/lzma's native binary as optional; npm ci skips it on Node 20.
    for (const entry of unmet(true)) expect(entry).toMatch(/^node_modules\/@napi-rs\/lzma-[a-z0-9-]+@/);
  });

  it('the README promises the same Node version as package.json engines', () => {
    const [major, minor] = oldest.split('.');
    expect(read('README.md')).toContain(`(fresh machine, Node.js ${major}.${minor}+)`);
  });

  it('the pins in package.json overrides are what the lock file installs', () => {
    const overrides = (JSON.parse(read('package.json')) as { overrides: Record<string, string> }).overrides;
    for (const [name, want] of Object.entries(overrides)) {
      if (want.startsWith('npm:')) continue;
      const installed = Object.entries(lock.packages).filter(([key]) => key.endsWith(`node_modules/${name}`));
      expect(installed.length, name).toBeGreaterThan(0);
      for (const [key, p] of installed) expect(`${key}@${p.version}`).toBe(`${key}@${want}`);
    }
  });
});
