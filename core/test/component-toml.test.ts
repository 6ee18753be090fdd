import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { componentFromGit, parseComponentToml, readComponentToml, substitute } from '../src/component-toml.js';
import { ConfigError } from '../src/errors.js';
import { readGitFacts } from '../src/git-facts.js';
import { createMemoryHost } from '../src/host.js';
import { tempDir, tempRepo } from './git-facts-fixture.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('substitute', () => {
  const vars: Record<string, string> = { A: 'alpha', B_2: 'beta', EMPTY: '', DOLLAR: '$B_2' };
  const lookup = (n: string) => vars[n];
  it.each([
    ['$A', 'alpha'],
    ['${A}', 'alpha'],
    ['x${A}y', 'xalphay'],
    ['$A-$B_2', 'alpha-beta'],
    ['$Ax', '$Ax'], // $Ax is the name Ax, unknown
    ['${A}x', 'alphax'],
    ['$UNKNOWN and ${UNKNOWN}', '$UNKNOWN and ${UNKNOWN}'],
    ['$$', '$'],
    ['$$A', '$A'],
    ['$$$A', '$alpha'],
    ['cost: 5$', 'cost: 5$'],
    ['$1', '$1'],
    ['${GIT_TAG)', '${GIT_TAG)'], // the documented template's typo stays literal
    ['${A)', '${A)'],
    ['${ A }', '${ A }'],
    ['[${EMPTY}]', '[]'],
    ['$DOLLAR', '$B_2'], // substituted text is not scanned again
  ])('%s -> %s', (input, expected) => {
    expect(substitute(input, lookup)).toBe(expected);
  });
});

function parse(text: string, vars: Record<string, string | undefined> = {}) {
  return parseComponentToml(text, { file: '/x/component.toml', display: 'component.toml', vars });
}

describe('component.toml values', () => {
  const TEMPLATE = `
# Version = "\${SHOULD_NOT_MATTER}" in a comment
Application = "GLOBAL.Acme.Store.shop"
Application_Version = "1.0.\${BUILDNUM}"
Name = "GLOBAL.Acme.Store.cart"
Variant = "\${GIT_BRANCH}"
Version = "v1.2.\${BUILDNUM}-g\${SHORT_SHA}"
Domain = "GLOBAL.Acme"
Count = 3

[Attributes]
DockerRepo = "ghcr.io/acme/cart"
DockerTag = "\${IMAGE_TAG}"
GitTag = "\${GIT_TAG)"
Where = "\${Domain}.Store"
Price = "5$$"
DeployAlways = true

[Export]
IMAGE_TAG = "\${Variant}-\${Version}"
DOCKERREPO = "\${DockerRepo}"
HOME_DIR = "\${HOME}"
`;
  const vars = { GIT_BRANCH: 'main', BUILDNUM: '42', SHORT_SHA: 'abc1234', HOME: '/home/ci' };

  it('substitutes env first, then the TOML values, then [Export] keys', () => {
    const t = parse(TEMPLATE, vars);
    expect(t.values).toEqual({
      Application: 'GLOBAL.Acme.Store.shop',
      Application_Version: '1.0.42',
      Name: 'GLOBAL.Acme.Store.cart',
      Variant: 'main',
      Version: 'v1.2.42-gabc1234',
      Domain: 'GLOBAL.Acme',
      Count: '3',
    });
    expect(t.attributes).toEqual({
      DockerRepo: 'ghcr.io/acme/cart',
      DockerTag: 'main-v1.2.42-gabc1234',
      GitTag: '${GIT_TAG)',
      Where: 'GLOBAL.Acme.Store',
      Price: '5$',
      DeployAlways: 'true',
    });
    expect(t.exports).toEqual({ IMAGE_TAG: 'main-v1.2.42-gabc1234', DOCKERREPO: 'ghcr.io/acme/cart', HOME_DIR: '/home/ci' });
  });

  it('the environment wins over a TOML value of the same name; unknown names stay literal', () => {
    const t = parse('Variant = "x"\nVersion = "${Variant}-$NOPE"\n', { Variant: 'from-env' });
    expect(t.values.Version).toBe('from-env-$NOPE');
    // ...while [Export] values look at the TOML first
    const e = parse('Variant = "x"\n[Export]\nV = "${Variant}"\n', { Variant: 'from-env' });
    expect(e.exports.V).toBe('x');
  });

  it('[Attributes] are copied over the top level for lookups', () => {
    const t = parse('Owner = "top"\nX = "${Owner}"\n[Attributes]\nOwner = "attr"\n');
    expect(t.values.X).toBe('attr');
  });

  it('resolves chains and leaves values on a reference cycle as written', () => {
    const t = parse('A = "${B}"\nB = "${C}"\nC = "c"\nP = "${Q}"\nQ = "x${P}"\nR = "<${P}>"\nS = "$S"\n');
    expect(t.values.A).toBe('c');
    expect(t.values.P).toBe('${Q}');
    expect(t.values.Q).toBe('x${P}');
    expect(t.values.R).toBe('<${P}>');
    expect(t.values.S).toBe('$S');
  });

  it('a substituted value with quotes cannot break or inject TOML', () => {
    const t = parse('Version = "${V}"\n', { V: '1"\nName = "evil' });
    expect(t.values).toEqual({ Version: '1"\nName = "evil' });
  });
});

