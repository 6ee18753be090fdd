/**
 * The output contract of the queries (issue 17 item 1): goldens of every --format for one status, history and
 * diff result (terminal and piped), width fitting with an ellipsis, display width of CJK and emoji, colour rules,
 * and through the CLI: the table on stdout, the empty-state message on stderr, --json = --format json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { colorEnabled, palette } from '../../src/cli/color.js';
import { fitWidths, formatTable, truncate, type TableFormat, type TableStyle } from '../../src/cli/table-format.js';
import { diffTable, type DiffResult } from '../../src/operations/diff.js';
import { historyTable, type HistoryResult } from '../../src/operations/history.js';
import { width } from '../../src/operations/render-table.js';
import { statusTable, type StatusResult } from '../../src/operations/status.js';
import { APP, CART, makeRepo, runCliInProcess, type TestRepo } from '../execute-fixtures.js';

// ANSI escape sequences are what the colour tests look for.
/* eslint-disable no-control-regex */
const golden = (name: string) => join(__dirname, 'golden', name);
const build = {
  provider: 'github',
  buildId: '1234',
  job: 'release / deploy',
  buildUrl: null,
  commit: 'abc',
  branch: 'main',
  user: 'alice',
};

const STATUS: StatusResult = {
  ok: true,
  operation: 'status',
  filter: { environment: null, application: null },
  environments: [
    {
      name: 'dev',
      application: 'GLOBAL.Acme.Store.shop',
      appVersion: 'GLOBAL.Acme.Store.shop;3',
      components: ['GLOBAL.Acme.Store.cart;main;1_1_0', 'GLOBAL.Acme.Store.catalog;main;1_0_0'],
      deploymentId: 3,
      deployedAt: '2026-11-22T08:01:02.345Z',
      build,
    },
    {
      name: 'qa',
      application: 'GLOBAL.Acme.Store.商店',
      appVersion: 'GLOBAL.Acme.Store.商店;2',
      components: ['GLOBAL.Acme.Store.カート;main;1_0_0 🚀'],
      deploymentId: 12,
      deployedAt: '2026-11-21T17:30:00Z',
      build: { ...build, provider: 'jenkins', job: 'shop-release', buildId: '206' },
    },
  ],
};

const HISTORY: HistoryResult = {
  ok: true,
  operation: 'history',
  filter: { application: null, environment: null, component: null, limit: 20 },
  deployments: [
    {
      id: 12,
      application: 'GLOBAL.Acme.Store.shop',
      appVersion: 'GLOBAL.Acme.Store.shop;2',
      environment: 'qa',
      status: 'success',
      exitCode: 0,
      startedAt: '2026-11-21T17:29:00Z',
      finishedAt: '2026-11-21T17:30:00Z',
      mode: 'run',
      components: [],
      logUrl: null,
      build,
    },
    {
      id: 11,
      application: 'GLOBAL.Acme.Store.shop',
      appVersion: 'GLOBAL.Acme.Store.shop;2',
      environment: 'qa',
      status: 'failed',
      exitCode: 3,
      startedAt: '2026-11-21T17:00:00Z',
      finishedAt: '2026-11-21T17:01:00Z',
      mode: 'record',
      components: [],
      logUrl: null,
      build: { ...build, job: null, buildId: null },
    },
  ],
} as unknown as HistoryResult;

const DIFF = {
  ok: true,
  operation: 'diff',
  from: 'qa',
  to: 'prod',
  identical: false,
  applications: [
    {
      application: 'GLOBAL.Acme.Store.shop',
      from: 'GLOBAL.Acme.Store.shop;3',
      to: null,
      components: [
        { base: 'GLOBAL.Acme.Store.cart;main', from: '1_1_0', to: '1_0_0' },
        { base: 'GLOBAL.Acme.Store.pay|ments;main', from: '2_0_0', to: null },
      ],
      equal: 1,
    },
  ],
} as unknown as DiffResult;

