/**
 * The one place that fills the optional `gate` and `drift` of the dashboard's cells (report/dashboard-model.ts):
 * `gate` from the release policy (passed / waiting for N approvals / frozen / overridden), `drift` from the
 * intent file (in sync, drifted, missing, unplanned). The renderers draw them whenever they are present.
 *
 * Neither the release policy nor the intent file exists in this tree yet: until they do, nothing is filled and
 * the dashboard shows no gate and no drift. Wiring one means: read it here (through `ctx`), then set
 * `cell.gate` / `cell.drift` per (application, environment) below.
 */
import type { Dashboard } from '../report/dashboard-model.js';
import type { OperationContext } from './context.js';

export async function annotateCells(_ctx: OperationContext, dashboard: Dashboard): Promise<Dashboard> {
  for (const app of dashboard.applications) {
    app.cells.forEach((_cell, _i) => {
      // const env = dashboard.environments[_i];
      // if (_cell) _cell.gate = policyGate(app.name, env, _cell);   // issue 14
      // _cell.drift = intentDrift(app.name, env, _cell);            // issue 18 (also for empty cells: `missing`)
    });
  }
  return dashboard;
}
