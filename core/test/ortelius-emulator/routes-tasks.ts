/** Domains, tasks and approvals: /API/domain, GetTasks, RunTask, /API/approve (rows 29-32, section 5.4). */
import { type Reply, type RouteContext, fail, isTrue, json, ok } from './http-types.js';

export function taskRoutes(ctx: RouteContext): Reply | undefined {
  const { req, state, segs } = ctx;
  if (req.method !== 'GET') return undefined;
  const [head, a1] = segs;
  if (head === 'domain') {
    const d = state.findDomain(a1 ?? '');
    if (!d) return fail(`Domain ${a1} not found`);
    return ok({ result: { id: d.id, name: d.name } });
  }
  if (head === 'approve') {
    const app = state.findApplication(a1 ?? '');
    if (!app) return fail('No Application Found');
    const approved = req.query.approve === undefined || isTrue(req.query.approve);
    app.approvals.push({ approved, notes: req.query.notes ?? '', at: state.nowIso() });
    return ok();
  }
  return undefined;
}

/** The UI servlets GetTasks (bare JSON array) and RunTask (`result`, no `success`). */
export function taskServletRoutes(ctx: RouteContext): Reply | undefined {
  const { req, state, segs } = ctx;
  if (segs[0] === 'GetTasks') {
    const domainId = Number(req.query.domainid);
    return json(
      state.tasks
        .filter((t) => t.domainId === domainId)
        .map((t) => ({ type: t.type, id: t.id, name: t.name, tooltip: t.name, showlink: true })),
    );
  }
  if (segs[0] === 'RunTask') {
    if (req.query.f !== 'run') return json({ result: false, output: 'Unknown function' });
    const task = state.tasks.find((t) => t.id === Number(req.query.tid));
    const app = state.application(Number(req.query.id));
    if (!task) return json({ result: false, refreshapp: false, output: `Task ${req.query.tid} not found` });
    if (!app) return json({ result: false, refreshapp: false, output: `Application ${req.query.id} not found` });
    if (task.type === 'Move') {
      const target = state.domains.find((d) => d.id === task.targetDomainId);
      if (!target) return json({ result: false, refreshapp: false, output: 'Move task has no target domain' });
      const last = app.approvals[app.approvals.length - 1];
      if (target.requiresApproval && !last) {
        return json({ result: false, refreshapp: false, output: `Application has not been approved for ${target.name}` });
      }
      if (target.requiresApproval && last && !last.approved) {
        return json({ result: false, refreshapp: false, output: `Application approval for ${target.name} was rejected` });
      }
      app.currentDomainId = target.id;
      return json({ result: true, refreshapp: true, output: `Moved to ${target.name}` });
    }
    if (task.type === 'Approve') {
      app.approvals.push({ approved: req.query.approve !== 'N', notes: req.query.notes ?? '', at: state.nowIso() });
      return json({ result: true, refreshapp: true, output: 'Approved' });
    }
    return json({ result: false, refreshapp: false, output: `Task type ${task.type} cannot run here` });
  }
  return undefined;
}
