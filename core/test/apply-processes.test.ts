/** apply as real processes (kill -9 and re-run, two applies at once) on every store engine of support/record-stores.ts. */
import { describeApplyProcesses } from './apply-processes-suite.js';
import { STORE_FACTORIES } from './support/record-stores.js';

for (const [name, factory] of Object.entries(STORE_FACTORIES)) describeApplyProcesses(name, factory);
