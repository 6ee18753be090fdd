/**
 * Issue 21, critical: with secrets of 64 KB, 1 MB and 16 MB, and with 1,000 small ones, every command works and
 * no form of any secret reaches stdout, stderr, the --json document or the stored state. In process for the
 * sizes a process environment cannot carry (Linux caps one variable at 128 KiB); the issue's own repro runs
 * through the bundled CLI.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { APP, CART, makeRepo, runCliInProcess, type TestRepo } from './execute-fixtures.js';
import { leakedForms } from './secret-forms.js';

const DHPASS = 's3cr3t p@ss/word';
const bundle = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'shiplog.mjs');

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

function stored(r: TestRepo): string {
  return [...r.storeSnapshot().values()].map((b64) => Buffer.from(b64, 'base64').toString('utf8')).join('\n');
}

/**
 * Runs every command once against a fresh local store, the secret in the environment (API_TOKEN) and inside what
 * each command stores or prints (attribute, notes, deployment log); returns everything that left the process.
 */
async function everyCommand(env: Record<string, string>, secret: string): Promise<{ outputs: string[]; codes: Record<string, number> }> {
  repo = makeRepo();
  const r = repo;
  r.write('deploy.log', `step 1\nusing token ${secret}\nstep 2\n`);
  const e = { ...r.env, ...env };
  const outputs: string[] = [];
  const codes: Record<string, number> = {};
  const run = async (name: string, argv: string[]) => {
    const res = await runCliInProcess([...argv, '--json'], { cwd: r.dir, env: e });
    outputs.push(res.out, res.err);
    codes[name] = res.code;
    expect(() => JSON.parse(res.out), `${name}: ${res.err.slice(0, 500)}`).not.toThrow();
    expect(res.out.trim().split('\n')).toHaveLength(1);
  };
  await run('version-update', [
    'version-update',
    '--component-name',
    CART,
    '--component-version',
    '1.0.0',
    '--application',
    APP,
    '--attr',
    `Token=${secret}`,
  ]);
  await run('deploy', ['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0', '--log-file', 'deploy.log']);
  await run('approve', ['approve', '--application', APP, '--stage', 'qa', '--notes', `pw=${secret}`]);
  await run('move', ['move', '--application', APP, '--to', 'qa', '--notes', `moved with ${secret}`]);
  await run('envscript', ['envscript', '--format', 'json']);
  await run('status', ['status']);
  await run('history', ['history']);
  await run('diff', ['diff', '--from', 'dev', '--to', 'qa']);
  await run('graph', ['graph', '--application', APP]);
  outputs.push(stored(r));
  return { outputs, codes };
}

const ALL_OK = { 'version-update': 0, deploy: 0, approve: 0, move: 0, envscript: 0, status: 0, history: 0, diff: 0, graph: 0 };

describe('every command with a large secret registered', () => {
  it.each([
    ['64 KB', 48 * 1024],
    ['1 MB', 768 * 1024],
    ['16 MB', 12 * 1024 * 1024],
  ])('%s API_TOKEN and DHPASS', async (_, bytes) => {
    const big = randomBytes(bytes).toString('base64');
    const { outputs, codes } = await everyCommand({ API_TOKEN: big, DHPASS }, big);
    expect(codes).toEqual(ALL_OK);
    const all = outputs.join('\n');
    expect(leakedForms(all, big)).toEqual([]);
    expect(leakedForms(all, DHPASS)).toEqual([]);
    expect(all).toContain('***');
    expect(all).not.toContain('internal error');
  });

  it('1,000 small secrets (one of them in every record)', async () => {
    const env: Record<string, string> = { DHPASS };
    const small = Array.from({ length: 1000 }, (_, i) => `tok-${i}-${randomBytes(9).toString('base64url')}`);
    small.forEach((s, i) => (env[`SVC_${i}_TOKEN`] = s));
    const { outputs, codes } = await everyCommand(env, small[777]);
    expect(codes).toEqual(ALL_OK);
    const all = outputs.join('\n');
    for (const s of [...small, DHPASS]) expect(leakedForms(all, s)).toEqual([]);
  });
});

describe('the issue 21 repro through the bundled CLI', () => {
  it('API_TOKEN of 30,000 random bytes in base64 and DHPASS: status --json works and prints no secret', () => {
    repo = makeRepo();
    const token = randomBytes(30_000).toString('base64');
    const r = spawnSync(process.execPath, [bundle, 'status', '--json'], {
      cwd: repo.dir,
      env: { ...repo.env, API_TOKEN: token, DHPASS },
      encoding: 'utf8',
    });
    expect(r.stderr.length).toBeLessThan(1000);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
    for (const s of [token, DHPASS]) expect(leakedForms(r.stdout + r.stderr, s)).toEqual([]);
  });

  it("a 64 KB token in a deployment command's output is masked in the streamed log and the record", () => {
    repo = makeRepo();
    const token = randomBytes(48 * 1024).toString('base64');
    const env = { ...repo.env, API_TOKEN: token, DHPASS };
    const up = spawnSync(
      process.execPath,
      [bundle, 'version-update', '--component-name', CART, '--component-version', '1', '--application', APP, '--json'],
      { cwd: repo.dir, env, encoding: 'utf8' },
    );
    expect(up.status, up.stderr).toBe(0);
    writeFileSync(path.join(repo.dir, 'show.sh'), 'printf "token=%s\\n" "$API_TOKEN"; printf "pw=%s\\n" "$DHPASS"\n');
    const d = spawnSync(process.execPath, [bundle, 'deploy', '--application', APP, '--env', 'dev', '--json', '--', 'sh', 'show.sh'], {
      cwd: repo.dir,
      env,
      encoding: 'utf8',
    });
    expect(d.status, d.stderr.slice(0, 2000)).toBe(0);
    expect(d.stderr).toContain('token=***');
    expect(d.stderr).toContain('pw=***');
    const all = d.stdout + d.stderr + up.stdout + up.stderr + stored(repo);
    for (const s of [token, DHPASS]) expect(leakedForms(all, s)).toEqual([]);
  });
});
