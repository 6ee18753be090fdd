/**
 * The pack tool behaves like `circleci orb pack` (include directive, `<<` escaping, layout), and the committed
 * generated sources, orb.yml and the bundle pin are up to date.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packOrb, packOrbText } from '../scripts/orb-pack.js';
import { CORE_BUNDLE, ORB_ROOT, REPO_ROOT, expectedFiles, readPin } from '../scripts/orb-source.js';
import { loadOrb } from './e2e-fixture.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Writes a source tree { 'path': 'text' } into a temp dir (changesets' testdir style). */
function testdir(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'orb-pack-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

describe('orb pack', () => {
  it('inlines <<include()>> and escapes << in the included text', () => {
    const src = testdir({
      '@orb.yml': 'version: 2.1\ndescription: t\n',
      'commands/greet.yml': 'steps:\n  - run:\n      command: <<include(scripts/greet.sh)>>\n',
      'scripts/greet.sh': 'cat <<EOF\nhi << parameters.x >>\nEOF\n',
      'jobs/hello.yml': 'docker: [{image: cimg/base:current}]\nsteps: [greet]\n',
      'commands/nested/ignored.yml': 'steps: []\n',
      'commands/notes.txt': 'not yaml',
    });
    const orb = packOrb(src);
    expect(orb.version).toBe(2.1);
    expect(Object.keys(orb.commands as object)).toEqual(['greet']);
    expect((orb.commands as any).greet.steps[0].run.command).toBe('cat \\<<EOF\nhi \\<< parameters.x >>\nEOF\n');
    expect((orb.jobs as any).hello.steps).toEqual(['greet']);
    expect(parse(packOrbText(src))).toEqual(orb);
  });

  it.each([
    ['echo <<include(scripts/a.sh)>>', /entire string must be include statement/],
    ['<<include(scripts/a.sh)>> <<include(scripts/a.sh)>>', /multiple include statements/],
    ['<<include(scripts/missing.sh)>>', /could not open .*missing\.sh for inclusion/],
  ])('refuses %s', (command, error) => {
    const src = testdir({
      '@orb.yml': 'version: 2.1\n',
      'commands/c.yml': `steps:\n  - run:\n      command: ${command}\n`,
      'scripts/a.sh': 'echo a\n',
    });
    expect(() => packOrb(src)).toThrow(error);
  });

  it('needs @orb.yml', () => {
    const src = testdir({ 'commands/c.yml': 'steps: []\n' });
    expect(() => packOrb(src)).toThrow(/@orb.yml file not found/);
  });
});

describe('committed build output', () => {
  it('generated sources are up to date with the input table and the core bundle', () => {
    for (const [file, text] of expectedFiles()) expect(readFileSync(file, 'utf8'), `${file} is stale: npm run build`).toBe(text);
  });

  it('orb.yml is src/ packed', () => {
    expect(readFileSync(join(ORB_ROOT, 'orb.yml'), 'utf8'), 'orb.yml is stale: npm run build').toBe(packOrbText(join(ORB_ROOT, 'src')));
  });

  it('the orb pins exactly core/dist/shiplog.mjs and the core package version', () => {
    const env = loadOrb().commands.install.steps[0].run.environment;
    const sha = createHash('sha256').update(readFileSync(CORE_BUNDLE)).digest('hex');
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'core', 'package.json'), 'utf8'));
    expect(env.SHIPLOG_SHA256).toBe(sha);
    expect(String(env.SHIPLOG_VERSION)).toBe(version);
    expect(readPin()).toEqual({ version, sha256: sha });
  });

  it('every operation command runs the same version the install step installs', () => {
    const orb = loadOrb();
    const version = orb.commands.install.steps[0].run.environment.SHIPLOG_VERSION;
    for (const [name, cmd] of Object.entries<any>(orb.commands)) {
      const run = cmd.steps.find((s: any) => s.run)?.run;
      if (run?.environment?.SHIPLOG_OPERATION) expect(run.environment.SHIPLOG_VERSION, name).toBe(version);
    }
  });
});
