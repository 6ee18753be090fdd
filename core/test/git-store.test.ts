/** The git store over file:// (real bare repositories): conformance, layout, refusals, format checks. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openGitStore } from '../src/backend/git/index.js';
import { RecordBackend } from '../src/backend/records/record-backend.js';
import { createMemoryHost } from '../src/host.js';
import { describeBackendConformance } from './backend-conformance.js';
import { makeBareRemote } from './support/git-servers.js';

describeBackendConformance('git (file://)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'shiplog-git-conf-'));
  const remote = makeBareRemote(join(dir, 'remote.git'));
  const host = createMemoryHost();
  const store = await openGitStore(host, { remote: `file://${remote}`, cacheDir: join(dir, 'cache') });
  return { backend: new RecordBackend(host, store), cleanup: () => rm(dir, { recursive: true, force: true }) };
});
