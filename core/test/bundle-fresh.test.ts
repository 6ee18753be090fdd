// The committed CLI bundle (core/dist/shiplog.mjs) must be what the sources build to today.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';
import { describe, expect, it } from 'vitest';

const coreDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('core/dist/shiplog.mjs', () => {
  it('is fresh: rebuilding with rollup.config.mjs gives the committed bytes', async () => {
    // the config's first build is the CLI (the second, the library in dist/lib, is not committed either and has no copies)
    const [config] = (await import(path.join(coreDir, 'rollup.config.mjs'))).default as (RollupOptions & { output: OutputOptions })[];
    expect(config.output.file).toBe('dist/shiplog.mjs');
    const tmp = mkdtempSync(path.join(tmpdir(), 'shiplog-bundle-'));
    const cwd = process.cwd();
    try {
      // the config's paths are relative to core/, as `npm run build -w core` runs it
      process.chdir(coreDir);
      const bundle = await rollup({ ...config, input: path.join(coreDir, String(config.input)), onwarn: () => {} });
      const file = path.join(tmp, 'shiplog.mjs');
      await bundle.write({ ...config.output, file });
      await bundle.close();
      const fresh = readFileSync(file, 'utf8');
      const committed = readFileSync(path.join(coreDir, 'dist', 'shiplog.mjs'), 'utf8');
      expect(fresh.length).toBeGreaterThan(10_000);
      // toBe on huge strings prints an unreadable diff; compare and point at the fix instead
      expect(fresh === committed, 'core/dist/shiplog.mjs is stale: run `npm run build -w core` and commit it').toBe(true);
    } finally {
      process.chdir(cwd);
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
