// Runs the `npm start` demo (core/scripts/demo.mjs) against the committed CLI bundle, as a newcomer would.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const demo = join(dirname(fileURLToPath(import.meta.url)), '..', 'scripts', 'demo.mjs');

function runDemo(args: string[] = [], cli?: string) {
  const env = { ...process.env };
  delete env.SHIPLOG_DEMO_CLI;
  delete env.DHURL;
  if (cli) env.SHIPLOG_DEMO_CLI = cli;
  const res = spawnSync(process.execPath, [demo, ...args], { encoding: 'utf8', env, timeout: 60_000 });
  const workDir = /working in (\S+);/.exec(res.stdout)?.[1];
  return { code: res.status, out: res.stdout, err: res.stderr, workDir };
}

describe('npm start demo', () => {
  it('runs the whole release through the bundled CLI, exits 0 and cleans up', () => {
    const { code, out, err, workDir } = runDemo();
    expect(err).toBe('');
    expect(code).toBe(0);
    // every step printed as a command line, then its output
    expect(out.match(/^\$ \(cd (?:cart|catalog|checkout) && .*shiplog version-update\)$/gm)).toHaveLength(4);
    expect(out).toMatch(/^\$ .*shiplog deploy --application GLOBAL\.Acme\.Store\.shop --env prod -- sh -c /m);
    expect(out).toMatch(/^.*component version GLOBAL\.Acme\.Store\.cart;main;v1_1_0_g[0-9a-f]{7}\b.*created.*$/m);
    // the gate: refused, then approved, then moved
    expect(out).toMatch(/approval: .* needs an approval for stage prod \(next: shiplog approve .*\)\n(?:.*\n)?\(exit 1, as expected\)/);
    expect(out).toContain('approved for prod by quinn');
    expect(out).toMatch(/moved qa -> prod/);
    // show: every decision with who made it and from where (the Jenkins build user cause)
    expect(out).toMatch(/^\S+ \S+ +approve +quinn +ci:jenkins +prod "QA sign-off"$/m);
    expect(out).toMatch(/^\S+ \S+ +move +dana +ci:jenkins +qa -> prod$/m);
    // the queries
    expect(out).toMatch(/^dev +GLOBAL\.Acme\.Store\.shop +4 /m);
    expect(out).toMatch(/^prod +GLOBAL\.Acme\.Store\.shop +3 .*jenkins shop-release #205/m);
    expect(out).toMatch(/^ +GLOBAL\.Acme\.Store\.cart;main +v1_1_0_g[0-9a-f]{7} +v1_0_0_g[0-9a-f]{7}$/m);
    expect(out).toContain('(2 equal components in GLOBAL.Acme.Store.shop)');
    expect(out).toContain('flowchart LR');
    expect(out).toMatch(/v2\["3<br\/>checkout;main;v1_0_0_g[0-9a-f]{7}<br\/>deployed: qa, prod"\]/);
    expect(out).toContain('  v2 --> v3');
    // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed or refused
    expect(out).not.toMatch(/\x1b\[/); // no colour codes when stdout is not a terminal
    expect(workDir).toBeDefined();
    expect(existsSync(workDir!)).toBe(false);
  });

  it('keeps the temporary directory with --keep, also when a step fails', () => {
    // A CLI that fails at once: the repository the demo set up is kept (the first test runs the whole demo).
    const dir = mkdtempSync(join(tmpdir(), 'shiplog-demo-test-'));
    const cli = join(dir, 'broken-cli.mjs');
    writeFileSync(cli, "process.stderr.write('backend down\\n'); process.exit(4);\n");
    const { code, out, workDir } = runDemo(['--keep'], cli);
    try {
      expect(code).toBe(1);
      expect(out).toContain(`(kept ${workDir};`);
      expect(existsSync(join(workDir!, 'store', 'cart', 'component.toml'))).toBe(true);
    } finally {
      if (workDir) rmSync(workDir, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops at the first step that exits unexpectedly, says which, exits 1 and still cleans up', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shiplog-demo-test-'));
    try {
      const cli = join(dir, 'broken-cli.mjs');
      writeFileSync(cli, "process.stderr.write('backend down\\n'); process.exit(4);\n");
      const { code, out, err, workDir } = runDemo([], cli);
      expect(code).toBe(1);
      expect(out).toContain('backend down');
      expect(out).not.toContain('## 3.');
      expect(err).toBe('demo: "shiplog version-update" exited 4, expected 0\n');
      expect(existsSync(workDir!)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown argument with exit 2', () => {
    const { code, err } = runDemo(['--nope']);
    expect(code).toBe(2);
    expect(err).toBe('demo: unknown argument --nope (only --keep is accepted)\n');
  });
});
