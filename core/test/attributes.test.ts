import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { derivedAttributes, derivedSources, parseAttrArgs, resolveAttributes, splitImage } from '../src/attributes.js';
import { InvalidInputError } from '../src/errors.js';
import { createMemoryHost } from '../src/host.js';
import type { CiContext } from '../src/model.js';
import { COMPONENT_TOML, makeRepo } from './execute-fixtures.js';
import { tempDir } from './git-facts-fixture.js';

const NOW = new Date('2026-03-05T07:08:09.000Z');
const LOCAL: CiContext = { provider: 'local', isCi: false };

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('shiplog-attr-'));
});
afterEach(async () => cleanup());

describe('derivedAttributes', () => {
  it('maps env, build variables and CI context', () => {
    const ci: CiContext = {
      provider: 'github',
      isCi: true,
      buildId: '9001',
      buildNumber: '42',
      buildUrl: 'https://github.com/acme/shop/actions/runs/9001',
      actor: 'octocat',
    };
    const a = derivedAttributes({
      env: { DOCKERREPO: 'ghcr.io/acme/shop:1.2.3', DIGEST: 'ghcr.io/acme/shop@sha256:abcd', GIT_TRIGGER: 'push' },
      vars: {
        GIT_COMMIT: 'c0ffee',
        GIT_BRANCH: 'main',
        GIT_URL: 'https://github.com/acme/shop.git',
        GIT_ORG: 'acme',
        GIT_VERIFY_COMMIT: '1',
        GIT_LINES_TOTAL: '10',
        GIT_COMMIT_AUTHORS: 'A,B',
      },
      ci,
      now: NOW,
    });
    expect(a).toEqual({
      BuildId: '9001',
      BuildNumber: '42',
      BuildUrl: 'https://github.com/acme/shop/actions/runs/9001',
      DockerBuildDate: '2026-03-05T07:08:09.000Z',
      DockerRepo: 'ghcr.io/acme/shop',
      DockerTag: '1.2.3',
      DockerSha: 'sha256:abcd',
      Purl: 'pkg:docker/ghcr.io/acme/shop@1.2.3',
      GitCommit: 'c0ffee',
      GitBranch: 'main',
      GitUrl: 'https://github.com/acme/shop.git',
      GitRepo: 'acme/shop',
      GitOrg: 'acme',
      GitVerifyCommit: 'Y',
      GitLinesTotal: '10',
      GitCommitAuthors: 'A,B',
      GitTag: 'main',
      JobTriggeredBy: 'SCM',
    });
  });

  it('env wins over build variables; explicit tags win over repo:tag; library/ and latest in the purl', () => {
    const a = derivedAttributes({
      env: { IMAGE_REPO: 'nginx:old', IMAGE_TAG: 'new', BUILD_NUMBER: '7', GIT_COMMIT: 'fromenv', GIT_TAG: 'v2' },
      vars: { GIT_COMMIT: 'fromgit', SHORT_SHA: 'short' },
      ci: LOCAL,
      now: NOW,
    });
    expect(a).toMatchObject({
      DockerRepo: 'nginx',
      DockerTag: 'new',
      Purl: 'pkg:docker/library/nginx@new',
      BuildId: '7',
      BuildNumber: '7',
      GitCommit: 'fromenv',
      GitTag: 'v2',
    });
    const b = derivedAttributes({ env: { DOCKERREPO: 'busybox' }, vars: { SHORT_SHA: 'abc1234' }, ci: LOCAL, now: NOW });
    expect(b).toMatchObject({ Purl: 'pkg:docker/library/busybox@latest', GitCommit: 'abc1234' });
    expect(b.DockerTag).toBeUndefined();
  });

  it('outside CI: no BuildUrl (never //actions/runs/), no empty values, no URL credentials', () => {
    const a = derivedAttributes({ env: { GITHUB_SERVER_URL: '', DOCKERTAG: '' }, vars: {}, ci: LOCAL, now: NOW });
    expect(a).toEqual({ DockerBuildDate: '2026-03-05T07:08:09.000Z' });
    const b = derivedAttributes({
      env: { BUILD_URL: 'https://u:pw-secret@ci/job/1/' },
      vars: { GIT_URL: 'https://t:tok-secret@github.com/a/b.git' },
      ci: LOCAL,
      now: NOW,
    });
    expect(JSON.stringify(b)).not.toMatch(/secret/);
    expect(b).toMatchObject({ BuildUrl: 'https://ci/job/1/', GitUrl: 'https://github.com/a/b.git', GitRepo: 'a/b' });
  });

  it('workflow_dispatch is not SCM: the CI actor triggered it', () => {
    const a = derivedAttributes({ env: { GIT_TRIGGER: 'workflow_dispatch' }, vars: {}, ci: { ...LOCAL, actor: 'bob' }, now: NOW });
    expect(a.JobTriggeredBy).toBe('bob');
  });

  it.each([
    ['registry:5000/org/app:1.2', { repo: 'registry:5000/org/app', tag: '1.2' }],
    ['registry:5000/org/app', { repo: 'registry:5000/org/app' }],
    ['app@sha256:ff00', { repo: 'app', digest: 'sha256:ff00' }],
    ['org/app:1@sha256:ff00', { repo: 'org/app', tag: '1', digest: 'sha256:ff00' }],
  ])('splitImage(%s)', (ref, expected) => {
    expect(splitImage(ref)).toEqual(expected);
  });
});

