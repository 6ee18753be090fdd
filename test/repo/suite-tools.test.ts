/**
 * `npm test` on a machine without bats/shellcheck/groovy runs everything else and names what it skipped;
 * CI (.ci/run sets SHIPLOG_REQUIRE_ALL_SUITES=1) fails instead. Real processes under a PATH that holds only node.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'suite-tools.mjs');
const work = mkdtempSync(join(tmpdir(), 'shiplog-suite-tools-'));
const bin = join(work, 'bin');
const results = join(work, 'results');
mkdirSync(bin);
symlinkSync(process.execPath, join(bin, 'node'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], extra: Record<string, string> = {}) {
  const env: Record<string, string> = { PATH: bin, SHIPLOG_SUITE_RESULTS_DIR: results, ...extra };
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('scripts/suite-tools.mjs', () => {
  it('runs the suite when its tools are present and keeps its exit code', () => {
    const fake = join(work, 'fake');
    mkdirSync(fake);
    writeFileSync(join(fake, 'bats'), '#!/bin/sh\n', { mode: 0o755 });
    expect(run(['run', 'with-bats', 'bats', '--', 'node', '-e', 'process.exit(7)'], { PATH: `${fake}:${bin}` }).code).toBe(7);
    expect(run(['run', 'with-bats', 'bats', '--', 'node', '-e', '0'], { PATH: `${fake}:${bin}` }).code).toBe(0);
    expect(run(['report']).stdout).toBe('');
  });

  it('without the tool: skips (exit 0), says so on stderr, does not run the command, and report names it with the install hint', () => {
    run(['reset']);
    const marker = join(work, 'ran');
    const r = run([
      'run',
      'jenkins:groovy',
      'groovy,java',
      '--',
      'node',
      '-e',
      `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('skipped test suite "jenkins:groovy": groovy, java not installed');
    expect(() => readFileSync(marker)).toThrow();
    const report = run(['report']);
    expect(report.stdout).toContain('1 test suite(s) SKIPPED');
    expect(report.stdout).toContain('- jenkins:groovy (needs groovy, java)');
    expect(report.stdout).toContain('groovy: apt-get install groovy');
    expect(report.stdout).toContain('java: apt-get install default-jdk-headless');
  });

  it('with SHIPLOG_REQUIRE_ALL_SUITES=1 a missing tool fails the run, naming the tool and how to install it', () => {
    run(['reset']);
    const r = run(['run', 'orb:shellcheck', 'shellcheck', '--', 'node', '-e', '0'], { SHIPLOG_REQUIRE_ALL_SUITES: '1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('test suite "orb:shellcheck" needs shellcheck, not installed (SHIPLOG_REQUIRE_ALL_SUITES=1)');
    expect(r.stderr).toContain('apt-get install shellcheck');
    expect(run(['report']).stdout).toBe('');
  });

  it('reset forgets earlier skips; report is silent when nothing was skipped', () => {
    run(['run', 'a', 'bats', '--', 'node', '-e', '0']);
    expect(run(['report']).stdout).toContain('- a (needs bats)');
    run(['reset']);
    expect(run(['report']).stdout).toBe('');
  });

  it('npm test resets first and reports last; .ci/run requires every suite; every shell suite goes through the script', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.test).toMatch(/^node scripts\/suite-tools\.mjs reset && /);
    expect(pkg.scripts.test).toMatch(/ && node scripts\/suite-tools\.mjs report$/);
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/^export SHIPLOG_REQUIRE_ALL_SUITES=1$/m);
    for (const ws of ['buildkite-plugin', 'circleci-orb', 'jenkins']) {
      const shell: string = JSON.parse(readFileSync(join(ROOT, 'adapters', ws, 'package.json'), 'utf8')).scripts['test:shell'];
      for (const part of shell.split(' && ')) expect(part, ws).toMatch(/^node \.\.\/\.\.\/scripts\/suite-tools\.mjs run /);
    }
  });
});
