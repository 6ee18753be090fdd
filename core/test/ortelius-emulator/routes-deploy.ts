/**
 * Deployments: GET /API/deploy (server-side engine), /API/log (follow), POST /API/deploy (record-only,
 * section 5.1). Environments whose name contains "fail" finish with exit code 1; "hang" never completes.
 */
import { type Reply, type RouteContext, fail, isTrue, json, ok, parseJsonBody } from './http-types.js';
import type { EmulatorState, EmuApplication, EmuDeployment } from './state.js';

export function deployRoutes(ctx: RouteContext): Reply | undefined {
  const { req, state, segs } = ctx;
  const [head, a1] = segs;
  if (head === 'deploy' && req.method === 'GET') {
    const app = state.findApplication(req.query.app ?? '');
    const env = req.query.env ?? '';
    if (!app) return fail('No Application Found');
    if (!env) return fail('env must be specified');
    state.ensureEnvironment(env);
    const d: EmuDeployment = {
      id: state.nextDeploymentId(),
      appId: app.id,
      environment: env,
      lines: deployLines(state, app, env),
      exitcode: /fail/i.test(env) ? 1 : 0,
      startedAt: state.now(),
      durationMs: ctx.deployNeverCompletes || /hang/i.test(env) ? Infinity : ctx.deployDelayMs,
      recorded: false,
      compversions: app.components.map((x) => {
        const c = state.component(x.compId);
        return c ? state.componentFullName(c) : '';
      }),
    };
    state.deployments.push(d);
    return ok({ deploymentid: d.id });
  }
  if (head === 'log' && req.method === 'GET') {
    const d = state.deployments.find((x) => x.id === Number(a1));
    if (!d) return fail('id invalid or no access');
    const complete = state.isComplete(d);
    if (isTrue(req.query.checkcomplete)) return ok({ iscomplete: complete });
    const app = state.application(d.appId);
    // filelist=Y: the header without the log lines (the server skips dep.getLog()).
    const withLines = req.query.filelist === undefined || /^n$/i.test(req.query.filelist);
    const lines = withLines ? state.visibleLines(d) : [];
    return ok({
      id: d.id,
      ...(withLines ? { loglinecount: lines.length } : {}),
      complete,
      started: new Date(d.startedAt).toISOString(),
      ...(complete
        ? {
            exitcode: d.exitcode,
            exitstatus: d.exitcode === 0 ? 'Completed' : 'Failed',
            finished: new Date(d.startedAt + d.durationMs).toISOString(),
          }
        : {}),
      application: app ? (state.shortLogNames ? app.name : state.applicationFullName(app)) : '',
      environment: d.environment,
      // Last, as the server's JSONObject writes it after the header fields.
      ...(withLines ? { logoutput: lines } : {}),
    });
  }
  if (head === 'deploy' && req.method === 'POST') {
    return recordDeployment(state, req.body);
  }
  return undefined;
}

function deployLines(state: EmulatorState, app: EmuApplication, env: string): string[] {
  const name = state.applicationFullName(app);
  if (state.deployLog) return state.deployLog(name, env);
  return [`Deploying ${name} to ${env}`, 'Running pre-action', 'Copying artifacts', 'Running post-action', `Finished ${name}`];
}

/** POST /API/deploy: answers deployid/application/appid or errormsg, never `success` (section 4 row 28). */
function recordDeployment(state: EmulatorState, raw: string): Reply {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return json({ errormsg: 'Invalid JSON' });
  }
  void parseJsonBody;
  const appName = typeof body.application === 'string' ? body.application : '';
  const envField = body.environment;
  const env = typeof envField === 'string' ? envField : envField && typeof envField === 'object' ? (Object.keys(envField)[0] ?? '') : '';
  if (!appName) return json({ errormsg: 'application must be specified' });
  if (!env) return json({ errormsg: 'environment must be specified' });
  let app = state.findApplication(appName);
  if (!app) {
    const semi = appName.lastIndexOf(';');
    const base = state.findApplication(semi < 0 ? appName : appName.slice(0, semi));
    if (!base) return json({ errormsg: `Application ${appName} not found` });
    const parts = appName.slice(appName.lastIndexOf('.', semi < 0 ? undefined : semi) + 1);
    app = state.createApplication(state.domainName(base.domainId), parts, state.latestApplication(base));
  }
  const comps = Array.isArray(body.compversion) ? body.compversion.map(String) : [];
  for (const full of comps) {
    const c = state.findComponent(full);
    if (!c) return json({ errormsg: `Component ${full} not found` });
    if (app.components.some((x) => x.compId === c.id)) continue;
    const base = state.baseOf(c);
    const slot = app.components.find((x) => {
      const other = state.component(x.compId);
      return other !== undefined && state.baseOf(other).id === base.id;
    });
    if (slot) slot.compId = c.id;
    else app.components.push({ compId: c.id, xpos: 100, ypos: 100 + 100 * app.components.length });
  }
  state.ensureEnvironment(env);
  const rc = Number(body.rc ?? 0);
  const log = typeof body.log === 'string' ? body.log.split(/%0A|\n/).filter((l, i, all) => l !== '' || i < all.length - 1) : [];
  const d: EmuDeployment = {
    id: state.nextDeploymentId(),
    appId: app.id,
    environment: env,
    lines: log,
    exitcode: Number.isFinite(rc) ? rc : 1,
    startedAt: state.now(),
    durationMs: 0,
    recorded: true,
    compversions: comps,
  };
  state.deployments.push(d);
  return json({ deployid: d.id, application: state.applicationFullName(app), appid: app.id });
}