describe('component.toml errors', () => {
  const cases: [string, string, RegExp][] = [
    ['unterminated string', 'Name = "GLOBAL.a.b"\nVersion = "v1\n', /^component\.toml:2:\d+: malformed TOML/],
    ['missing equals', 'Name = "GLOBAL.a.b"\n\nVariant main\n', /^component\.toml:3:\d+: malformed TOML/],
    ['duplicate key', 'Name = "a"\nName = "b"\n', /^component\.toml:2:\d+: malformed TOML/],
    ['bad table header', 'Name = "a"\n[Attributes\nX = "y"\n', /^component\.toml:2:\d+: malformed TOML/],
    ['non-string Version', 'Name = "GLOBAL.a.b"\nVersion = 1.5\n', /^component\.toml:2: Version must be a string/],
    [
      'array attribute',
      'Name = "GLOBAL.a.b"\n[Attributes]\nOk = "y"\nTags = ["a"]\n',
      /^component\.toml:4: \[Attributes\] Tags must be a string/,
    ],
    ['float export', '[Export]\nX = "1"\n\nRATE = 0.5\n', /^component\.toml:4: \[Export\] RATE must be a string/],
  ];
  it.each(cases)('%s -> ConfigError naming the line', (_name, text, message) => {
    let caught: unknown;
    try {
      parse(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).exitCode).toBe(2);
    expect((caught as ConfigError).message).toMatch(message);
    expect((caught as ConfigError).message).not.toContain('\n');
  });

  it('reports every non-string value at once', () => {
    expect(() => parse('Name = 1\nVariant = true\n')).toThrow(/2 problems: component\.toml:1: Name .*component\.toml:2: Variant/);
  });
});

describe('readComponentToml', () => {
  it('reads a file relative to host.cwd; a missing file is undefined', async () => {
    const t = await tempDir();
    cleanups.push(t.cleanup);
    await writeFile(path.join(t.dir, 'component.toml'), 'Name = "GLOBAL.Acme.cart"\nVariant = "$GIT_BRANCH"\n');
    const host = createMemoryHost({ cwd: t.dir });
    const toml = await readComponentToml(host, { path: 'component.toml', vars: { GIT_BRANCH: 'dev' } });
    expect(toml).toEqual({
      file: path.join(t.dir, 'component.toml'),
      values: { Name: 'GLOBAL.Acme.cart', Variant: 'dev' },
      attributes: {},
      exports: {},
    });
    expect(await readComponentToml(host, { path: 'missing.toml', vars: {} })).toBeUndefined();
  });

  it('a directory in its place is a ConfigError', async () => {
    const t = await tempDir();
    cleanups.push(t.cleanup);
    const host = createMemoryHost({ cwd: t.dir });
    await expect(readComponentToml(host, { path: '.', vars: {} })).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('componentFromGit on a real repository', () => {
  it('names GLOBAL.<org>.<repo>, variant = branch, version = v<commit count>', async () => {
    const r = await tempRepo({ branch: 'release/2.0' });
    cleanups.push(r.cleanup);
    await r.commit({ 'a.txt': 'a\n' }, 'one');
    await r.commit({ 'b.txt': 'b\n' }, 'two');
    await r.commit({ 'c.txt': 'c\n' }, 'three');
    r.git('remote', 'add', 'origin', 'git@github.com:acme/cart-svc.git');
    const git = await readGitFacts(createMemoryHost({ cwd: r.dir }));
    expect(componentFromGit(git)).toEqual({ Name: 'GLOBAL.acme.cart-svc', Variant: 'release/2.0', Version: 'v3' });
  });

  it('returns only what git can tell', async () => {
    const r = await tempRepo();
    cleanups.push(r.cleanup);
    await r.commit({ 'a.txt': 'a\n' }, 'one');
    const git = await readGitFacts(createMemoryHost({ cwd: r.dir }));
    expect(componentFromGit(git)).toEqual({ Variant: 'main', Version: 'v1' });
    expect(componentFromGit({ isRepo: false })).toEqual({});
  });
});
