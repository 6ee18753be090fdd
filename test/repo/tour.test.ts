// Issue 17 item 10: the README's one-minute tour could not be pasted as written (a bundle path relative to the clone,
// a deploy.log that did not exist). Now docs/tour.sh holds the tour between "# tour:begin" and "# tour:end", the
// README's code block must be exactly those lines, and the script runs from an unrelated working directory.
// `npm test` builds core/dist first (npm run build:local).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const script = readFileSync(join(ROOT, 'docs', 'tour.sh'), 'utf8');
let elsewhere: string;
let run: ReturnType<typeof spawnSync>;

/** The README's first sh block under "## A one-minute tour". */
function readmeTour(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## A one-minute tour\n'));
  return /```sh\n([\s\S]*?)```\n/.exec(section)?.[1] ?? '';
}

beforeAll(() => {
  elsewhere = mkdtempSync(join(tmpdir(), 'shiplog-elsewhere-'));
  // Run the way a reader would: relative path to the script, from a directory that is not the clone, with their own
  // HOME and TMPDIR and no git identity of the machine's.
  run = spawnSync('bash', [join(ROOT, 'docs', 'tour.sh')], {
    cwd: elsewhere,
    env: { PATH: process.env.PATH ?? '', HOME: elsewhere, TMPDIR: elsewhere, GIT_CONFIG_NOSYSTEM: '1' },
    encoding: 'utf8',
  });
}, 300_000);
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

describe('the README tour (docs/tour.sh)', () => {
  it('the README shows exactly the lines docs/tour.sh runs', () => {
    const body = /\n# tour:begin\n([\s\S]*?)# tour:end\n/.exec(script)?.[1];
    expect(body).toBeDefined();
    expect(readmeTour()).toBe(body);
  });

  it('runs from another working directory, every command succeeding, and leaves nothing behind', () => {
    const out = `${String(run.stdout)}${String(run.stderr)}`;
    expect(run.status, out).toBe(0);
    for (const line of [
      'application version GLOBAL.Acme.Store.shop;1 (created)',
      'deployment 1: GLOBAL.Acme.Store.shop;1 -> dev: success',
      'GLOBAL.Acme.Store.shop;1 moved dev -> qa',
      'needs an approval for stage prod',
      'exit 1',
      'GLOBAL.Acme.Store.shop;1 approved for prod by dev@example.com',
      'GLOBAL.Acme.Store.shop;1 moved qa -> prod',
      'deployment 3: GLOBAL.Acme.Store.shop;1 -> prod: success',
      'qa and prod run the same versions',
      'HTML in shiplog-report.html',
      'tour: done (GIT_BRANCH=main, SHORT_SHA=',
    ])
      expect(out).toContain(line);
    expect(String(run.stdout)).toMatch(/^prod\tGLOBAL\.Acme\.Store\.shop\t1\t/m);
    expect(readdirSync(elsewhere).filter((n) => n.startsWith('shiplog-tour.'))).toEqual([]);
  });
});