describe('parseAttrArgs', () => {
  it('KEY=VALUE and KEY:VALUE split at the first separator', async () => {
    const host = createMemoryHost({ cwd: dir });
    expect(await parseAttrArgs(host, ['A=1', 'B:2', 'Url=https://x:8080/a=b', 'Time:12:30', 'Empty=', 'A=again'])).toEqual({
      A: 'again',
      B: '2',
      Url: 'https://x:8080/a=b',
      Time: '12:30',
      Empty: '',
    });
  });

  it('@file reads the file relative to host.cwd with surrounding newlines trimmed', async () => {
    await mkdir(path.join(dir, 'out'));
    await writeFile(path.join(dir, 'out', 'tag.txt'), '\n1.2.3\nsecond line\n\n');
    await writeFile(path.join(dir, 'digest.txt'), 'ghcr.io/acme/shop@sha256:0123abcd\n');
    const host = createMemoryHost({ cwd: dir });
    expect(await parseAttrArgs(host, ['DockerTag=@out/tag.txt', 'DockerSha:@digest.txt'])).toEqual({
      DockerTag: '1.2.3\nsecond line',
      DockerSha: 'sha256:0123abcd',
    });
  });

  it('a value containing @sha256: keeps only the digest', async () => {
    const host = createMemoryHost({ cwd: dir });
    expect(await parseAttrArgs(host, ['DockerSha=ghcr.io/a/b@sha256:feed'])).toEqual({ DockerSha: 'sha256:feed' });
  });

  it('names every bad argument at once (exit 2)', async () => {
    const host = createMemoryHost({ cwd: dir });
    const err = await parseAttrArgs(host, ['novalue', '=x', '9lives=1', 'bad key=1', 'Ok=1', 'F=@missing.txt', 'G=@']).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InvalidInputError);
    const e = err as InvalidInputError;
    expect(e.exitCode).toBe(2);
    expect(e.problems).toHaveLength(6);
    for (const bit of ['novalue', '"=x"', '9lives', 'bad key', 'missing.txt', '"G=@"']) expect(e.message).toContain(bit);
    expect(e.message).not.toContain('Ok=1');
  });
});

