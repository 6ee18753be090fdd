/** plan, apply and state on every store engine of support/record-stores.ts. */
import { describePlanApply } from './plan-apply-suite.js';
import { STORE_FACTORIES } from './support/record-stores.js';

for (const [name, factory] of Object.entries(STORE_FACTORIES)) describePlanApply(name, factory);
