/**
 * The one place that fills the optional `gate` and `drift` of the dashboard's cells (report/dashboard-model.ts),
 * for a running cell and for an empty one (`DashboardApplication.emptyCells`).
 *
 * gate, from the release policy's one gate (policy/gate.ts evaluateGate, target `deploy` to the cell's
 * environment, as `deploy`, `plan` and `apply` ask it):
 *   - a version runs in an earlier environment (the nearest one that has the application) and not here: the
 *     gate that version faces now to come here, `next` naming it: passed (it may come), waiting for N approvals,
 *     frozen, or blocked (naming the other unmet rules). `stage-reached` alone counts as passed: the move the
 *     rule asks for is judged by the same entry rules the verdict carries.
 *   - otherwise, for the version running here: overridden when the deployment that put it there overrode its
 *     gate, frozen while a freeze window covers the environment, else passed.
 * An environment outside the pipeline's stages has no gate.
 *
 * drift, when an intent file is found (intent/, the plan's rows, so the same selectors and gate decide):
 * in-sync (runs the intended version), drifted (runs another, or runs while the intent says none), missing
 * (intended, nothing runs), unplanned (runs in an environment of the intent that names no entry for it). A
 * broken intent file leaves drift out with a warning: the dashboard is an observer, `plan` reports the problems.
 */
import { ShiplogError } from '../errors.js';
import { findIntentFile } from '../intent/intent-file.js';
import type { AppVersionRecord, UnmetRule } from '../model.js';
import { stageOfEnvironment } from '../pipeline-config.js';
import { gateSubject } from '../policy/enforce.js';
import { evaluateGate } from '../policy/gate.js';
import type { Dashboard, DashboardApplication, DriftStatus, GateStatus } from '../report/dashboard-model.js';
import type { OperationContext } from './context.js';
import { computePlan } from './plan.js';
import type { StatusEntry } from './status.js';

/** What the plan says per (environment, application): the versions running and intended (full names). */
interface IntentView {
  /** Environments the intent file names. */
  environments: Set<string>;
  rows: Map<string, { current: string | null; desired: string | null }>;
}

const key = (env: string, app: string) => `${env}\0${app}`;

/** `intentFile`: --intent (else the nearest intent.toml, when there is one). */
export async function annotateCells(
  ctx: OperationContext,
  dashboard: Dashboard,
  states: readonly StatusEntry[],
  intentFile?: string,
): Promise<Dashboard> {
  const pipeline = await ctx.pipeline();
  const intent = await readIntent(ctx, dashboard, intentFile);
  const records = new Map<string, Promise<AppVersionRecord | undefined>>();
  const record = async (name: string) => {
    let r = records.get(name);
    if (!r)
      records.set(
        name,
        (r = ctx
          .backend()
          .then((b) => b.applicationVersionRecord(name, { branches: pipeline.stages.some((s) => s.policy?.branches !== undefined) }))),
      );
    return r;
  };
  const running = new Map(states.map((s) => [key(s.name, s.application), s]));
  const actor = await ctx.actor();
  const now = ctx.host.now();

  const gateOf = async (appVersion: string, environment: string, pending: boolean): Promise<GateStatus | undefined> => {
    const rec = await record(appVersion);
    if (!rec) return undefined;
    const verdict = evaluateGate(pipeline, gateSubject(rec), { action: 'deploy', environment }, actor, now);
    const status = gateStatus(verdict.unmetRules, pending);
    return pending ? { ...status, next: appVersion } : status;
  };

  await Promise.all(
    dashboard.applications.map(async (app) => {
      let previous: string | null = null;
      for (let i = 0; i < dashboard.environments.length; i++) {
        const env = dashboard.environments[i];
        const cell = app.cells[i];
        const notes: { gate?: GateStatus; drift?: DriftStatus } = {};
        if (stageOfEnvironment(pipeline, env)) {
          if (previous !== null && previous !== (cell?.appVersion ?? null)) notes.gate = await gateOf(previous, env, true);
          else if (cell) {
            const override = running.get(key(env, app.name))?.override;
            notes.gate = override
              ? { state: 'overridden', actor: override.actor, reason: override.reason }
              : await gateOf(cell.appVersion, env, false);
          }
        }
        if (intent) notes.drift = driftOf(intent, env, app.name, cell?.appVersion ?? null);
        if (!notes.gate) delete notes.gate;
        if (!notes.drift) delete notes.drift;
        if (cell) Object.assign(cell, notes);
        else if (notes.gate || notes.drift) emptyCell(dashboard, app, i, notes);
        if (cell) previous = cell.appVersion;
      }
    }),
  );
  return dashboard;
}

function emptyCell(d: Dashboard, app: DashboardApplication, i: number, notes: { gate?: GateStatus; drift?: DriftStatus }): void {
  app.emptyCells ??= d.environments.map(() => null);
  app.emptyCells[i] = notes;
}

/**
 * The verdict in the dashboard's words. `pending`: a version that does not run here yet (its `stage-reached`
 * is the move still to make, judged by the entry rules beside it). A running version only shows a freeze.
 */
export function gateStatus(rules: readonly UnmetRule[], pending: boolean): GateStatus {
  const freeze = rules.find((r) => r.rule === 'freeze');
  if (freeze) return { state: 'frozen', ...(freeze.window ? { reason: freeze.window } : {}) };
  if (!pending) return { state: 'passed' };
  const approval = rules.find((r) => r.rule === 'approval');
  const others = [...new Set(rules.filter((r) => r.rule !== 'approval' && r.rule !== 'stage-reached').map((r) => r.rule))];
  if (others.length > 0) return { state: 'blocked', rules: approval ? [...others, 'approval'] : others };
  if (approval) return { state: 'waiting', approvalsMissing: approval.missing ?? 1 };
  return { state: 'passed' };
}

function driftOf(intent: IntentView, env: string, app: string, runs: string | null): DriftStatus | undefined {
  const row = intent.rows.get(key(env, app));
  if (!row) return runs !== null && intent.environments.has(env) ? { state: 'unplanned' } : undefined;
  const intended = row.desired !== null ? { intended: row.desired } : {};
  if (row.desired === null) return runs === null ? undefined : { state: 'drifted' };
  if (runs === null) return { state: 'missing', ...intended };
  return { state: runs === row.desired ? 'in-sync' : 'drifted', ...intended };
}

/** The plan's view of the intent file, when there is one (undefined: none found, or it cannot be planned). */
async function readIntent(ctx: OperationContext, dashboard: Dashboard, given: string | undefined): Promise<IntentView | undefined> {
  if (given === undefined) {
    try {
      findIntentFile(ctx.host.cwd, undefined);
    } catch {
      return undefined; // no intent file: no drift (a named one that is missing is an error, below)
    }
  }
  try {
    const { plan } = await computePlan(ctx, { intent: given, environments: [], applications: [] });
    const names = new Set(dashboard.applications.map((a) => a.name));
    return {
      environments: new Set(plan.environments.map((e) => e.name)),
      rows: new Map(
        plan.rows
          .filter((r) => names.has(r.application))
          .map((r) => [key(r.environment, r.application), { current: r.current, desired: r.desired }]),
      ),
    };
  } catch (err) {
    if (!(err instanceof ShiplogError)) throw err;
    ctx.host.log.warn(`the dashboard shows no drift: ${err.message}`);
    return undefined;
  }
}
