import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../src/errors.js';
import { envscript, envscriptCommand } from '../src/operations/envscript.js';
import { fakeContext } from './envscript-fixture.js';
import { tempRepo, type TempRepo } from './git-facts-fixture.js';

/** Values that break naive quoting: each must come back byte for byte and run nothing. */
const HOSTILE: Record<string, string> = {
  H_CMD: '$(touch x)',
  H_BACKTICK: '`touch x`',
  H_SQ: "it's 'quoted'",
  H_DQ: 'say "hi" \\"',
  H_NL: 'line1\nline2\n',
  H_UNI: 'héllo ✓ 日本 🚀',
  H_BS: 'back\\slash\\n\\',
  H_MIX: "'; touch x; echo '",
  H_SEMI: '"; touch x; "',
  H_DOLLAR: '$NOT_SET_VAR ${ALSO_NOT}',
  H_CR_TAB: 'a\rb\tc',
  H_EMPTY: '',
};

const SECRET = 'Sup3r-s3cret-pass';

let r: TempRepo;
let first: string;
beforeEach(async () => {
  r = await tempRepo({ name: 'cart' });
  first = await r.commit({ 'a.txt': '1\n2\n3\n' }, 'first');
  await r.commit({ 'a.txt': '1\nTWO\n3\n4\n' }, 'second');
  r.git('remote', 'add', 'origin', 'https://github.com/acme/cart.git');
  const exportLines = Object.entries(HOSTILE).map(([k, v]) => `${k} = ${JSON.stringify(v)}`);
  await writeFile(
    path.join(r.dir, 'component.toml'),
    [
      'Name = "GLOBAL.Acme.Store.cart"',
      'Variant = "${GIT_BRANCH}"',
      'Version = "v1.0.${BUILDNUM}-g${SHORT_SHA}"',
      'DockerRepo = "ghcr.io/acme/cart"',
      '[Export]',
      'IMAGE_TAG = "${Variant}-${Version}"',
      'DOCKERREPO = "${DockerRepo}"',
      'LEAK = "x${DHPASS}x"',
      'MY_TOKEN = "abc"',
      'DHURL = "https://dh.example"',
      'bad-key = "1"',
      ...exportLines,
      '',
    ].join('\n'),
  );
});
afterEach(async () => r.cleanup());

function ctxFor(
  extra: { env?: Record<string, string>; dryRun?: boolean; versions?: () => Promise<{ attributes: Record<string, string> }[]> } = {},
) {
  const ctx = fakeContext({
    cwd: r.dir,
    env: { DHPASS: SECRET, DHUSER: 'admin', RANDOM_PROCESS_VAR: 'must-not-appear', ...extra.env },
    dryRun: extra.dryRun,
    versions: extra.versions,
  });
  ctx.host.redactor.add(SECRET);
  return ctx;
}

/** Sources the script in a real bash and prints each named variable NUL-terminated. */
function sourceInBash(file: string, names: string[]): Record<string, string> {
  const script = 'set -e; source "$1"; shift; for k in "$@"; do printf "%s=%s\\0" "$k" "${!k}"; done';
  const out = execFileSync('bash', ['-c', script, 'bash', file, ...names], {
    cwd: r.dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    encoding: 'utf8',
  });
  const vars: Record<string, string> = {};
  for (const entry of out.split('\0').slice(0, -1)) {
    const i = entry.indexOf('=');
    vars[entry.slice(0, i)] = entry.slice(i + 1);
  }
  return vars;
}

