// `npm run docs:screenshots`: the screenshots docs/dashboard.md embeds (docs/images/dashboard-*.png), taken the
// way the browser tests take theirs: the bundled CLI renders the demo fixture store (test/browser/dashboard-fixture.ts)
// with `shiplog report --html`, Debian's chromium (playwright-core) opens it in light, dark and at 390 px.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../test/browser/chromium.js';
import { ROOT, makeFixture } from '../test/browser/dashboard-fixture.js';

const out = join(ROOT, 'docs', 'images');
mkdirSync(out, { recursive: true });
const fixture = makeFixture('demo');
const browser = await launchChromium();
try {
  const shots: { name: string; width: number; height: number; colorScheme: 'light' | 'dark'; select?: string }[] = [
    { name: 'dashboard-light.png', width: 1100, height: 760, colorScheme: 'light' },
    { name: 'dashboard-dark.png', width: 1100, height: 760, colorScheme: 'dark', select: 'GLOBAL.Acme.Store.shop' },
    { name: 'dashboard-narrow.png', width: 390, height: 844, colorScheme: 'light' },
  ];
  for (const s of shots) {
    const page = await browser.newPage({ viewport: { width: s.width, height: s.height }, colorScheme: s.colorScheme });
    await page.goto(pathToFileURL(fixture.html).href);
    if (s.select) {
      await page.selectOption('#f-app', s.select);
      await page.locator(`section.app[data-app="${s.select}"] h2`).scrollIntoViewIfNeeded();
    }
    await page.screenshot({ path: join(out, s.name) });
    await page.close();
    process.stderr.write(`docs:screenshots: wrote docs/images/${s.name}\n`);
  }
} finally {
  await browser.close();
  fixture.remove();
}
