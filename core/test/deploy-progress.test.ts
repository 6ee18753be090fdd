/**
 * A deployment's progress on stderr (progress.ts): a start line, a heartbeat with the time so far and the last line of
 * the command's output (redacted) or the server's status, an end line with the duration; on a terminal outside CI
 * one status line updated in place instead of heartbeat lines; `durationMs` in the JSON result. The heartbeat period
 * is shortened to 50 ms (Host.heartbeatMs), and every deployment waits for an event (the heartbeat it should cause)
 * instead of a fixed time, so no assertion depends on timing.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openOrteliusBackend } from '../src/backend/ortelius/index.js';
import { main } from '../src/cli/main.js';
import type { Terminal } from '../src/cli/output-options.js';
import { execute } from '../src/execute.js';
import { createMemoryHost } from '../src/host.js';
import { formatDuration, noteOf, startHeartbeat } from '../src/progress.js';
import { CLEAR_LINE, statusLine } from '../src/status-line.js';
import { APP, makeRepo, makeRepoWithAppVersion, type TestRepo } from './execute-fixtures.js';
import { DEFAULT_PASSWORD, DEFAULT_USER, startOrteliusEmulator, type OrteliusEmulator } from './ortelius-emulator/index.js';

const SECRET = 'pr0gress-s3cret-tok';
const AV = `${APP};1_0_0`;

async function until(what: string, ready: () => boolean): Promise<void> {
  for (let i = 0; !ready(); i++) {
    if (i > 1500) throw new Error(`${what} never happened`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A deployment command that prints two lines (the second holds the secret), then waits for the file `release`
 * (which the test writes once it saw the heartbeat it waits for), then prints a last line.
 */
const COMMAND = [
  'sh',
  '-c',
  'echo "step one"; printf "step two uses %s\\n" "$DEPLOY_TOKEN"; i=0; while [ ! -e release ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; echo "all done"',
];

let repo: TestRepo;
afterEach(() => repo?.cleanup());

/** The CLI in process (cli/main.ts) with a 50 ms heartbeat; `release` is written once `releaseWhen(stderr so far)`. */
async function deploy(opts: { terminal?: Terminal; env?: Record<string, string>; releaseWhen: (err: string) => boolean }) {
  let err = '';
  let out = '';
  const released = () => existsSync(path.join(repo.dir, 'release'));
  const code = await main({
    argv: ['deploy', '--application', APP, '--env', 'dev', '--json', '--', ...COMMAND],
    cwd: repo.dir,
    env: { ...repo.env, DEPLOY_TOKEN: SECRET, ...opts.env },
    terminal: opts.terminal ?? {},
    heartbeatMs: 50,
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
      if (!released() && opts.releaseWhen(err)) repo.write('release', '');
    },
  });
  return { code, err, json: JSON.parse(out) as { deployment: { durationMs: number; status: string } } };
}

describe('deploy progress (a command shiplog runs)', () => {
  it('piped: a start line, heartbeat lines with the last output line (secret masked), an end line with the duration', async () => {
    repo = await makeRepoWithAppVersion();
    const heartbeat = new RegExp(`^deploy: ${esc(AV)} to dev: running for \\d+\\.\\d s; last line: step two uses \\*\\*\\*$`, 'm');
    const r = await deploy({ releaseWhen: (err) => heartbeat.test(err) });
    expect(r.code, r.err).toBe(0);
    const lines = r.err.split('\n');
    const start = lines.indexOf(`deploy: ${AV} to dev: started (run: ${COMMAND.join(' ')})`);
    const beat = lines.findIndex((l) => heartbeat.test(l));
    const end = lines.findIndex((l) =>
      new RegExp(`^deploy: ${esc(AV)} to dev: succeeded in \\d+\\.\\d s \\(deployment 1, exit code 0\\)$`).test(l),
    );
    expect(start, r.err).toBeGreaterThanOrEqual(0);
    expect(beat, r.err).toBeGreaterThan(start);
    expect(end, r.err).toBeGreaterThan(beat);
    expect(lines.indexOf('all done')).toBeLessThan(end);
    // a secret the command printed is masked in its own line and in every heartbeat
    expect(r.err).not.toContain(SECRET);
    expect(r.err).toContain('step two uses ***\n');
    // piped: nothing redrawn in place
    expect(r.err).not.toContain('\r');
    // the duration, whole milliseconds, as the end line states it
    const ms = r.json.deployment.durationMs;
    expect(Number.isInteger(ms)).toBe(true);
    expect(r.err).toContain(`succeeded in ${formatDuration(ms)} (deployment 1`);
  });

  it('on a terminal outside CI: one status line redrawn in place (cut to the width), no heartbeat lines', async () => {
    repo = await makeRepoWithAppVersion();
    const terminal: Terminal = { stderrIsTTY: true, stderrColumns: 100 };
    // released once the status line was drawn and then redrawn in place (\r, erase the line, the new text)
    const redrawn = `${CLEAR_LINE}deploy: ${AV} to dev: running for `;
    const r = await deploy({
      terminal,
      env: { NO_COLOR: '1' },
      releaseWhen: (err) => err.includes(redrawn) && err.includes('; last line: step two uses ***'),
    });
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`step two uses ***\ndeploy: ${AV} to dev: running for `);
    expect(r.err).toContain(redrawn);
    expect(r.err).not.toContain(SECRET);
    // every state of the status line fits one row of the terminal
    const drawn = r.err
      .split(CLEAR_LINE)
      .map((chunk) => chunk.split('\n').pop()!)
      .filter((l) => l.includes('running for'));
    expect(drawn.length).toBeGreaterThan(0);
    for (const l of drawn) expect([...l].length).toBeLessThan(100);
    // the output lines and the start and end lines still come as lines; the status line is cleared at the end
    const plain = r.err.split(CLEAR_LINE).join('\n');
    expect(plain).toMatch(/^step two uses \*\*\*$/m);
    expect(plain).toMatch(new RegExp(`^deploy: ${esc(AV)} to dev: succeeded in \\d+\\.\\d s \\(deployment 1, exit code 0\\)$`, 'm'));
    expect(r.err).not.toMatch(/running for [^\r]*\n/);
    expect(r.err.endsWith('\n')).toBe(true);
  });

  it("a terminal in CI (an agent's pty) still gets plain heartbeat lines", async () => {
    repo = await makeRepoWithAppVersion();
    const r = await deploy({
      terminal: { stderrIsTTY: true },
      env: { CI: 'true' },
      releaseWhen: (err) => /running for [^\n]*; last line: step two uses \*\*\*\n/.test(err),
    });
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toContain('\r');
  });
});

