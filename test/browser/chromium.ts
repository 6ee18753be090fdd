// The browser the dashboard's tests and screenshot script drive: Debian's chromium through playwright-core
// (no browser download). Missing, it fails with how to install it: a browser suite never skips silently.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const OUTPUT_DIR = process.env.SHIPLOG_TEST_OUTPUT ?? join(import.meta.dirname, '..', '..', 'test-results', 'dashboard');

/** SHIPLOG_CHROMIUM, else /usr/bin/chromium, else chromium or chromium-browser on PATH. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.SHIPLOG_CHROMIUM, '/usr/bin/chromium'].filter((p): p is string => !!p);
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean))
    candidates.push(join(dir, 'chromium'), join(dir, 'chromium-browser'));
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'chromium is not installed: the dashboard browser tests need it. Install it with `apt-get install chromium` ' +
        '(Debian; .ci/run does this when it is missing) or set SHIPLOG_CHROMIUM to a Chromium or Chrome binary.',
    );
  }
  return found;
}

export async function launchChromium(): Promise<Browser> {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: root ? ['--no-sandbox'] : [] });
}
