// Every byte the action writes (log, runner files, workspace files) is scanned for the Ortelius password and
// the github-token, raw, URL-encoded and base64: they may appear only inside `::add-mask::` commands.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOrteliusEmulator, type OrteliusEmulator } from '../../../core/test/ortelius-emulator/index.js';
import { fakeGithub, type FakeGithub } from './fake-github.js';
import { makeWorkspace, runAction, type ActionRun } from './runner-harness.js';

const USER = 'deployer';
const PASSWORD = 'Tr1cky p@ss/w0rd+%&=';
const TOKEN = 'ghs_SecretTokenValue9876543210fedcba';
const APP = 'GLOBAL.Acme.Store.shop';

function forms(secret: string): string[] {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  return [
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    b64(secret),
    b64(secret).replace(/=+$/, ''),
    Buffer.from(secret, 'utf8').toString('base64url'),
    b64(`${USER}:${secret}`).replace(/=+$/, ''),
  ];
}

async function workspaceText(dir: string): Promise<string> {
  let all = '';
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const parent = (entry as unknown as { parentPath?: string; path?: string }).parentPath ?? (entry as unknown as { path: string }).path;
    if (!entry.isFile() || parent.split('/').includes('.git')) continue;
    all += `\n--- ${join(parent, entry.name)}\n` + (await readFile(join(parent, entry.name), 'utf8'));
  }
  return all;
}

/** How workflow command data is escaped on the wire (the runner unescapes it). */
const commandEscape = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

function everythingWritten(r: ActionRun): string {
  return [r.stdout, r.stderr, ...Object.values(r.files)].join('\n');
}

function expectNoSecret(text: string, where: string): void {
  const outsideMasks = text
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  for (const secret of [PASSWORD, TOKEN]) {
    for (const f of forms(secret)) expect(outsideMasks.includes(f), `${where} contains ${JSON.stringify(f)}`).toBe(false);
  }
}

let emu: OrteliusEmulator;
let gh: FakeGithub;
let ws: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  emu = await startOrteliusEmulator({ users: { [USER]: PASSWORD }, deployDelayMs: 20 });
  ws = await makeWorkspace();
});
afterEach(async () => {
  await gh?.close();
  await emu.close();
  await ws.cleanup();
});

describe('secrets', () => {
  for (const backend of ['local', 'ortelius'] as const) {
    it(`never leak on the ${backend} backend, through inputs or DHPASS, even from a deploy command that prints them`, async (ctx) => {
      const server: Record<string, string> = backend === 'ortelius' ? { DHURL: emu.url, DHUSER: USER } : { SHIPLOG_BACKEND: 'local' };
      const viaEnv = { ...server, DHPASS: PASSWORD };
      gh = await fakeGithub([
        { method: 'POST', path: '/repos/acme/shop/deployments', status: 201, body: { id: 9 } },
        { method: 'POST', path: '/repos/acme/shop/deployments/9/statuses', status: 201, body: {} },
        { method: 'POST', path: '/repos/acme/shop/deployments/9/statuses', status: 201, body: {} },
      ]);
      const runs: [string, ActionRun][] = [];
      const run = async (op: string, inputs: Record<string, string>, env: Record<string, string>) => {
        const r = await runAction(op, { workspace: ws.dir, inputs, env });
        runs.push([op, r]);
        return r;
      };

      // the password as an input (dhpass), the rest from env
      const vu = await run(
        'version-update',
        { 'component-name': 'GLOBAL.Acme.Store.cart', 'component-version': 'v1.0.0', application: APP, dhpass: PASSWORD },
        server,
      );
      if (backend === 'ortelius' && vu.stdout.includes('ortelius backend is not part of this build yet')) {
        ctx.skip('core/src/backend/open.ts does not open the ortelius backend yet');
      }
      expect(vu.exitCode, vu.stdout).toBe(0);
      expect(JSON.parse(vu.outputs.result)).toMatchObject({ ok: true });

      const dep = await run(
        'deploy',
        { application: APP, env: 'dev', command: 'echo "pw=$DHPASS token=$GH"', 'github-token': TOKEN },
        { ...viaEnv, GH: TOKEN, GITHUB_API_URL: gh.url },
      );
      expect(dep.exitCode, dep.stdout).toBe(0);
      expect(dep.stdout).toContain('pw=***');
      // the deploy command does not inherit the action's inputs (dhpass, github-token)
      const probe = await run(
        'deploy',
        { application: APP, env: 'dev', command: 'env | grep -c "^INPUT_" || true', dhpass: PASSWORD },
        server,
      );
      expect(probe.exitCode, probe.stdout).toBe(0);
      expect(probe.stdout).toMatch(/^0$/m);
      gh.verify();

      const env = await run('envscript', { 'export-env': 'true' }, viaEnv);
      expect(env.exitCode, env.stdout).toBe(0);

      const bad = await run('move', { application: APP, to: 'prod' }, viaEnv);
      expect(bad.exitCode).toBe(1);

      const other = await run(
        'approve',
        { application: APP, stage: 'prod', notes: `leaked? ${PASSWORD}x` },
        { ...viaEnv, DHPASS: `${PASSWORD}x` },
      );
      expect(other.exitCode, other.stdout).toBe(backend === 'ortelius' ? 1 : 0);

      for (const [op, r] of runs) {
        expectNoSecret(everythingWritten(r), op);
        // masked before anything else is printed
        const pw = op === 'approve' ? `${PASSWORD}x` : PASSWORD;
        const lines = r.stdout.split('\n');
        const leadingMasks = lines.slice(
          0,
          lines.findIndex((l) => !l.startsWith('::add-mask::')),
        );
        expect(leadingMasks, op).toContain(`::add-mask::${commandEscape(pw)}`);
        if (r === dep) expect(leadingMasks).toContain(`::add-mask::${commandEscape(TOKEN)}`);
      }
      expectNoSecret(await workspaceText(ws.dir), 'workspace files');
      expectNoSecret(JSON.stringify(gh.received.map((r) => r.body)), 'GitHub API bodies');
    });
  }

  it('the scan itself finds a leak (guard against a test that cannot fail)', () => {
    expect(() => expectNoSecret(`x ${Buffer.from(PASSWORD).toString('base64')} y`, 'probe')).toThrow();
    expect(() => expectNoSecret(`x ${encodeURIComponent(PASSWORD)} y`, 'probe')).toThrow();
    expect(() => expectNoSecret(`::add-mask::${PASSWORD}`, 'probe')).not.toThrow();
  });
});
