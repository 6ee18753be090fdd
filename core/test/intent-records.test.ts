/** The desired-state records on every store engine of support/record-stores.ts. */
import { describeIntentRecords } from './intent-records-suite.js';
import { STORE_FACTORIES } from './support/record-stores.js';

for (const [name, factory] of Object.entries(STORE_FACTORIES)) describeIntentRecords(name, factory);
