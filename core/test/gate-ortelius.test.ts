/** The release-policy gate suite (gate-suite.ts) on the Ortelius backend, against the loopback emulator. */
import { describeGateSuite } from './gate-suite.js';
import { DEFAULT_PASSWORD, DEFAULT_USER, startOrteliusEmulator } from './ortelius-emulator/index.js';

describeGateSuite('ortelius (loopback emulator)', async () => {
  const emu = await startOrteliusEmulator();
  return {
    env: { DHURL: emu.url, DHUSER: DEFAULT_USER, DHPASS: DEFAULT_PASSWORD },
    snapshot: async () => JSON.stringify(emu.state),
    cleanup: () => emu.close(),
  };
});
