/**
 * plan, apply and state on the git store (support/record-stores.ts). One file per engine, so the engines' suites run
 * in parallel workers; the suite itself is plan-apply-suite.ts.
 */
import { describePlanApply } from './plan-apply-suite.js';
import { STORE_FACTORIES } from './support/record-stores.js';

describePlanApply('git (file://)', STORE_FACTORIES['git (file://)']);