describe('envscript sh format', () => {
  it('hostile values round-trip exactly through a real bash and execute nothing', async () => {
    const ctx = ctxFor();
    const res = await envscript(ctx, { output: 'env.sh', format: 'sh' });
    expect(res.file).toBe(path.join(r.dir, 'env.sh'));
    for (const [k, v] of Object.entries(HOSTILE)) expect(res.variables[k]).toBe(v);

    const names = Object.keys(res.variables);
    const sourced = sourceInBash(res.file!, names);
    expect(sourced).toEqual(res.variables);
    expect(existsSync(path.join(r.dir, 'x'))).toBe(false);
  });

  it('writes the derived variables and resolved exports, sorted, never the environment or a secret', async () => {
    const ctx = ctxFor({ env: { GIT_TRIGGER: 'push' } });
    const res = await envscript(ctx, { output: 'env.sh', format: 'sh' });
    const sha = r.git('rev-parse', '--short', 'HEAD').trim();
    expect(res.variables).toMatchObject({
      SHORT_SHA: sha,
      GIT_BRANCH: 'main',
      BUILDNUM: '2',
      GIT_REPO: 'acme/cart',
      GIT_ORG: 'acme',
      GIT_URL: 'https://github.com/acme/cart.git',
      COMPNAME: 'GLOBAL.Acme.Store.cart', // component.toml's Name, never the repository's name
      BASENAME: 'cart',
      BLDDATE: 'Thu Mar  5 07:08:09 2026',
      IMAGE_TAG: `main-v1.0.2-g${sha}`,
      DOCKERREPO: 'ghcr.io/acme/cart',
      GIT_LINES_ADDED: '0',
      GIT_LINES_DELETED: '0',
    });
    for (const k of [
      'DHPASS',
      'DHUSER',
      'DHURL',
      'LEAK',
      'MY_TOKEN',
      'bad-key',
      'RANDOM_PROCESS_VAR',
      'GIT_TRIGGER',
      'GIT_PREVIOUS_COMPONENT_COMMIT',
    ]) {
      expect(res.variables).not.toHaveProperty(k);
    }
    const text = await readFile(res.file!, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64').replace(/=+$/, ''));
    expect(text).not.toContain('must-not-appear');
    const keys = [...text.matchAll(/^export ([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]);
    expect(keys).toEqual(Object.keys(res.variables));
    expect(keys).toEqual([...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(keys.indexOf('BASENAME')).toBeLessThan(keys.indexOf('H_BS'));
    expect(ctx.host.err()).toContain('LEAK contains a secret');
    expect(ctx.host.err()).toContain('MY_TOKEN looks like a credential');
    expect(ctx.host.err()).toContain('"bad-key" is not a valid variable name');
    expect(ctx.host.err()).not.toContain(SECRET);
  });

  it('secret-named variables by the shared rule: their keys are never written, nor a value equal to theirs', async () => {
    await writeFile(
      path.join(r.dir, 'c.toml'),
      [
        '[Export]',
        'AWS_KEY = "${AWS_SECRET_ACCESS_KEY}"',
        'SSH_KEY_COPY = "${SSH_PRIVATE_KEY}"',
        'SHORT = "${PIN_PASSWD}"',
        'AWS_SECRET_ACCESS_KEY = "x"',
        'GOOGLE_CREDENTIALS = "y"',
        'DH_PASS = "z"',
        'PASSENGER_COUNT = "3"',
        'AUTHOR = "me"',
        '',
      ].join('\n'),
    );
    const env = { AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMIK7MDENG', SSH_PRIVATE_KEY: 'pkABCDEF123', PIN_PASSWD: '42' };
    const ctx = ctxFor({ env });
    const res = await envscript(ctx, { toml: 'c.toml', format: 'sh', print: false });
    expect(res.variables).toMatchObject({ PASSENGER_COUNT: '3', AUTHOR: 'me' });
    for (const k of ['AWS_KEY', 'SSH_KEY_COPY', 'SHORT', 'AWS_SECRET_ACCESS_KEY', 'GOOGLE_CREDENTIALS', 'DH_PASS']) {
      expect(res.variables, k).not.toHaveProperty(k);
    }
    for (const v of Object.values(env)) expect(res.script).not.toContain(`'${v}'`);
    expect(ctx.host.err()).toContain('the value of AWS_KEY contains a secret');
    expect(ctx.host.err()).toContain('the value of SHORT contains a secret');
    expect(ctx.host.err()).toContain('AWS_SECRET_ACCESS_KEY looks like a credential');
  });

  it('a clone URL from the environment loses its credentials', async () => {
    const res = await envscript(ctxFor({ env: { GIT_URL: 'https://x-token:ghp_unregistered123@github.com/acme/cart.git' } }), {
      format: 'sh',
      print: false,
    });
    expect(res.variables.GIT_URL).toBe('https://github.com/acme/cart.git');
    expect(res.script).not.toContain('ghp_unregistered123');
  });

  it('appends: earlier content is kept (a missing final newline is added), a new file is 0644', async () => {
    const file = path.join(r.dir, 'bash_env');
    await writeFile(file, "# earlier\nexport OLD='kept'");
    const ctx = ctxFor();
    await envscript(ctx, { output: file, format: 'sh' });
    const text = await readFile(file, 'utf8');
    expect(text.startsWith("# earlier\nexport OLD='kept'\nexport ")).toBe(true);
    expect(sourceInBash(file, ['OLD', 'H_SQ'])).toEqual({ OLD: 'kept', H_SQ: HOSTILE.H_SQ });

    await envscript(ctxFor(), { output: 'fresh.sh', format: 'sh' });
    expect((await stat(path.join(r.dir, 'fresh.sh'))).mode & 0o777).toBe(0o644);
    const twice = path.join(r.dir, 'twice.sh');
    await envscript(ctxFor(), { output: twice, format: 'sh' });
    const once = await readFile(twice, 'utf8');
    await envscript(ctxFor(), { output: twice, format: 'sh' });
    expect(await readFile(twice, 'utf8')).toBe(once + once);
  });

  it('prints to stdout without an output file; --json leaves stdout to the CLI', async () => {
    const ctx = ctxFor();
    const res = await envscript(ctx, { format: 'sh' });
    expect(res.file).toBeNull();
    expect(ctx.host.out()).toBe(res.script);
    expect(ctx.host.out()).toContain("export H_SQ='it'\\''s '\\''quoted'\\'''\n");
    const quiet = ctxFor();
    await envscript(quiet, { format: 'sh', print: false });
    expect(quiet.host.out()).toBe('');
  });

  it('dry run computes and prints but writes no file', async () => {
    const ctx = ctxFor({ dryRun: true });
    const res = await envscript(ctx, { output: 'env.sh', format: 'sh' });
    expect(existsSync(path.join(r.dir, 'env.sh'))).toBe(false);
    expect(res).toMatchObject({ file: null, dryRun: true });
    expect(ctx.host.out()).toContain('export IMAGE_TAG=');
  });

  it('an unwritable output is a one-line InvalidInputError', async () => {
    const err = await envscript(ctxFor(), { output: 'no/such/dir/env.sh', format: 'sh' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as Error).message).toMatch(/^cannot write .*env\.sh: ENOENT$/);
  });
});

describe('envscript previous component commit', () => {
  it('reads GitCommit of the latest version under Name;Variant and counts lines since it', async () => {
    const ctx = ctxFor({ versions: async () => [{ attributes: { GitCommit: 'older' } }, { attributes: { GitCommit: first } }] });
    const res = await envscript(ctx, { format: 'json', print: false });
    expect(ctx.asked).toEqual(['GLOBAL.Acme.Store.cart;main']);
    expect(res.variables).toMatchObject({ GIT_PREVIOUS_COMPONENT_COMMIT: first, GIT_LINES_ADDED: '2', GIT_LINES_DELETED: '1' });
  });

  it('when this commit is already recorded (version-update ran first), the previous version is the one before it', async () => {
    const head = r.git('rev-parse', 'HEAD').trim();
    const ctx = ctxFor({
      versions: async () => [
        { attributes: { GitCommit: 'older' } },
        { attributes: { GitCommit: first } },
        { attributes: { GitCommit: head } },
      ],
    });
    const res = await envscript(ctx, { format: 'json', print: false });
    expect(res.variables.GIT_PREVIOUS_COMPONENT_COMMIT).toBe(first);
    const only = ctxFor({ versions: async () => [{ attributes: { GitCommit: head } }] });
    expect((await envscript(only, { format: 'json', print: false })).variables).not.toHaveProperty('GIT_PREVIOUS_COMPONENT_COMMIT');
  });

  it('a backend error is a warning, not a failure', async () => {
    const ctx = ctxFor({
      versions: async () => {
        throw new Error('server down');
      },
    });
    const res = await envscript(ctx, { format: 'json', print: false });
    expect(res.ok).toBe(true);
    expect(res.variables.GIT_LINES_ADDED).toBe('0');
    expect(ctx.host.err()).toContain('warning: envscript: could not read the previous version of GLOBAL.Acme.Store.cart;main: server down');
  });

  it('without a component.toml: derived variables only, and no backend call', async () => {
    const ctx = ctxFor();
    const res = await envscript(ctx, { toml: 'missing.toml', format: 'json', print: false });
    expect(ctx.asked).toEqual([]);
    expect(res.variables.GIT_BRANCH).toBe('main');
    expect(res.variables).not.toHaveProperty('IMAGE_TAG');
  });
});

/** The documented dotenv grammar: KEY="..." with \\ \" \n \r \t escapes. */
function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"$/.exec(line);
    if (!m) throw new Error(`not a dotenv line: ${line}`);
    out[m[1]] = m[2].replace(/\\(.)/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
  }
  return out;
}

function pythonDotenvAvailable(): boolean {
  return spawnSync('python3', ['-c', 'import dotenv'], { stdio: 'ignore' }).status === 0;
}

/** $GITHUB_ENV as the runner reads it: KEY<<DELIM, value lines, DELIM. */
function parseGithubEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]) continue;
    const m = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (!m) throw new Error(`not a heredoc start: ${lines[i]}`);
    const value: string[] = [];
    i++;
    while (lines[i] !== m[2]) {
      if (i >= lines.length) throw new Error(`unterminated ${m[1]}`);
      value.push(lines[i++]);
    }
    out[m[1]] = value.join('\n');
  }
  return out;
}

describe('envscript other formats parse back to the same values', () => {
  it('dotenv', async () => {
    const res = await envscript(ctxFor(), { output: 'build.env', format: 'dotenv' });
    const text = await readFile(res.file!, 'utf8');
    expect(parseDotenv(text)).toEqual(res.variables);
    for (const [k, v] of Object.entries(HOSTILE)) expect(res.variables[k]).toBe(v);
    expect(text.split('\n').filter(Boolean)).toHaveLength(Object.keys(res.variables).length);
  });

  it.skipIf(!pythonDotenvAvailable())('dotenv, read by python-dotenv (except a value ending in a backslash)', async () => {
    // python-dotenv's quoted-value regex reads `\\"` at the end of a value as an escaped quote: documented limit
    const toml = path.join(r.dir, 'component.toml');
    await writeFile(toml, (await readFile(toml, 'utf8')).replace(/^H_BS = .*$/m, 'H_BS = "back\\\\slash\\\\n"'));
    const res = await envscript(ctxFor(), { output: 'py.env', format: 'dotenv' });
    const out = execFileSync(
      'python3',
      [
        '-c',
        'import json,sys; from dotenv import dotenv_values; print(json.dumps(dotenv_values(sys.argv[1], interpolate=False)))',
        res.file!,
      ],
      { encoding: 'utf8' },
    );
    expect(res.variables.H_BS).toBe('back\\slash\\n');
    expect(JSON.parse(out)).toEqual(res.variables);
  });

  it('json', async () => {
    const res = await envscript(ctxFor(), { output: 'vars.json', format: 'json' });
    const text = await readFile(res.file!, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(res.variables);
    expect(Object.keys(JSON.parse(text))).toEqual(Object.keys(res.variables));
  });

  it('github (GITHUB_ENV heredocs with delimiters absent from the values)', async () => {
    const res = await envscript(ctxFor(), { output: 'github_env', format: 'github' });
    const text = await readFile(res.file!, 'utf8');
    expect(parseGithubEnv(text)).toEqual(res.variables);
    const delimiters = [...text.matchAll(/^[A-Za-z_0-9]+<<(.+)$/gm)].map((m) => m[1]);
    for (const d of delimiters) expect(Object.values(res.variables).some((v) => v.includes(d))).toBe(false);
  });
});

describe('envscriptCommand', () => {
  it('builds the request from input-table names', () => {
    expect(envscriptCommand.request({ toml: 'c.toml', output: 'env.sh', format: 'dotenv', 'dry-run': true }, { commandArgs: [] })).toEqual({
      allowDangerousExports: false,
      toml: 'c.toml',
      tomlExplicit: true,
      output: 'env.sh',
      format: 'dotenv',
      print: true,
      dryRun: true,
    });
    expect(envscriptCommand.request({ json: true }, { commandArgs: [] })).toMatchObject({ format: 'sh', print: false, dryRun: false });
  });

  it('reports every bad input at once', () => {
    let err: unknown;
    try {
      envscriptCommand.request({ format: 'yaml', 'dry-run': 'maybe', output: '  ' }, { commandArgs: [] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).problems).toHaveLength(3);
  });

  it('renders a one-line summary', () => {
    const base = { ok: true as const, operation: 'envscript' as const, format: 'sh', variables: { A: '1', B: '2' } };
    expect(envscriptCommand.render({ ...base, file: '/w/env.sh' })).toBe('2 variables appended to /w/env.sh (sh)');
    expect(envscriptCommand.render({ ...base, file: null, dryRun: true })).toBe(
      '[dry run] 2 variables computed (dry run, nothing written) (sh)',
    );
  });
});