describe('startHeartbeat', () => {
  it('stop() waits for a beat under way (apply renews its leases there): nothing of it runs after its owner is done', async () => {
    const host = createMemoryHost({ env: {} });
    let release!: () => void;
    let began = false;
    let ended = false;
    const heartbeat = startHeartbeat(host, {
      periodMs: 5,
      isCi: true,
      text: () => 'beat',
      onBeat: async () => {
        began = true;
        await new Promise<void>((r) => (release = r));
        ended = true;
      },
    });
    while (!began) await new Promise((r) => setTimeout(r, 5));
    let stopped = false;
    const stopping = heartbeat.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(ended).toBe(true);
  });
});

describe('noteOf', () => {
  it('keeps what a terminal would show last on the line, without escapes, cut to one short line', () => {
    expect(noteOf('  10%\r 50%\r\x1b[32m100% done\x1b[0m  ')).toBe('100% done');
    expect(noteOf('a\tb\u0007c')).toBe('a b c');
    expect(noteOf('x'.repeat(500))).toHaveLength(160);
  });
});

describe('statusLine', () => {
  it('stays under the output, waits for an open line to end, fits one row, is removed at the end', () => {
    let out = '';
    const line = statusLine((t) => (out += t), { columns: 12, color: false });
    line.write('first\n');
    line.set('a status longer than the row');
    expect(out).toBe('first\na status l…');
    line.write('partial');
    line.set('second');
    line.write(' line\n');
    line.set(undefined);
    expect(out).toBe(`first\na status l…${CLEAR_LINE}partial line\nsecond${CLEAR_LINE}`);
  });

  it('is dimmed only when colour is on', () => {
    let out = '';
    statusLine((t) => (out += t), { color: true }).set('x');
    expect(out).toBe('\x1b[2mx\x1b[22m');
  });
});

describe('deploy progress (a server-side deployment on Ortelius)', () => {
  let emu: OrteliusEmulator;
  beforeAll(async () => {
    emu = await startOrteliusEmulator({ deployDelayMs: 0 });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('the heartbeat names the server status and the last log line; the end line and durationMs follow', async () => {
    repo = makeRepo({}, { git: false });
    const env = { ...repo.env, DHURL: emu.url, DHUSER: DEFAULT_USER, DHPASS: DEFAULT_PASSWORD };
    const run = (command: 'version-update' | 'deploy', inputs: Record<string, string>) => {
      const host = createMemoryHost({ env, cwd: repo.dir, heartbeatMs: 50 });
      const outcome = execute(command, inputs, host, {
        openBackend: (h, o) =>
          openOrteliusBackend(h, {
            url: o.dhurl!,
            user: o.dhuser,
            password: o.dhpass,
            deadline: o.deadline,
            poll: { initialMs: 20, maxMs: 50 },
          }),
      });
      return { host, outcome };
    };
    const up = run('version-update', {
      'component-name': 'GLOBAL.Acme.Store.cart',
      'component-version': '1.0',
      application: APP,
      'app-version': '1.0.0',
    });
    expect((await up.outcome).exitCode, up.host.err()).toBe(0);
    // The deployment runs until the test saw the heartbeat it waits for.
    emu.faults.deployNeverCompletes = true;
    const d = run('deploy', { application: APP, env: 'dev' });
    const beat = new RegExp(
      `^deploy: ${esc(AV)} to dev: running for \\d+\\.\\d s; server status: running \\(not complete\\), 1 log line; last line: Deploying ${esc(AV)} to dev$`,
      'm',
    );
    await until('a heartbeat with the server status', () => beat.test(d.host.err()));
    emu.faults.deployNeverCompletes = false;
    for (const x of emu.state.deployments) x.durationMs = 0;
    const r = await d.outcome;
    expect(r.exitCode, d.host.err()).toBe(0);
    expect(d.host.err()).toContain(`deploy: ${AV} to dev: started (server-side deployment on ${emu.url}`);
    expect(d.host.err()).toMatch(new RegExp(`deploy: ${esc(AV)} to dev: succeeded in \\d+\\.\\d s \\(deployment \\d+, exit code 0\\)\\n`));
    expect(r.result).toMatchObject({ deployment: { mode: 'server', status: 'success', durationMs: expect.any(Number) } });
    expect(d.host.err()).not.toContain(DEFAULT_PASSWORD);
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
