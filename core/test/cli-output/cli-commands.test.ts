/**
 * The CLI's own commands (issue 17 item 5): version, help <command>, completion bash|zsh|fish (bash loaded in a
 * real bash), init on one fixture repository per CI platform, and "did you mean" for flags.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTER_REPOSITORY } from '../../src/cli/adapter-refs.js';
import { completionScript } from '../../src/cli/completion.js';
import { SHIPLOG_VERSION } from '../../src/cli/version.js';
import { APP, CART, makeRepo, runCliInProcess, type TestRepo } from '../execute-fixtures.js';

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});
const cli = (argv: string[], env: Record<string, string> = {}) => {
  repo ??= makeRepo({}, { git: false });
  return runCliInProcess(argv, { cwd: repo.dir, env: { ...repo.env, ...env } });
};

describe('version and help', () => {
  it('`shiplog version` and `--version` print the version on stdout', async () => {
    expect(await cli(['version'])).toMatchObject({ code: 0, out: `${SHIPLOG_VERSION}\n` });
    expect(await cli(['--version'])).toMatchObject({ code: 0, out: `${SHIPLOG_VERSION}\n` });
  });

  it('`shiplog help <command>` is `<command> --help`, two-word commands included; an unknown one is exit 2', async () => {
    const a = await cli(['help', 'deploy']);
    const b = await cli(['deploy', '--help']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect((await cli(['help', 'store', 'copy'])).out).toContain('Usage: shiplog store copy');
    const bad = await cli(['help', 'deplyo']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^shiplog: error: unknown command 'deplyo'\nhint: commands: .*deploy/);
  });
});

describe('did you mean', () => {
  it('a flag one or two edits away is suggested; a far one is not; nothing runs (exit 2)', async () => {
    const r = await cli(['status', '--formt', 'csv']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe("shiplog: error: unknown option '--formt' (did you mean --format?)");
    expect((await cli(['approve', '--aplication', APP])).err).toContain('(did you mean --application?)');
    expect((await cli(['status', '--zzzzzz'])).err).not.toContain('did you mean');
  });

  it('a command is suggested too', async () => {
    const r = await cli(['statsu']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('(Did you mean status?)');
  });
});

describe('completion', () => {
  function complete(line: string): string[] {
    // COMP_WORDS from the typed line; a trailing space starts a new (empty) word
    const words = line.split(' ');
    const script = `${completionScript('bash')}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})\nCOMP_CWORD=${words.length - 1}\n_shiplog\nprintf '%s\\n' "\${COMPREPLY[@]}"\n`;
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.split('\n').filter(Boolean);
  }

  it('bash: the script loads in a real bash and registers the function (complete -p)', () => {
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `${completionScript('bash')}\ncomplete -p shiplog`], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('complete -F _shiplog shiplog');
  });

  it('bash: commands, two-word commands, flags and the values of enum flags', () => {
    expect(complete('shiplog sta')).toEqual(['status', 'state']);
    expect(complete('shiplog state ')).toEqual(['set', 'get', 'list']);
    expect(complete('shiplog store ')).toEqual(['info', 'copy', 'check']);
    expect(complete('shiplog status --fo')).toEqual(['--format']);
    expect(complete('shiplog status --format ')).toEqual(['table', 'json', 'markdown', 'csv', 'tsv', 'html']);
    expect(complete('shiplog envscript --format ')).toEqual(['sh', 'dotenv', 'json', 'github']);
    expect(complete('shiplog store copy --fr')).toEqual(['--from']);
    expect(complete('shiplog completion ')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('shiplog init --platform j')).toEqual(['jenkins']);
  });

  it('zsh reuses the bash function through bashcompinit; fish lists commands, flags and values', async () => {
    const zsh = completionScript('zsh');
    expect(zsh).toContain('bashcompinit');
    expect(zsh).toContain('complete -F _shiplog shiplog');
    const fish = completionScript('fish');
    expect(fish).toContain("complete -c shiplog -n '__fish_use_subcommand' -a status");
    expect(fish).toContain(
      "complete -c shiplog -n '__fish_seen_subcommand_from status' -l format -x -a 'table json markdown csv tsv html'",
    );
    expect((await cli(['completion', 'fish'])).out).toBe(fish);
    const bad = await cli(['completion', 'powershell']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown shell "powershell"');
  });
});

describe('shiplog init', () => {
  const fixtures: Record<string, { files: Record<string, string>; snippet: string; ref: RegExp }> = {
    github: {
      files: { '.github/workflows/ci.yml': 'on: push\n' },
      snippet: '.github/workflows/shiplog.yml',
      ref: new RegExp(`uses: ${ADAPTER_REPOSITORY}/adapters/github-action/deploy@v\\d+`),
    },
    circleci: {
      files: { '.circleci/config.yml': 'version: 2.1\n' },
      snippet: '.circleci/shiplog.yml',
      ref: /shiplog: shiplog\/shiplog@\d+\.\d+\.\d+/,
    },
    buildkite: {
      files: { '.buildkite/pipeline.yml': 'steps: []\n' },
      snippet: '.buildkite/shiplog.yml',
      ref: new RegExp(`github\\.com/${ADAPTER_REPOSITORY}/adapters/buildkite-plugin#v\\d+\\.\\d+\\.\\d+`),
    },
    jenkins: { files: { Jenkinsfile: 'pipeline {}\n' }, snippet: 'Jenkinsfile.shiplog', ref: /@Library\('shiplog@v\d+'\) _/ },
  };
  for (const [platform, f] of Object.entries(fixtures)) {
    it(`${platform}: detected from the repository's files; writes the configs and the snippet, ignores .shiplog/`, async () => {
      repo = makeRepo(f.files);
      const r = await cli(['init', '--component-name', CART, '--application', APP, '--json']);
      expect(r.code, r.err).toBe(0);
      expect(r.json()).toMatchObject({
        ok: true,
        operation: 'init',
        platform,
        written: ['shiplog.toml', 'component.toml', f.snippet],
        gitignore: 'present',
      });
      expect(readFileSync(join(repo.dir, f.snippet), 'utf8')).toMatch(f.ref);
      expect(readFileSync(join(repo.dir, 'component.toml'), 'utf8')).toContain(`Name = "${CART}"`);
      // what init wrote is valid: a dry-run version-update reads both files
      const dry = await cli(['version-update', '--component-version', '1.0.0', '--dry-run', '--json']);
      expect(dry.code, dry.err).toBe(0);
      expect(dry.json()).toMatchObject({
        componentVersion: expect.stringContaining(`${CART};`),
        appVersion: expect.stringContaining(APP),
      });
    });
  }

  it('detects the platform from the environment when no CI file is there; none: only the two configs', async () => {
    repo = makeRepo({});
    expect((await cli(['init', '--json'], { BUILDKITE: 'true' })).json()).toMatchObject({
      platform: 'buildkite',
      detectedBy: 'environment (BUILDKITE)',
    });
    repo.cleanup();
    repo = makeRepo({}, { git: false });
    const r = await cli(['init', '--json']);
    expect(r.json()).toMatchObject({ platform: 'none', written: ['shiplog.toml', 'component.toml'], gitignore: 'added' });
    expect(r.err).toContain('no CI platform detected (--platform to choose one)');
    expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).toBe('.shiplog/\n');
    expect(readFileSync(join(repo.dir, 'component.toml'), 'utf8')).toContain('TODO: replace the placeholder names');
  });

  it('refuses to overwrite (exit 2, nothing written, every file named) unless --force; .gitignore gets one line', async () => {
    repo = makeRepo({ 'shiplog.toml': '# mine\n', '.gitignore': 'node_modules/' }, { git: false });
    const r = await cli(['init', '--platform', 'jenkins']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('shiplog: error: shiplog.toml already exists: nothing written (--force overwrites)');
    expect(readFileSync(join(repo.dir, 'shiplog.toml'), 'utf8')).toBe('# mine\n');
    expect(existsSync(join(repo.dir, 'component.toml'))).toBe(false);
    expect(existsSync(join(repo.dir, 'Jenkinsfile.shiplog'))).toBe(false);
    expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).toBe('node_modules/');
    expect((await cli(['init', '--platform', 'jenkins', '--force'])).code).toBe(0);
    expect((await cli(['init', '--platform', 'jenkins', '--force'])).code).toBe(0);
    expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).toBe('node_modules/\n.shiplog/\n');
    expect(readFileSync(join(repo.dir, 'shiplog.toml'), 'utf8')).toContain('approval = true');
  });

  it('an unknown --platform is exit 2 and writes nothing', async () => {
    repo = makeRepo({}, { git: false });
    mkdirSync(join(repo.dir, 'sub'));
    writeFileSync(join(repo.dir, 'sub', 'keep'), '');
    const r = await cli(['init', '--platform', 'travis']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("shiplog: error: option '--platform <platform>' argument 'travis' is invalid");
    expect(existsSync(join(repo.dir, 'shiplog.toml'))).toBe(false);
  });
});
