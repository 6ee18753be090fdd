// Stores for the dashboard's browser tests and the docs' screenshots, made by the bundled CLI
// (core/dist/shiplog.mjs, built by `npm run build:local`) on the local store, then `shiplog report --html`.
// `demo`: three applications through dev -> qa -> prod with approvals and a failed deployment, and an intent.toml;
// `hostile`: names, notes, build labels, actors and URLs that try to inject markup or script.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLE = join(ROOT, 'core', 'dist', 'shiplog.mjs');

/** Every hostile payload sets window.__pwned when it runs: the tests assert it never does. */
export const XSS = {
  app: `GLOBAL.Evil.<script>window.__pwned=1</script>'"ü`,
  component: `GLOBAL.Evil."><img src=x onerror="window.__pwned=2">`,
  notes: `</td></tr></table><script>window.__pwned=3</script> «ünïcødé» 🚀 "quoted" 'single'`,
  job: `<svg onload="window.__pwned=4">`,
  actor: `"><iframe srcdoc="<script>parent.__pwned=5</script>">`,
  buildUrl: 'javascript:window.__pwned=6',
} as const;

export interface Fixture {
  dir: string;
  html: string;
  markdown: string;
  /** Runs the bundled CLI in the fixture's directory and store. */
  shiplog(args: string[], env?: Record<string, string>): { code: number | null; out: string; err: string };
  remove(): void;
}

function github(run: number, job: string, actor = 'release-bot'): Record<string, string> {
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_REPOSITORY: 'acme/store',
    GITHUB_RUN_ID: String(4100 + run),
    GITHUB_RUN_NUMBER: String(run),
    GITHUB_WORKFLOW: 'release',
    GITHUB_JOB: job,
    GITHUB_ACTOR: actor,
    GITHUB_REF_NAME: 'main',
    GITHUB_SHA: `${run}`.padStart(40, 'a'),
  };
}

export function makeFixture(kind: 'demo' | 'hostile'): Fixture {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build:local first`);
  const dir = mkdtempSync(join(tmpdir(), `shiplog-dashboard-${kind}-`));
  const base = { PATH: process.env.PATH ?? '', HOME: dir, SHIPLOG_STATE_DIR: join(dir, 'state'), SHIPLOG_BACKEND: 'local', USER: 'ci' };
  const shiplog = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [BUNDLE, ...args], { cwd: dir, encoding: 'utf8', env: { ...base, ...env }, timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const ok = (args: string[], env: Record<string, string> = {}) => {
    const r = shiplog(args, env);
    if (r.code !== 0) throw new Error(`shiplog ${args.join(' ')} exited ${r.code}: ${r.err}`);
    return r;
  };
  let run = 0;
  const release = (app: string, comp: string, version: string) =>
    ok(
      ['version-update', '--component-name', comp, '--component-variant', 'main', '--component-version', version, '--application', app],
      github(++run, 'build'),
    );
  const deploy = (app: string, env: string, exit = 0, extra: Record<string, string> = {}) =>
    shiplog(['deploy', '--application', app, '--env', env, '--exit-code', String(exit)], { ...github(++run, `deploy-${env}`), ...extra });
  const move = (app: string, to: string) => ok(['move', '--application', app, '--to', to], github(++run, 'promote'));
  const approve = (app: string, notes: string, actor: string, reject = false) =>
    ok(
      ['approve', '--application', app, '--stage', 'prod', '--notes', notes, ...(reject ? ['--reject'] : [])],
      github(++run, 'approve', actor),
    );

  if (kind === 'demo') {
    const shop = 'GLOBAL.Acme.Store.shop';
    const search = 'GLOBAL.Acme.Store.search';
    const ledger = 'GLOBAL.Acme.Payments.ledger';
    release(shop, 'GLOBAL.Acme.Store.cart', '1.4.0');
    release(shop, 'GLOBAL.Acme.Store.catalog', '2.0.1');
    release(shop, 'GLOBAL.Acme.Store.checkout', '0.9.3');
    deploy(shop, 'dev');
    move(shop, 'qa');
    deploy(shop, 'qa');
    approve(shop, 'CAB-123: approved for the Monday window', 'maria');
    move(shop, 'prod');
    deploy(shop, 'prod');
    release(shop, 'GLOBAL.Acme.Store.cart', '1.5.0');
    deploy(shop, 'dev');
    move(shop, 'qa');
    deploy(shop, 'qa', 1);
    deploy(shop, 'qa');
    release(shop, 'GLOBAL.Acme.Store.checkout', '1.0.0');
    deploy(shop, 'dev');

    release(search, 'GLOBAL.Acme.Store.indexer', '3.2.0');
    release(search, 'GLOBAL.Acme.Store.query-api', '3.2.0');
    deploy(search, 'dev');
    move(search, 'qa');
    deploy(search, 'qa');
    approve(search, 'latency regression in p99', 'oncall-sam', true);

    release(ledger, 'GLOBAL.Acme.Payments.ledger-core', '7.0.0');
    deploy(ledger, 'dev');
    move(ledger, 'qa');
    deploy(ledger, 'qa');
    approve(ledger, 'SOX change 889', 'maria');
    move(ledger, 'prod');
    deploy(ledger, 'prod');

    // what should run where (docs/intent.md): the page shows each cell's drift from it
    writeFileSync(
      join(dir, 'intent.toml'),
      [shop, search, ledger].map((a) => `[application."${a}"]\ndeploy = ["true"]\n`).join('\n') +
        `\n[environment.qa]\n"${shop}" = "5"\n\n[environment.prod]\n"${shop}" = "3"\n"${search}" = "2"\n"${ledger}" = "1"\n`,
    );
  } else {
    release(XSS.app, XSS.component, '1.0.0');
    deploy(XSS.app, 'dev', 0, { GITHUB_JOB: XSS.job, GITHUB_ACTOR: XSS.actor });
    move(XSS.app, 'qa');
    deploy(XSS.app, 'qa', 0, {
      GITHUB_ACTIONS: '',
      CIRCLECI: 'true',
      CIRCLE_BUILD_NUM: '7',
      CIRCLE_BUILD_URL: XSS.buildUrl,
      CIRCLE_JOB: XSS.job,
    });
    approve(XSS.app, XSS.notes, XSS.actor);
    release(XSS.app, XSS.component, '1.1.0');
    deploy(XSS.app, 'dev');
  }
  const html = join(dir, 'report.html');
  const markdown = join(dir, 'report.md');
  ok(['report', '--html', html, '--markdown', markdown]);
  return { dir, html, markdown, shiplog, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
