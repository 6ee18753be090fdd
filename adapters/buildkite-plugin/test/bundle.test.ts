// The plugin ships the core CLI bundle: it must be byte-identical to core/dist/shiplog.mjs and run with plain
// node from the plugin directory (no node_modules beside it).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLUGIN_DIR } from './hook-harness.js';

const shipped = join(PLUGIN_DIR, 'dist', 'shiplog.mjs');
const core = join(PLUGIN_DIR, '..', '..', 'core', 'dist', 'shiplog.mjs');

describe('dist/shiplog.mjs', () => {
  it('is byte-identical to core/dist/shiplog.mjs (run `npm run generate -w adapters/buildkite-plugin`)', () => {
    expect(readFileSync(shipped).equals(readFileSync(core))).toBe(true);
  });

  it('runs with plain node and knows every operation', () => {
    expect(statSync(shipped).size).toBeGreaterThan(1000);
    const r = spawnSync('node', [shipped, '--help'], { cwd: '/', env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const op of ['version-update', 'move', 'approve', 'deploy', 'envscript']) expect(r.stdout).toContain(op);
  });
});

describe('plugin layout', () => {
  it('has exactly the command and post-command hooks, executable bash scripts (the agent looks in hooks/)', () => {
    expect(readdirSync(join(PLUGIN_DIR, 'hooks')).sort()).toEqual(['command', 'post-command']);
    for (const hook of ['command', 'post-command']) {
      const path = join(PLUGIN_DIR, 'hooks', hook);
      expect(statSync(path).mode & 0o111, hook).not.toBe(0);
      expect(readFileSync(path, 'utf8').startsWith('#!/bin/bash\n'), hook).toBe(true);
    }
  });
});
