import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalBackend } from '../src/backend/local/index.js';
import { createMemoryHost } from '../src/host.js';
import { describeBackendConformance } from './backend-conformance.js';

describeBackendConformance('local', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'shiplog-conf-'));
  const backend = await openLocalBackend(createMemoryHost(), { stateDir: join(dir, 'state'), segmentBytes: 2048 });
  return { backend, cleanup: () => rm(dir, { recursive: true, force: true }) };
});