describe('resolveAttributes', () => {
  it('flags > toml > derived, empty values dropped', async () => {
    const host = createMemoryHost({ cwd: dir });
    const r = await resolveAttributes(host, {
      derived: { GitCommit: 'derived', BuildId: '1', DockerTag: 'derived' },
      toml: { GitCommit: 'toml', DockerTag: 'toml', Owner: 'team' },
      flags: { DockerTag: 'flag', BuildId: '' },
    });
    expect(r.attributes).toEqual({ GitCommit: 'toml', DockerTag: 'flag', Owner: 'team' });
    expect(r.files).toEqual({});
  });

  it('Purl and every computed field come from the merged values ([Attributes] and --attr too), not the environment alone', async () => {
    const host = createMemoryHost({ cwd: dir });
    const derived = derivedSources({
      env: { DOCKERREPO: 'ghcr.io/env/img', IMAGE_TAG: 'envtag' },
      vars: { GIT_BRANCH: 'main', GIT_URL: 'https://github.com/env/repo.git' },
      ci: LOCAL,
      now: NOW,
    });
    // [Attributes] names the image, --attr the tag: Purl follows both, the env values lose.
    const r = await resolveAttributes(host, {
      derived,
      toml: { DockerRepo: 'quay.io/acme/cart:fromrepo', GitUrl: 'https://github.com/acme/cart.git' },
      flags: { DockerTag: '1.4.0', GitBranch: 'release' },
    });
    expect(r.attributes).toMatchObject({
      DockerRepo: 'quay.io/acme/cart',
      DockerTag: '1.4.0',
      Purl: 'pkg:docker/quay.io/acme/cart@1.4.0',
      GitRepo: 'acme/cart',
      GitTag: 'release',
    });
    // only the toml names a repo (with a tag in it): the tag fills DockerTag and the Purl
    const t = await resolveAttributes(host, {
      derived: derivedSources({ env: {}, vars: {}, ci: LOCAL, now: NOW }),
      toml: { DockerRepo: 'nginx:1.25' },
      flags: {},
    });
    expect(t.attributes).toMatchObject({ DockerRepo: 'nginx', DockerTag: '1.25', Purl: 'pkg:docker/library/nginx@1.25' });
    // an explicit Purl is kept as given
    const k = await resolveAttributes(host, { derived, toml: {}, flags: { Purl: 'pkg:oci/cart@sha256:1' } });
    expect(k.attributes.Purl).toBe('pkg:oci/cart@sha256:1');
  });

  it('file pointers (any case) leave the attributes and come back as text; defaults are found in host.cwd', async () => {
    await writeFile(path.join(dir, 'README.md'), '# default readme\n');
    await writeFile(path.join(dir, 'LICENSE'), 'MIT\n');
    await mkdir(path.join(dir, 'docs'));
    await writeFile(path.join(dir, 'docs', 'api.yaml'), 'openapi: 3.0.0\n');
    await writeFile(path.join(dir, 'gradle-licenses.json'), '{}');
    const host = createMemoryHost({ cwd: dir });
    const r = await resolveAttributes(host, {
      derived: {},
      toml: { SWAGGER: 'docs/api.yaml', Owner: 'team' },
      flags: { gradlelicense: 'gradle-licenses.json' },
    });
    expect(r.attributes).toEqual({ Owner: 'team' });
    expect(r.files).toEqual({ readme: '# default readme\n', license: 'MIT\n', swagger: 'openapi: 3.0.0\n', gradleLicense: '{}' });
    expect(host.err()).toBe('');
  });

  it('a flag pointer overrides the toml pointer of another case', async () => {
    await writeFile(path.join(dir, 'A.md'), 'a');
    await writeFile(path.join(dir, 'B.md'), 'b');
    const host = createMemoryHost({ cwd: dir });
    const r = await resolveAttributes(host, { derived: {}, toml: { Readme: 'A.md' }, flags: { readme: 'B.md' } });
    expect(r.files.readme).toBe('b');
  });

  it('a missing pointed-to file is a warning, not a failure; URLs are not fetched', async () => {
    const host = createMemoryHost({ cwd: dir });
    const r = await resolveAttributes(host, {
      derived: {},
      toml: { License: 'NOPE.txt', Readme: 'https://example.com/README.md' },
      flags: {},
    });
    expect(r.files).toEqual({});
    expect(r.attributes).toEqual({});
    expect(host.err()).toContain('shiplog: warning: license file NOPE.txt not found');
    expect(host.err()).toContain('readme points to a URL');
  });
});

