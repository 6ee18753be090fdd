// The release dashboard in a real browser (Debian's chromium through playwright-core): pages made by the bundled
// CLI from fixture stores (dashboard-fixture.ts). Matrix cells, filters, diff highlighting, keyboard focus order,
// no request leaving the page, hostile values staying text, dark mode and print CSS; screenshots (light, dark,
// 390 px) are written under test-results/dashboard/ (SHIPLOG_TEST_OUTPUT).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_DIR, launchChromium } from './chromium.js';
import { XSS, makeFixture, type Fixture } from './dashboard-fixture.js';

let browser: Browser;
let demo: Fixture;
let hostile: Fixture;

beforeAll(async () => {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  demo = makeFixture('demo');
  hostile = makeFixture('hostile');
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  demo?.remove();
  hostile?.remove();
});

interface Opened {
  page: Page;
  context: BrowserContext;
  /** Every request the page made other than the report file itself (all of them refused). */
  outside: string[];
  errors: string[];
}

/** Opens a report with every request routed: the file itself is served, anything else is recorded and aborted. */
async function open(file: string, opts: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<Opened> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: 900 },
    colorScheme: opts.colorScheme ?? 'light',
  });
  const self = pathToFileURL(file).href;
  const outside: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    if (route.request().url() === self) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on('request', (r) => {
    if (r.url() !== self) outside.push(r.url());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(self);
  await page.waitForLoadState('load');
  return { page, context, outside, errors };
}

const SHOP = 'GLOBAL.Acme.Store.shop';

describe('dashboard in chromium', () => {
  it('matrix: each cell shows the running version, its age and the build link; differing cells are highlighted', async () => {
    const { page, context, outside, errors } = await open(demo.html);
    const envs = await page.locator('#matrix thead th[data-env]').allTextContents();
    expect(envs).toEqual(['dev', 'qa', 'prod']);
    const row = page.locator(`#matrix tbody tr[data-app="${SHOP}"]`);
    const versions = await row.locator('td b').allTextContents();
    expect(versions).toEqual(['5', '4', '3']);
    const qa = row.locator('td[data-env="qa"]');
    expect(await qa.getAttribute('class')).toBe('d');
    expect(await row.locator('td[data-env="prod"]').getAttribute('class')).toBe('d');
    expect(await row.locator('td[data-env="dev"]').getAttribute('class')).toBeNull();
    expect(await qa.locator('a.b').getAttribute('href')).toMatch(/^https:\/\/github\.example\/acme\/store\/actions\/runs\/\d+$/);
    expect(await qa.locator('a.b').textContent()).toMatch(/^github release \/ deploy-qa #\d+$/);
    expect(await qa.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    // search runs only in dev and qa: prod is an empty cell
    const searchRow = page.locator('#matrix tbody tr[data-app="GLOBAL.Acme.Store.search"]');
    expect(await searchRow.locator('td[data-env="prod"]').getAttribute('class')).toBe('e');
    // the ledger runs one version everywhere: nothing highlighted
    expect(await page.locator('#matrix tbody tr[data-app="GLOBAL.Acme.Payments.ledger"] td.d').count()).toBe(0);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('matrix: each cell carries the release gate and the drift from intent.toml, empty cells included', async () => {
    const { page, context } = await open(demo.html);
    const badges = (app: string, env: string) =>
      page
        .locator(`#matrix tbody tr[data-app="${app}"] td[data-env="${env}"]`)
        .locator('span.g, span.dr')
        .evaluateAll((s) => s.map((x) => `${x.className}=${x.textContent}`));
    // shop: 4 runs in qa, 3 in prod: prod's gate is the one 4 faces (prod needs an approval); qa intended 5
    expect(await badges(SHOP, 'prod')).toEqual(['g g-waiting=next 4: waiting for 1 approval', 'dr dr-in-sync=as intended']);
    expect(await badges(SHOP, 'qa')).toEqual(['g g-passed=next 5: gate passed', 'dr dr-drifted=intended 5']);
    expect(await badges(SHOP, 'dev')).toEqual(['g g-passed=gate passed']);
    // search was rejected for prod and runs nowhere there: the empty cell says why, and that it is missing
    expect(await badges('GLOBAL.Acme.Store.search', 'prod')).toEqual([
      'g g-blocked=next 2: blocked: rejected',
      'dr dr-missing=intended 2, not running',
    ]);
    expect(await badges('GLOBAL.Acme.Payments.ledger', 'prod')).toEqual(['g g-passed=gate passed', 'dr dr-in-sync=as intended']);
    // the badges are coloured by state (not the same colour for a passed and a blocked gate)
    const colour = (sel: string) =>
      page
        .locator(sel)
        .first()
        .evaluate((e) => getComputedStyle(e).color);
    expect(await colour('span.g-passed')).not.toBe(await colour('span.g-blocked'));
    expect(await colour('span.dr-missing')).toBe(await colour('span.g-blocked'));
    await context.close();
  });

  it('components per environment: versions that differ from the environment before are highlighted, as diff says', async () => {
    const { page, context } = await open(demo.html);
    const section = page.locator(`section.app[data-app="${SHOP}"]`);
    const highlighted = await section.locator('table.comp td.x').evaluateAll((tds) =>
      tds.map((td) => {
        const env = td.closest('table')!.querySelectorAll('thead th')[(td as HTMLTableCellElement).cellIndex].textContent;
        return `${td.closest('tr')!.getAttribute('data-component')}@${env}=${td.textContent}`;
      }),
    );
    // dev runs checkout 1_0_0 and cart 1_5_0; qa cart 1_5_0, checkout 0_9_3; prod cart 1_4_0 (diff qa -> prod: cart)
    expect(highlighted.sort()).toEqual(['GLOBAL.Acme.Store.cart;main@prod=1_4_0', 'GLOBAL.Acme.Store.checkout;main@qa=0_9_3'].sort());
    expect(await section.locator('table.comp td.x mark').count()).toBe(2);
    const diff = JSON.parse(demo.shiplog(['diff', '--from', 'qa', '--to', 'prod', '--application', SHOP, '--json']).out);
    expect(diff.applications[0].components.map((c: { base: string }) => c.base)).toEqual(['GLOBAL.Acme.Store.cart;main']);
    await context.close();
  });

  it('lineage is inline SVG drawn by shiplog, deployments show outcome and duration, decisions show actors', async () => {
    const { page, context } = await open(demo.html);
    const section = page.locator(`section.app[data-app="${SHOP}"]`);
    expect(await section.locator('svg.lineage g.node').count()).toBe(5);
    expect(await section.locator('svg.lineage g.node.deployed').count()).toBe(3);
    expect(await section.locator('svg.lineage path.edge').count()).toBe(4);
    const outcomes = await section.locator('table.deps tbody tr td:nth-child(5)').allTextContents();
    expect(outcomes).toContain('✖ failed (exit 1)');
    expect(outcomes.filter((o) => o === '✔ success').length).toBeGreaterThan(3);
    expect(await section.locator('table.deps tbody tr td:nth-child(6)').first().textContent()).toMatch(/^\d+ s$/);
    const decisions = await page.locator('section.app[data-app="GLOBAL.Acme.Store.search"] table.decisions tbody tr').allTextContents();
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toContain('rejected');
    expect(decisions[0]).toContain('oncall-sam');
    expect(decisions[0]).toContain('latency regression in p99');
    await context.close();
  });

  it('filters: application, environment, component and text search, with the count announced', async () => {
    const { page, context } = await open(demo.html);
    const visibleApps = () => page.locator('section.app:not([hidden])').evaluateAll((s) => s.map((x) => x.getAttribute('data-app')));
    const visibleRows = () => page.locator('#matrix tbody tr:not([hidden])').evaluateAll((s) => s.map((x) => x.getAttribute('data-app')));
    expect(await visibleApps()).toHaveLength(3);

    await page.selectOption('#f-app', SHOP);
    expect(await visibleApps()).toEqual([SHOP]);
    expect(await visibleRows()).toEqual([SHOP]);
    expect(await page.locator('#f-count').textContent()).toBe('1 of 3 applications shown');
    await page.selectOption('#f-app', '');

    await page.selectOption('#f-env', 'prod');
    const envHeads = await page.locator('#matrix thead th[data-env]:not([hidden])').allTextContents();
    expect(envHeads).toEqual(['prod']);
    const compHeads = await page.locator(`section.app[data-app="${SHOP}"] table.comp thead th:not([hidden])`).allTextContents();
    expect(compHeads).toEqual(['Component', 'prod']);
    const compCells = await page
      .locator(`section.app[data-app="${SHOP}"] table.comp tbody tr:first-child > *:not([hidden])`)
      .allTextContents();
    expect(compCells).toEqual(['cart;main', '1_4_0']);
    const depEnvs = await page
      .locator(`section.app[data-app="${SHOP}"] table.deps tbody tr:not([hidden]) td:nth-child(3)`)
      .allTextContents();
    expect(new Set(depEnvs)).toEqual(new Set(['prod']));
    await page.selectOption('#f-env', '');

    await page.fill('#f-comp', 'indexer');
    expect(await visibleApps()).toEqual(['GLOBAL.Acme.Store.search']);
    const compRows = await page.locator('section.app[data-app="GLOBAL.Acme.Store.search"] tr[data-component]:not([hidden])').count();
    expect(compRows).toBe(1);
    await page.fill('#f-comp', '');

    await page.fill('#f-text', 'SOX change');
    expect(await visibleApps()).toEqual(['GLOBAL.Acme.Payments.ledger']);
    await page.fill('#f-text', 'no such thing anywhere');
    expect(await visibleApps()).toEqual([]);
    expect(await page.locator('#f-count').textContent()).toBe('0 of 3 applications shown');
    await page.fill('#f-text', '');
    expect(await visibleApps()).toHaveLength(3);
    await context.close();
  });

  it('keyboard: skip link, then the filters in order, then the matrix; filters work from the keyboard', async () => {
    const { page, context } = await open(demo.html);
    const order: string[] = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      order.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          return el.id || `${el.tagName.toLowerCase()}:${el.textContent?.trim()}`;
        }),
      );
    }
    expect(order).toEqual([
      'a:Skip to the matrix',
      'f-text',
      'f-app',
      'f-env',
      'f-comp',
      'a:GLOBAL.Acme.Payments.ledger',
      expect.stringMatching(/^a:github release \/ deploy-dev #\d+$/),
    ]);
    await page.focus('#f-text');
    await page.keyboard.type('ledger');
    expect(await page.locator('section.app:not([hidden])').count()).toBe(1);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#f-app').inputValue()).toBe('GLOBAL.Acme.Payments.ledger');
    // the skip link lands on the matrix
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect(page.url()).toMatch(/#matrix$/);
    await context.close();
  });

  it('no request leaves the page (every request is routed and refused) and the policy allows none', async () => {
    const { page, context, outside, errors } = await open(demo.html);
    await page.selectOption('#f-app', SHOP);
    await page.fill('#f-text', 'cart');
    await page.emulateMedia({ media: 'print' });
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+';/);
    // a fetch from the page is refused by the policy before it is even attempted
    const fetched = await page.evaluate(() =>
      fetch('https://example.com/x').then(
        () => 'sent',
        () => 'refused',
      ),
    );
    expect(fetched).toBe('refused');
    expect(outside).toEqual([]);
    await context.close();
  });

  it('hostile names, notes, build labels, actors and URLs stay text: nothing runs, no markup is injected', async () => {
    const { page, context, outside, errors } = await open(hostile.html);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img, iframe, body svg:not(.lineage):not(.defs)').count()).toBe(0);
    const handlers = await page.evaluate(() =>
      [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
    );
    expect(handlers).toEqual([]);
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.filter((h) => !h.startsWith('#') && !h.startsWith('https://'))).toEqual([]);
    const text = await page.locator('body').textContent();
    for (const value of [XSS.app, XSS.notes, XSS.job, XSS.actor]) expect(text).toContain(value);
    expect(await page.locator('section.app').getAttribute('data-app')).toBe(XSS.app);
    expect(await page.locator('tr[data-component]').first().getAttribute('data-component')).toBe(`${XSS.component};main`);
    // the javascript: build URL is shown as text, not as a link
    expect(await page.locator('#matrix td[data-env="qa"] span.b').textContent()).toMatch(/^circleci /);
    // the filters still work on hostile values
    await page.fill('#f-text', '«ünïcødé»');
    expect(await page.locator('section.app:not([hidden])').count()).toBe(1);
    await page.selectOption('#f-app', XSS.app);
    expect(await page.locator('section.app:not([hidden])').count()).toBe(1);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(OUTPUT_DIR, 'hostile.png'), fullPage: true });
    await context.close();
  });

  it('dark mode follows prefers-color-scheme; print hides the filters; screenshots light, dark and 390 px', async () => {
    const light = await open(demo.html);
    expect(await light.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    await light.page.screenshot({ path: join(OUTPUT_DIR, 'light.png'), fullPage: true });
    await light.page.emulateMedia({ media: 'print' });
    expect(await light.page.evaluate(() => getComputedStyle(document.getElementById('filters')!).display)).toBe('none');
    await light.context.close();

    const dark = await open(demo.html, { colorScheme: 'dark' });
    expect(await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(13, 17, 23)');
    await dark.page.screenshot({ path: join(OUTPUT_DIR, 'dark.png'), fullPage: true });
    await dark.context.close();

    const narrow = await open(demo.html, { width: 390 });
    // the page itself does not scroll sideways: wide tables scroll in their own box
    expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await narrow.page.screenshot({ path: join(OUTPUT_DIR, 'narrow-390.png'), fullPage: true });
    await narrow.context.close();
  });
});