const TABLES = { status: statusTable(STATUS), history: historyTable(HISTORY), diff: diffTable(DIFF) };
const plain: TableStyle = { tty: true, aligned: true, columns: 200, wide: false, palette: palette(false) };

describe('every --format of every table query (goldens)', () => {
  for (const [name, table] of Object.entries(TABLES)) {
    for (const format of ['table', 'tsv', 'csv', 'markdown'] as TableFormat[]) {
      it(`${name} --format ${format}, on a terminal`, async () => {
        const r = formatTable(table, format, plain);
        expect(r.stderr).toBe(name === 'diff' && format === 'table' ? '(1 equal component in GLOBAL.Acme.Store.shop)\n' : '');
        await expect(r.stdout).toMatchFileSnapshot(golden(`${name}.${format}.tty`));
      });
    }
    it(`${name} --format table, piped: tab-separated rows, no header, no padding, every cell filled`, async () => {
      const r = formatTable(table, 'table', { ...plain, tty: false, aligned: false, palette: palette(true) });
      expect(r.stdout).not.toMatch(/ {2}|\u001b/);
      await expect(r.stdout).toMatchFileSnapshot(golden(`${name}.table.piped`));
    });
  }

  it('piped status repeats the entry cells on each component row, so awk/cut see whole records', () => {
    const lines = formatTable(TABLES.status, 'table', { ...plain, tty: false, aligned: false })
      .stdout.trimEnd()
      .split('\n');
    expect(lines.map((l) => l.split('\t')[0])).toEqual(['dev', 'dev', 'qa']);
    expect(lines.every((l) => l.split('\t').length === 7)).toBe(true);
  });

  it('the terminal table aligns CJK and emoji cells by display width', () => {
    const lines = formatTable(TABLES.status, 'table', plain).stdout.trimEnd().split('\n');
    // BUILD starts at the same display column on every line that has it
    const col = (l: string) => width(l.slice(0, l.indexOf(l.includes('jenkins') ? 'jenkins' : 'github')));
    expect(
      new Set(
        lines
          .slice(1)
          .filter((l) => /github|jenkins/.test(l))
          .map(col),
      ).size,
    ).toBe(1);
    expect(width('商店')).toBe(4);
    expect(width('🚀')).toBe(2);
  });

  it('empty: table says so on stderr and prints nothing on stdout; csv/tsv/markdown print their header', () => {
    const empty = statusTable({ ...STATUS, environments: [], filter: { environment: 'prod', application: null } });
    expect(formatTable(empty, 'table', plain)).toEqual({ stdout: '', stderr: 'nothing deployed to prod yet\n' });
    expect(formatTable(empty, 'csv', plain).stdout).toBe('ENVIRONMENT,APPLICATION,VERSION,DEPLOYED,ID,BUILD,COMPONENTS\n');
    expect(formatTable(empty, 'tsv', plain).stdout.split('\t')).toHaveLength(7);
    expect(formatTable(empty, 'markdown', plain).stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  it('csv quotes commas and quotes; markdown escapes pipes', () => {
    const t = { columns: [{ header: 'A' }, { header: 'B' }], rows: [['x,y', 'say "hi"|ok']], groupStarts: [true], empty: '' };
    expect(formatTable(t, 'csv', plain).stdout).toBe('A,B\n"x,y","say ""hi""|ok"\n');
    expect(formatTable(t, 'markdown', plain).stdout).toContain('| x,y | say "hi"\\|ok |');
  });
});

describe('fitting the terminal width', () => {
  it('shrinks the widest columns first, never below their minimum; --wide keeps every width', () => {
    expect(fitWidths([10, 40, 5], [6, 6, 5], 40, false)).toEqual([10, 21, 5]);
    expect(fitWidths([10, 40, 5], [6, 6, 5], 40, true)).toEqual([10, 40, 5]);
    expect(fitWidths([10, 40], [6, 6], 5, false)).toEqual([6, 6]);
  });

  it('cuts with an ellipsis by display width, never inside a grapheme', () => {
    expect(truncate('GLOBAL.Acme.Store.cart', 10)).toBe('GLOBAL.Ac…');
    expect(truncate('商店商店', 5)).toBe('商店…');
    expect(width(truncate('商店商店', 5))).toBe(5);
    expect(truncate('👩‍👩‍👧ab', 2)).toBe('…');
    expect(truncate('short', 10)).toBe('short');
  });

  it('a 60-column terminal gets lines of at most 60 columns with ellipses; --wide gets whole cells', () => {
    const narrow = formatTable(TABLES.status, 'table', { ...plain, columns: 60 }).stdout;
    for (const l of narrow.trimEnd().split('\n')) expect(width(l)).toBeLessThanOrEqual(60);
    expect(narrow).toContain('…');
    const wide = formatTable(TABLES.status, 'table', { ...plain, columns: 60, wide: true }).stdout;
    expect(wide).toContain('GLOBAL.Acme.Store.catalog;main;1_0_0');
    expect(wide).not.toContain('…');
  });

  it('colour: only the header, only when enabled', () => {
    const colored = formatTable(TABLES.history, 'table', { ...plain, palette: palette(true) }).stdout;
    expect(colored.split('\n')[0]).toMatch(/^\u001b\[1m/);
    expect(colored.split('\n').slice(1).join('\n')).not.toContain('\u001b');
  });
});

describe('when to colour', () => {
  it.each([
    ['auto', {}, true, true],
    ['auto', {}, false, false],
    ['auto', { NO_COLOR: '1' }, true, false],
    ['auto', { NO_COLOR: '' }, true, true],
    ['auto', { TERM: 'dumb' }, true, false],
    ['auto', { FORCE_COLOR: '1' }, false, true],
    ['auto', { FORCE_COLOR: '0' }, true, false],
    ['auto', { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
    ['always', { NO_COLOR: '1' }, false, true],
    ['never', { FORCE_COLOR: '1' }, true, false],
  ] as const)('--color %s with %j, tty=%s -> %s', (mode, env, tty, expected) => {
    expect(colorEnabled(mode, env, tty)).toBe(expected);
  });
});

describe('through the CLI', () => {
  let repo: TestRepo | undefined;
  afterEach(() => {
    repo?.cleanup();
    repo = undefined;
  });
  const cli = (argv: string[], terminal = {}, env: Record<string, string> = {}) =>
    runCliInProcess(argv, { cwd: repo!.dir, env: { ...repo!.env, ...env }, terminal });

  async function deployed(): Promise<TestRepo> {
    repo = makeRepo({}, { git: false });
    expect(
      (await cli(['version-update', '--component-name', CART, '--component-version', '1.0.0', '--application', APP, '--app-version', '1']))
        .code,
    ).toBe(0);
    expect((await cli(['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0'])).code).toBe(0);
    return repo;
  }

  it('status: the table goes to stdout (piped: TSV rows), nothing of it on stderr', async () => {
    await deployed();
    const r = await cli(['status']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^dev\\t${APP.replace(/\./g, '\\.')}\\t1\\t`));
    expect(r.err).toBe('');
    const tty = await cli(['status', '--color', 'never'], { stdoutIsTTY: true, columns: 200 });
    expect(tty.out).toMatch(/^ENVIRONMENT +APPLICATION +VERSION/);
    expect(tty.out).not.toContain('\u001b');
    expect((await cli(['status'], { stdoutIsTTY: true, columns: 200 })).out).toMatch(/^\u001b\[1mENVIRONMENT/);
    expect((await cli(['status', '--color', 'always'])).out).toMatch(/^dev\t/); // piped: TSV rows, never coloured
    // --format table given: aligned also when piped, and not cut (a pipe has no width)
    const explicit = await cli(['status', '--format', 'table'], {}, { COLUMNS: '20' });
    expect(explicit.out).toMatch(/^ENVIRONMENT +APPLICATION +VERSION/);
    expect(explicit.out).not.toContain('…');
    expect(explicit.out).not.toContain('\u001b');
    const colored = await cli(['status', '--color', 'always'], { stdoutIsTTY: true, columns: 200 });
    expect(colored.out).toMatch(/^\u001b\[1mENVIRONMENT/);
    const forced = await cli(['status'], { stdoutIsTTY: true, columns: 200 }, { FORCE_COLOR: '1', NO_COLOR: '' });
    expect(forced.out).toMatch(/^\u001b\[1m/);
    const no = await cli(['status'], { stdoutIsTTY: true, columns: 200 }, { NO_COLOR: '1' });
    expect(no.out).not.toContain('\u001b');
  });

  it('--format csv|tsv|markdown|json and --json; --json with another --format is exit 2', async () => {
    await deployed();
    expect((await cli(['history', '--format', 'csv'])).out).toMatch(
      /^ID,STARTED,ENVIRONMENT,APPLICATION,VERSION,STATUS,EXIT,MODE,BUILD\n1,/,
    );
    expect((await cli(['history', '--format', 'tsv'])).out).toMatch(/^ID\tSTARTED\t/);
    expect((await cli(['diff', '--from', 'dev', '--to', 'qa', '--format', 'markdown'])).out).toMatch(
      /^\| APPLICATION \| COMPONENT \| DEV \| QA \|\n/,
    );
    const a = await cli(['status', '--format', 'json']);
    const b = await cli(['status', '--json']);
    expect(JSON.parse(a.out)).toEqual(JSON.parse(b.out));
    expect(a.err).toBe('');
    const both = await cli(['status', '--json', '--format', 'csv']);
    expect(both.code).toBe(2);
    expect(both.err).toBe(
      'shiplog: error: --json and --format csv contradict each other (--json is --format json)\nhint: see shiplog status --help\n',
    );
    expect(JSON.parse(both.out)).toMatchObject({ ok: false, error: { code: 'USAGE', exitCode: 2 } });
    // envscript's --format is the script's: --json with it is no contradiction, and --format json is not the CLI's JSON
    const env = await cli(['envscript', '--format', 'sh', '--json']);
    expect(env.code, env.err).toBe(0);
    expect(JSON.parse(env.out)).toMatchObject({ ok: true, operation: 'envscript' });
    const script = await cli(['envscript', '--format', 'json']);
    expect(script.code, script.err).toBe(0);
    expect(JSON.parse(script.out)).not.toHaveProperty('ok');
    const bad = await cli(['status', '--format', 'yaml']);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
  });

  it('status --format html: the dashboard page report --html writes, on stdout; refused elsewhere and with --env or --json', async () => {
    await deployed();
    const r = await cli(['status', '--format', 'html']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^<!doctype html>\n/);
    expect(r.out).toContain(`<tr data-app="${APP}">`);
    expect(r.out).toContain('<td data-env="dev"><b>1</b>');
    // the same renderer as report --html: byte for byte the page report writes at the same moment
    const page = await cli(['report', '--html', 'page.html']);
    expect(page.code, page.err).toBe(0);
    const strip = (html: string) => html.replace(/generated [^<]* by shiplog/, '').replace(/<time datetime="[^"]*">[^<]*<\/time>/g, '');
    expect(strip(r.out)).toBe(strip(readFileSync(join(repo!.dir, 'page.html'), 'utf8')));
    const one = await cli(['status', '--format', 'html', '--application', APP]);
    expect(one.code, one.err).toBe(0);
    for (const [args, message] of [
      [
        ['history', '--format', 'html'],
        '--format html is the release dashboard page: only status draws it (or shiplog report --html FILE)',
      ],
      [['status', '--format', 'html', '--json'], '--json and --format html contradict each other (--json is --format json)'],
      [
        ['status', '--format', 'html', '--env', 'dev'],
        '--format html draws every environment (the page filters by environment): leave out --env',
      ],
    ] as const) {
      const bad = await cli([...args]);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain(message);
      expect(bad.out.startsWith('<')).toBe(false);
    }
  });

  it('an empty state: stdout empty, the message on stderr, exit 0', async () => {
    repo = makeRepo({}, { git: false });
    const r = await cli(['history']);
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(r.err).toContain('no deployments');
  });
});
