import { openOrteliusBackend } from '../src/backend/ortelius/index.js';
import { createMemoryHost } from '../src/host.js';
import { describeBackendConformance } from './backend-conformance.js';
import { DEFAULT_PASSWORD, DEFAULT_USER, startOrteliusEmulator } from './ortelius-emulator/index.js';

const DOMAIN = 'GLOBAL.Acme.Store';

describeBackendConformance(
  'ortelius (loopback emulator)',
  async () => {
    const emu = await startOrteliusEmulator({
      stages: [
        { name: 'dev', domain: `${DOMAIN}.dev` },
        { name: 'qa', domain: `${DOMAIN}.qa` },
        { name: 'prod', domain: `${DOMAIN}.prod`, requiresApproval: true },
      ],
    });
    const backend = await openOrteliusBackend(createMemoryHost(), {
      url: emu.url,
      user: DEFAULT_USER,
      password: DEFAULT_PASSWORD,
      retryBaseMs: 5,
    });
    return { backend, cleanup: () => emu.close() };
  },
  // Everything is answerable; approvals are listed as the latest decision per stage (docs/ortelius.md).
  {},
);
