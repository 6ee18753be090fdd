/**
 * Issue 20, item 1: secrets that span lines (an SSH key in DEPLOY_PRIVATE_KEY, a multi-line DHPASS) are masked
 * line by line in every sink, on every store. A deployment command prints each line of the secret raw, its
 * URL-encoded and base64 forms, and the whole value; an [Export] value, an attribute and approval notes carry a
 * line too. Matrix: {single-line, multi-line PEM, regex metacharacters, 3-character lines} x {stdout JSON, stderr
 * (the streamed log), stored records and deployment logs, envscript file, markdown summary / text / HTML
 * annotation} x {local, git, ortelius} stores. A line shorter than 3 characters is not a secret on its own
 * (MIN_SECRET_LENGTH) and stays readable.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, renderHtml, renderMarkdown, renderText } from '../src/report/index.js';
import type { JsonResult } from '../src/kit/outputs.js';
import { APP, CART, makeRepo, runCliInProcess } from './execute-fixtures.js';
import { DEFAULT_PASSWORD, DEFAULT_USER, startOrteliusEmulator, type OrteliusEmulator } from './ortelius-emulator/index.js';
import { leaks, printed, needles, SECRET_CASES as CASES } from './multi-line-secret-cases.js';
import { makeBareRemote } from './support/git-servers.js';

/** The summary (markdown), the plain text and the HTML annotation every adapter renders from a result. */
function reports(results: Array<{ out: string }>): Record<string, string> {
  const sinks: Record<string, string> = { markdown: '', text: '', html: '' };
  for (const r of results) {
    const json = JSON.parse(r.out) as JsonResult;
    const report = buildReport(json.operation as never, json);
    sinks.markdown += renderMarkdown(report, { diagrams: true });
    sinks.text += renderText(report);
    sinks.html += renderHtml(report);
  }
  return sinks;
}

/** Every byte of every object in a git store, decompressed. */
function gitObjects(bare: string): string {
  return execFileSync('git', ['cat-file', '--batch-all-objects', '--batch'], { cwd: bare, maxBuffer: 64 << 20 }).toString('utf8');
}

/** Checks and leaks per "store/sink", printed for the issue note. */
const counts = new Map<string, { tried: number; leaked: number }>();

let emu: OrteliusEmulator;
beforeAll(async () => {
  emu = await startOrteliusEmulator({ deployDelayMs: 20 });
});
afterAll(async () => {
  await emu.close();
  // the figure for the issue note: cases x sinks tried, leaks found
  const all = [...counts.values()].reduce((a, c) => ({ tried: a.tried + c.tried, leaked: a.leaked + c.leaked }), { tried: 0, leaked: 0 });
  const each = [...counts].map(([k, c]) => `${k} ${c.tried}/${c.leaked}`).join(', ');
  console.log(`multi-line secrets: ${all.tried} case x sink checks, ${all.leaked} leaks (store/sink tried/leaked: ${each})`);
});

type Store = 'local' | 'git' | 'ortelius';

describe.each(['local', 'git', 'ortelius'] as Store[])('%s store', (store) => {
  it.each(CASES)('$name: 0 leaks in every sink', async ({ value, kept }) => {
    const line = needles(value).find((l) => l !== value && l.trim() === l) ?? value;
    const repo = makeRepo({
      'component.toml': `Application = "${APP}"\nName = "${CART}"\nVariant = "main"\nVersion = "1.0.0"\n\n[Export]\nKEY_LINE = ${JSON.stringify(line)}\nPLAIN = "visible"\n`,
      'payload.txt': printed(value),
    });
    const scratch = mkdtempSync(path.join(tmpdir(), 'shiplog-mls-'));
    try {
      const env: Record<string, string> = { ...repo.env, DEPLOY_PRIVATE_KEY: value, XDG_CACHE_HOME: path.join(scratch, 'cache') };
      const bare = store === 'git' ? makeBareRemote(path.join(scratch, 'store.git')) : '';
      if (store === 'git') env.SHIPLOG_STORE = `git+file://${bare}`;
      if (store === 'ortelius') Object.assign(env, { DHURL: emu.url, DHUSER: DEFAULT_USER, DHPASS: DEFAULT_PASSWORD });
      const cli = (argv: string[]) => runCliInProcess(argv, { cwd: repo.dir, env });
      const up = await cli([
        'version-update',
        '--component-version',
        '1.0.0',
        '--app-version',
        '1.0',
        '--attr',
        `Note=key ${line} end`,
        '--json',
      ]);
      expect(up.code, up.err).toBe(0);
      const ap = await cli([
        'approve',
        '--application',
        APP,
        '--app-version',
        '1.0',
        '--stage',
        'qa',
        '--notes',
        `approved with ${line}`,
        '--json',
      ]);
      expect(ap.code, ap.err).toBe(0);
      const dep = await cli([
        'deploy',
        '--application',
        APP,
        '--app-version',
        '1.0',
        '--env',
        'dev',
        '--command',
        'cat payload.txt',
        '--timeout',
        '60s',
        '--json',
      ]);
      expect(dep.code, dep.err).toBe(0);
      const es = await cli(['envscript', '--output', 'env.sh', '--json']);
      expect(es.code, es.err).toBe(0);
      const envFile = readFileSync(path.join(repo.dir, 'env.sh'), 'utf8');
      const hist = await cli(['history', '--json']);
      expect(hist.code, hist.err).toBe(0);

      const results = [up, ap, dep, es, hist];
      const sinks: Record<string, string> = {
        stdout: results.map((r) => r.out).join('\n'),
        stderr: results.map((r) => r.err).join('\n'),
        envscript: envFile,
        ...reports(results),
      };
      if (store === 'local')
        sinks.store = [...repo.storeSnapshot().entries()].map(([f, b]) => `${f}\n${Buffer.from(b, 'base64').toString('utf8')}`).join('\n');
      if (store === 'git') sinks.store = gitObjects(bare);
      if (store === 'ortelius') {
        sinks.requests = JSON.stringify(emu.requests.filter((r) => r.path !== '/dmadminweb/API/login'));
        sinks.server = JSON.stringify(emu.state);
      }
      const found = leaks(sinks, value);
      for (const sink of Object.keys(sinks)) {
        const c = counts.get(`${store}/${sink}`) ?? { tried: 0, leaked: 0 };
        c.tried += 1;
        if (found.some((f) => f.startsWith(`${sink}: `))) c.leaked += 1;
        counts.set(`${store}/${sink}`, c);
      }
      expect(found).toEqual([]);
      // each sink has seen what it must hide (a sink that stays empty would prove nothing)
      expect(sinks.store ?? sinks.requests).toContain('whole:');
      expect(dep.err).toContain('whole:\n***');
      expect(sinks.text).toContain('approved with ***');
      expect(envFile).toContain('PLAIN=');
      for (const k of kept ?? []) expect(sinks.stderr).toContain(`\n${k}\n`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
      repo.cleanup();
    }
  });
});
