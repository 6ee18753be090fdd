/**
 * The release-policy gate suite (gate-suite.ts) on the local directory store; gate-git.test.ts and
 * gate-ortelius.test.ts run it on the git store and the Ortelius emulator. Another store joins with one
 * describeGateSuite call.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeGateSuite } from './gate-suite.js';

/** Every file under a directory with a hash of its bytes, in path order. */
function directorySnapshot(root: string): string {
  const lines: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const n of names) {
      const full = join(d, n);
      if (statSync(full).isDirectory()) walk(full);
      else lines.push(`${relative(root, full)} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`);
    }
  };
  walk(root);
  return lines.join('\n');
}

describeGateSuite('local store', async (dir) => {
  const state = join(dir, 'state');
  return { env: { SHIPLOG_STORE: state }, snapshot: async () => directorySnapshot(state), cleanup: async () => {} };
});
