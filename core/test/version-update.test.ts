import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { inputsFor } from '../src/inputs.js';
import { APP, CART, COMPONENT_TOML, makeRepo, type TestRepo } from './execute-fixtures.js';

let repo: TestRepo;
afterEach(() => repo?.cleanup());

function shortSha(dir: string): string {
  return execFileSync('git', ['rev-parse', '--short=7', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
}

describe('version-update', () => {
  it('creates the component version and application version named in component.toml', async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML });
    const sha = shortSha(repo.dir);
    const r = await repo.run('version-update');
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result).toMatchObject({
      ok: true,
      operation: 'version-update',
      componentVersionId: expect.any(String),
      componentVersion: `${CART};main;v1_2_0_g${sha}`,
      componentVersionCreated: true,
      appVersionId: expect.any(String),
      appVersion: `${APP};1_0_0`,
      appVersionCreated: true,
    });
    const attrs = r.result.attributes as Record<string, string>;
    expect(attrs.DockerRepo).toBe('ghcr.io/acme/cart');
    expect(attrs.ServiceOwner).toBe('team-cart');
    expect(attrs.GitBranch).toBe('main');
  });

  it('re-running the same build creates nothing', async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML });
    const first = await repo.run('version-update');
    const again = await repo.run('version-update');
    expect(again.exitCode).toBe(0);
    expect(again.result).toMatchObject({ componentVersion: first.result.componentVersion, componentVersionCreated: false });
    expect(again.result).toMatchObject({ appVersion: `${APP};1_0_0`, appVersionCreated: false });
  });

  it('a re-run keeps the first DockerBuildDate; an empty env variable does not hide the git branch', async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML });
    const first = await repo.run('version-update', {}, { now: new Date('2026-01-02T03:04:05Z') });
    expect((first.result.attributes as Record<string, string>).DockerBuildDate).toBe('2026-01-02T03:04:05.000Z');
    const again = await repo.run('version-update', {}, { now: new Date('2026-02-03T04:05:06Z'), env: { GIT_BRANCH: '' } });
    expect(again.exitCode, again.err).toBe(0);
    expect(again.result).toMatchObject({ componentVersion: first.result.componentVersion, componentVersionCreated: false });
    const { openLocalBackend } = await import('../src/backend/local/index.js');
    const { createMemoryHost } = await import('../src/host.js');
    const backend = await openLocalBackend(createMemoryHost({ cwd: repo.dir }), { stateDir: `${repo.dir}/.shiplog` });
    try {
      const stored = await backend.getComponentVersion(first.result.componentVersion as string);
      expect(stored?.attributes.DockerBuildDate).toBe('2026-01-02T03:04:05.000Z');
      expect(stored?.attributes.GitBranch).toBe('main');
    } finally {
      await backend.close();
    }
  });

  it('flags override the TOML, env bindings override the TOML, and flags override env bindings', async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML });
    const r = await repo.run(
      'version-update',
      { 'component-version': '2.0.0' },
      { env: { COMPONENT_VERSION: '9.9.9', COMPONENT_VARIANT: 'feature/x' } },
    );
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result.componentVersion).toBe(`${CART};feature_x;2_0_0`);
    const fromEnv = await repo.run('version-update', {}, { env: { COMPONENT_VERSION: '9.9.9' } });
    expect(fromEnv.result.componentVersion).toBe(`${CART};main;9_9_9`);
  });

  it('flags alone are enough without component.toml', async () => {
    repo = makeRepo({}, { git: false });
    const r = await repo.run('version-update', { 'component-name': CART, 'component-version': '1.4.0', application: `${APP};2.0` });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result).toMatchObject({
      componentVersion: `${CART};1_4_0`,
      componentVersionCreated: true,
      appVersion: `${APP};2_0`,
      appVersionCreated: true,
    });
  });

  it('derives Name/Variant/Version from git when component.toml is missing', async () => {
    repo = makeRepo({});
    const r = await repo.run('version-update');
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result.componentVersion).toBe('GLOBAL.acme.store;main;v1');
    expect(r.result.appVersion).toBeNull();
  });

  it('a --component-name carrying its variant and version keeps them over what git gives', async () => {
    repo = makeRepo({});
    const full = await repo.run('version-update', { 'component-name': `${CART};feature_x;v1.0` });
    expect(full.exitCode, full.err).toBe(0);
    expect(full.result.componentVersion).toBe(`${CART};feature_x;v1_0`);
    const versionOnly = await repo.run('version-update', { 'component-name': `${CART};v2.0` });
    expect(versionOnly.exitCode, versionOnly.err).toBe(0);
    expect(versionOnly.result.componentVersion).toBe(`${CART};main;v2_0`); // variant from git
  });

  it('without component.toml on a CI agent (detached HEAD) the variant is the CI branch', async () => {
    repo = makeRepo({});
    execFileSync('git', ['checkout', '-q', '--detach'], { cwd: repo.dir });
    const r = await repo.run(
      'version-update',
      {},
      { env: { BUILDKITE: 'true', BUILDKITE_BRANCH: 'release/2.1', BUILDKITE_COMMIT: 'abc' } },
    );
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result.componentVersion).toBe('GLOBAL.acme.store;release_2_1;v1');
  });

  it('--auto-increment true names the version v<schema>_<commit count>_g<sha>', async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML });
    const sha = shortSha(repo.dir);
    const r = await repo.run('version-update', { 'auto-increment': 'true', 'component-version': '1.5.1' });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result.componentVersion).toBe(`${CART};main;v1_5_1_1_g${sha}`);
  });

  it('--auto-increment outside git is idempotent: an identical re-run reuses the version, a changed build makes the next', async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML }, { git: false });
    const inputs = { 'auto-increment': 'Y', 'component-variant': 'main', 'component-version': '1.5.1', attr: ['DockerSha=sha256:aaa'] };
    const first = await repo.run('version-update', inputs);
    expect(first.exitCode, first.err).toBe(0);
    expect(first.result.componentVersion).toBe(`${CART};main;v1_5_1_1`);
    // the clock moved (DockerBuildDate differs): still the same build
    const again = await repo.run('version-update', inputs, { now: new Date('2026-01-02T04:00:00Z') });
    expect(again.exitCode, again.err).toBe(0);
    expect(again.result).toMatchObject({ componentVersion: `${CART};main;v1_5_1_1`, componentVersionCreated: false });
    const next = await repo.run('version-update', { ...inputs, attr: ['DockerSha=sha256:bbb'] });
    expect(next.exitCode, next.err).toBe(0);
    expect(next.result).toMatchObject({ componentVersion: `${CART};main;v1_5_1_2`, componentVersionCreated: true });
  });

  it("dh's several-components form: COMPONENT_NAME_n (with _VERSION_n, _APPLICATION_n) after the main one", async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML });
    const env = {
      COMPONENT_NAME_1: 'GLOBAL.Acme.Store.pay',
      COMPONENT_VERSION_1: '2.0.0',
      COMPONENT_APPLICATION_1: 'GLOBAL.Acme.Store.checkout',
      COMPONENT_APPLICATION_VERSION_1: '1.0.0',
      COMPONENT_NAME_2: 'GLOBAL.Acme.Store.mail',
      COMPONENT_VERSION_2: '0.3',
      COMPONENT_NAME_4: 'GLOBAL.Acme.Store.skipped',
    };
    const r = await repo.run('version-update', {}, { env });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result.additional).toEqual([
      expect.objectContaining({
        componentVersion: 'GLOBAL.Acme.Store.pay;2_0_0',
        componentVersionCreated: true,
        appVersion: 'GLOBAL.Acme.Store.checkout;1_0_0',
        appVersionCreated: true,
      }),
      expect.objectContaining({
        componentVersion: 'GLOBAL.Acme.Store.mail;0_3',
        componentVersionCreated: true,
        appVersion: null,
        appVersionId: null,
        appVersionCreated: null,
      }),
    ]);
    const again = await repo.run('version-update', {}, { env });
    expect((again.result.additional as { componentVersionCreated: boolean }[]).map((a) => a.componentVersionCreated)).toEqual([
      false,
      false,
    ]);
  });

  it('reports every problem at once: bad booleans, bad SBOM type, bad kind', async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML });
    const r = await repo.run('version-update', {
      'auto-increment': 'maybe',
      'app-auto-increment': 'often',
      sbom: ['xml@bom.xml', 'nofile'],
      kind: 'zip',
    });
    expect(r.exitCode).toBe(2);
    const error = r.result.error as { code: string; problems: string[] };
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.problems).toEqual([
      '--auto-increment must be true or false (got "maybe")',
      '--kind must be one of docker, file (got "zip")',
      '--app-auto-increment must be true or false (got "often")',
      '--sbom type "xml" is not one of cyclonedx, spdx',
      '--sbom must be TYPE@FILE, e.g. cyclonedx@bom.json (got "nofile")',
    ]);
    const sbom = await repo.run('version-update', { sbom: ['xml@bom.xml', 'nofile'] });
    expect(sbom.exitCode).toBe(2);
    expect((sbom.result.error as { problems: string[] }).problems).toEqual([
      '--sbom type "xml" is not one of cyclonedx, spdx',
      '--sbom must be TYPE@FILE, e.g. cyclonedx@bom.json (got "nofile")',
    ]);
    expect(repo.storeSnapshot().size).toBe(0);
  });

  it('a bad boolean from an env binding names the variable', async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML });
    const r = await repo.run('version-update', {}, { env: { COMPONENT_AUTOINC: 'sure' } });
    expect(r.exitCode).toBe(2);
    expect((r.result.error as { message: string }).message).toBe(
      'COMPONENT_AUTOINC (for --auto-increment) must be true or false (got "sure")',
    );
  });

  it('malformed component.toml: exit 2, nothing written', async () => {
    repo = makeRepo({ 'component.toml': 'Name = "GLOBAL.Acme.x\n[Attributes\n' });
    const r = await repo.run('version-update');
    expect(r.exitCode).toBe(2);
    expect((r.result.error as { code: string }).code).toBe('CONFIG');
    expect(repo.storeSnapshot().size).toBe(0);
  });

  it('missing Name, name without domain and missing version are reported', async () => {
    repo = makeRepo({ 'component.toml': 'Version = "1.0"\n' }, { git: false });
    const noName = await repo.run('version-update');
    expect(noName.exitCode).toBe(2);
    expect((noName.result.error as { message: string }).message).toMatch(/no component name: .*component\.toml has no Name/);

    const noDomain = await repo.run('version-update', { 'component-name': 'cart', application: 'shop' });
    expect(noDomain.exitCode).toBe(2);
    expect((noDomain.result.error as { problems: string[] }).problems).toEqual([
      'component name "cart" needs a full domain path, e.g. GLOBAL.Acme.cart',
      'application name "shop" needs a full domain path, e.g. GLOBAL.Acme.shop',
    ]);

    repo.write('component.toml', `Name = "${CART}"\n`);
    const noVersion = await repo.run('version-update');
    expect(noVersion.exitCode).toBe(2);
    expect((noVersion.result.error as { message: string }).message).toMatch(/no component version/);
    expect(repo.storeSnapshot().size).toBe(0);
  });

  it('reads SBOM files and fails with exit 2 on a missing one before writing', async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML, 'bom.json': '{"bomFormat":"CycloneDX","components":[]}' });
    const ok = await repo.run('version-update', { sbom: ['cyclonedx@bom.json'] });
    expect(ok.exitCode, ok.err).toBe(0);
    repo.cleanup();
    repo = makeRepo({ 'component.toml': COMPONENT_TOML });
    const missing = await repo.run('version-update', { sbom: ['spdx@missing.json'] });
    expect(missing.exitCode).toBe(2);
    expect((missing.result.error as { message: string }).message).toMatch(/cannot read SBOM .*missing\.json: ENOENT/);
    expect(repo.storeSnapshot().size).toBe(0);
  });

  it('--dry-run writes nothing (store stays absent, then byte-identical)', async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML });
    const dry = await repo.run('version-update', { 'dry-run': true });
    expect(dry.exitCode, dry.err).toBe(0);
    expect(dry.result).toMatchObject({ dryRun: true, componentVersionId: null, componentVersionCreated: false });
    expect(repo.storeSnapshot().size).toBe(0);
    await repo.run('version-update');
    const before = repo.storeSnapshot();
    expect(before.size).toBeGreaterThan(0);
    const dry2 = await repo.run('version-update', { 'dry-run': 'true', 'component-version': '3.0.0' });
    expect(dry2.exitCode, dry2.err).toBe(0);
    expect(repo.storeSnapshot()).toEqual(before);
  });

  it('--env deploys afterwards with the command after --', async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML });
    const r = await repo.run('version-update', { env: 'dev' }, { commandArgs: ['sh', '-c', 'echo deployed'] });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result.deployment).toMatchObject({ environment: 'dev', status: 'success', exitCode: 0, appVersion: `${APP};1_0_0` });
    expect(r.err).toContain('deployed\n');
  });

  it('--env deploys afterwards with the --command input (how adapters pass it)', async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML });
    const r = await repo.run('version-update', { env: 'dev', command: 'echo "deployed by input"' });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result.deployment).toMatchObject({ environment: 'dev', status: 'success', exitCode: 0 });
    expect(r.err).toContain('deployed by input\n');
    const both = await repo.run('version-update', { env: 'dev', command: 'true' }, { commandArgs: ['true'] });
    expect(both.exitCode).toBe(2);
    const noEnv = await repo.run('version-update', { command: 'true' });
    expect(noEnv.exitCode).toBe(2);
    expect(String((noEnv.result.error as { message: string }).message)).toContain('no environment');
  });

  it.each([
    ['the --env flag', { env: 'dev' }, {}],
    ['DEPLOY_ENV', {}, { DEPLOY_ENV: 'dev' }],
  ])(
    '%s on the local store without a command: exit 2 before writing anything, the hint only names flags version-update takes',
    async (_label, inputs, env) => {
      repo = makeRepo({ 'component.toml': COMPONENT_TOML });
      const r = await repo.run('version-update', inputs, { env });
      expect(r.exitCode).toBe(2);
      const error = r.result.error as { message: string; hint: string };
      expect(error.message).toBe('the local backend cannot run deployments itself: give the deployment command to deploy to dev');
      expect(error.hint).toMatch(/-- \.\/deploy\.sh/);
      const [ownPart] = error.hint.split('shiplog deploy');
      const taken = new Set(inputsFor('version-update', { includeCliOnly: true }).map((i) => `--${i.name}`));
      expect([...ownPart.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]).filter((f) => !taken.has(f))).toEqual([]);
      expect(error.hint).not.toContain('--exit-code');
      expect(repo.storeSnapshot().size).toBe(0);
    },
  );

  it('an unknown --env with a command: exit 2 before writing anything', async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML });
    const unknownEnv = await repo.run('version-update', { env: 'staging' }, { commandArgs: ['true'] });
    expect(unknownEnv.exitCode).toBe(2);
    expect((unknownEnv.result.error as { message: string }).message).toBe('unknown environment "staging"');
    expect(repo.storeSnapshot().size).toBe(0);
  });

  it('a deployment command without an environment is an error (exit 2), nothing written', async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML });
    const r = await repo.run('version-update', {}, { commandArgs: ['./deploy.sh'] });
    expect(r.exitCode).toBe(2);
    expect((r.result.error as { message: string }).message).toBe(
      'a deployment command was given (./deploy.sh) but no environment to deploy to',
    );
    expect(repo.storeSnapshot().size).toBe(0);
    repo.write('component.toml', `${COMPONENT_TOML.split('[Attributes]')[0]}DeployEnv = "dev"\n`);
    const fromToml = await repo.run('version-update', {}, { commandArgs: ['true'] });
    expect(fromToml.exitCode, fromToml.err).toBe(0);
    expect(fromToml.result.deployment).toMatchObject({ environment: 'dev', status: 'success' });
  });

  it('a failed deployment after the update exits 1 and still reports the versions', async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML });
    const r = await repo.run('version-update', { env: 'dev' }, { commandArgs: ['sh', '-c', 'exit 4'] });
    expect(r.exitCode).toBe(1);
    expect(r.result).toMatchObject({
      ok: false,
      operation: 'version-update',
      componentVersionCreated: true,
      deployment: { status: 'failed', exitCode: 4 },
      error: { code: 'DEPLOY_FAILED', exitCode: 1 },
    });
  });

  it('secrets from the environment never reach stored attributes or output', async () => {
    repo = makeRepo({ 'component.toml': `${COMPONENT_TOML}Token = "\${DHPASS}"\n` });
    const r = await repo.run('version-update', { attr: ['Leak=pre-s3cr3t-value-post'] }, { env: { DHPASS: 's3cr3t-value' } });
    expect(r.exitCode, r.err).toBe(0);
    const attrs = r.result.attributes as Record<string, string>;
    expect(attrs.Token).toBe('***');
    expect(attrs.Leak).toBe('pre-***-post');
    for (const [, b64] of repo.storeSnapshot()) expect(Buffer.from(b64, 'base64').toString('utf8')).not.toContain('s3cr3t-value');
  });

  it('an existing application version is reused with the component swapped in, or bumped with --app-auto-increment', async () => {
    repo = makeRepo({}, { git: false });
    const base = { 'component-name': CART, application: APP, 'app-version': '1.0.0' };
    expect((await repo.run('version-update', { ...base, 'component-version': '1' })).result).toMatchObject({
      appVersion: `${APP};1_0_0`,
      appVersionCreated: true,
    });
    const reuse = await repo.run('version-update', { ...base, 'component-version': '2' });
    expect(reuse.result).toMatchObject({ appVersion: `${APP};1_0_0`, appVersionCreated: false, appVersionUpdated: true });
    const bump = await repo.run('version-update', { ...base, 'component-version': '3', 'app-auto-increment': 'true' });
    expect(bump.exitCode, bump.err).toBe(0);
    expect(bump.result).toMatchObject({ appVersion: `${APP};1_0_1`, appVersionCreated: true });
  });

  // DeployEnv in component.toml (the dh format) with no command, on a backend that cannot deploy by itself.
  it.each([
    ['an environment of the pipeline', 'dev'],
    ['an Ortelius environment name the local pipeline does not know', 'GLOBAL.Acme.Store.dev'],
  ])('DeployEnv naming %s without a command: the versions are recorded, one warning says how to deploy', async (_label, deployEnv) => {
    repo = makeRepo({ 'component.toml': `DeployEnv = "${deployEnv}"\n${COMPONENT_TOML}` });
    const r = await repo.run('version-update');
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result).toMatchObject({ ok: true, componentVersionCreated: true, appVersion: `${APP};1_0_0`, appVersionCreated: true });
    expect(r.result.deployment).toBeUndefined();
    const warnings = r.err.split('\n').filter((l) => l.startsWith('shiplog: warning: '));
    expect(warnings).toEqual([
      `shiplog: warning: DeployEnv "${deployEnv}" in component.toml not deployed: the local backend cannot run deployments itself and no deployment command was given (deploy with: shiplog deploy --application "${APP}" --env ${deployEnv} -- <command>)`,
    ]);
    const dry = await repo.run('version-update', { 'dry-run': true, 'component-version': '9' });
    expect(dry.exitCode, dry.err).toBe(0);
    expect(dry.err).not.toContain('would deploy');
  });

  it('the component.toml example of docs/component-toml.md works on the default local backend', async () => {
    const doc = readFileSync(new URL('../../docs/component-toml.md', import.meta.url), 'utf8');
    const example = /```toml\n([\s\S]*?)```/.exec(doc)![1];
    expect(example).toMatch(/^DeployEnv = /m);
    repo = makeRepo({ 'component.toml': example });
    const r = await repo.run('version-update', {}, { env: { BUILDNUM: '145', IMAGE_TAG: 'main-1' } });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result).toMatchObject({
      componentVersion: expect.stringMatching(/^GLOBAL\.Acme\.Store\.cart;main;v1_2_145_g/),
      appVersion: `${APP};1_0_145`,
    });
    expect(r.err).toMatch(/warning: DeployEnv "GLOBAL\.Acme\.Store\.dev" in component\.toml not deployed/);
  });

  // Only the default ./component.toml may be absent; a path named explicitly must exist.
  it.each([
    ['a misspelt path', 'services/cart/compnent.toml', 2],
    ['a missing file in the working directory', 'other.toml', 2],
    ['the default name', 'component.toml', 0],
    ['the default name with ./', './component.toml', 0],
  ])('--toml naming %s (%s) that does not exist: exit %i', async (_label, toml, exitCode) => {
    repo = makeRepo({});
    const r = await repo.run('version-update', { toml });
    expect(r.exitCode, r.err).toBe(exitCode);
    if (exitCode === 2) {
      const error = r.result.error as { code: string; message: string; problems?: string[] };
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(`--toml ${toml}: no such file (${repo.dir}/${toml})`);
      expect(r.err).not.toContain('naming the component from git');
      expect(repo.storeSnapshot().size).toBe(0);
    } else {
      expect(r.result.componentVersion).toBe('GLOBAL.acme.store;main;v1');
    }
  });
});