describe('file pointers stay inside the repository', () => {
  // dir is the repository (it holds .git); dir/outside.txt is not in it when the work tree is dir/repo.
  async function layout() {
    const repo = path.join(dir, 'repo');
    await mkdir(path.join(repo, '.git'), { recursive: true });
    await mkdir(path.join(repo, 'services', 'cart'), { recursive: true });
    await writeFile(path.join(repo, 'README.md'), 'top readme');
    await writeFile(path.join(repo, 'services', 'cart', 'LICENSE.txt'), 'MIT');
    await writeFile(path.join(dir, 'outside.txt'), 'SECRET_ENV=leaked');
    await symlink(path.join(dir, 'outside.txt'), path.join(repo, 'services', 'cart', 'link-out.md'));
    await symlink(path.join(repo, 'README.md'), path.join(repo, 'services', 'cart', 'link-in.md'));
    return { repo, cwd: path.join(repo, 'services', 'cart') };
  }

  const REFUSED: ReadonlyArray<readonly [string, (d: string) => Record<string, string>]> = [
    ['an absolute path (/proc/self/environ)', () => ({ Readme: '/proc/self/environ' })],
    ['an absolute path to a file outside', (d) => ({ License: path.join(d, 'outside.txt') })],
    ['../ out of the repository', () => ({ Swagger: '../../../outside.txt' })],
    ['../ to a missing file outside', () => ({ readme: '../../../missing.md' })],
    ['a symlink leading out', () => ({ README: 'link-out.md' })],
    ['GradleLicense at /etc/passwd', () => ({ GradleLicense: '/etc/passwd' })],
  ];

  it.each(REFUSED)('%s: exit 2 naming the key, nothing read', async (_, pointers) => {
    const { cwd } = await layout();
    const host = createMemoryHost({ cwd });
    const err = await resolveAttributes(host, { derived: {}, toml: pointers(dir), flags: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).exitCode).toBe(2);
    const [key, value] = Object.entries(pointers(dir))[0];
    expect((err as Error).message).toContain(`${key} = "${value}" points outside the repository`);
    expect((err as Error).message).not.toContain('leaked');
  });

  it('every bad pointer is named at once', async () => {
    const { cwd } = await layout();
    const err = await resolveAttributes(createMemoryHost({ cwd }), {
      derived: {},
      toml: { Readme: '/etc/hostname', License: '../../../outside.txt' },
      flags: {},
    }).catch((e: unknown) => e);
    expect((err as InvalidInputError).problems).toHaveLength(2);
  });

  it('relative paths inside the repository, also up from a subdirectory and through an inner symlink, are read', async () => {
    const { cwd } = await layout();
    const host = createMemoryHost({ cwd });
    const r = await resolveAttributes(host, {
      derived: {},
      toml: { Readme: '../../README.md', License: 'LICENSE.txt', Swagger: 'link-in.md' },
      flags: {},
    });
    expect(r.files).toEqual({ readme: 'top readme', license: 'MIT', swagger: 'top readme' });
  });

  it('without a repository the working directory is the limit', async () => {
    await mkdir(path.join(dir, 'work'));
    const host = createMemoryHost({ cwd: path.join(dir, 'work') });
    const err = await resolveAttributes(host, { derived: {}, toml: { Readme: '../outside.txt' }, flags: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
  });

  it('a default README that links out of the repository is not attached (warning)', async () => {
    const { repo } = await layout();
    await symlink(path.join(dir, 'outside.txt'), path.join(repo, 'LICENSE'));
    const host = createMemoryHost({ cwd: repo });
    const r = await resolveAttributes(host, { derived: {}, toml: {}, flags: {} });
    expect(r.files).toEqual({ readme: 'top readme' });
    expect(host.err()).toContain('LICENSE links to a file outside the repository, not attached');
  });
});

describe('version-update with a pointer outside the repository', () => {
  it('exits 2 naming the key and leaves the store untouched', async () => {
    const repo = makeRepo({ 'component.toml': `${COMPONENT_TOML}Readme = "/proc/self/environ"\n` });
    try {
      const first = await repo.run('version-update', { 'component-version': '1' }, { env: { SOME_VAR: 'env-value-not-stored' } });
      expect(first.exitCode).toBe(2);
      expect(first.result.error).toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('Readme = "/proc/self/environ" points outside the repository'),
      });
      expect(repo.storeSnapshot().size).toBe(0);
    } finally {
      repo.cleanup();
    }
  });
});
