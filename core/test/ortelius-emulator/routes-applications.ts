/** Application endpoints: lookups, creation, new versions, component assignment (rows 16-24 and 33). */
import { type Reply, type RouteContext, fail, isTrue, json, ok } from './http-types.js';
import { attrsJson } from './routes-components.js';
import { EmulatorState, type EmuApplication, type EmuEnvironment } from './state.js';

export function applicationJson(state: EmulatorState, a: EmuApplication, idonly: boolean): Record<string, unknown> {
  // As the real server: `domain` is absent from idonly answers (section 4 row 16).
  if (idonly) return { id: a.id, name: a.name };
  const out: Record<string, unknown> = {
    id: a.id,
    name: a.name,
    domain: state.domainName(a.domainId),
    summary: '',
    created: a.created,
    components: a.components.map((x) => {
      const c = state.component(x.compId);
      return { id: x.compId, name: c?.name ?? '', domain: c ? state.domainName(c.domainId) : '', xpos: x.xpos, ypos: x.ypos };
    }),
    lastcompver: state.lastCompVer(a),
  };
  if (a.parentId === 0) {
    out.versions = state.appVersionsOf(a).map((v) => ({ id: v.id, name: v.name, summary: '' }));
  } else {
    const p = state.application(a.predecessorId);
    if (p) out.predecessor = { id: p.id, name: p.name, summary: '' };
  }
  return out;
}

export function applicationRoutes(ctx: RouteContext): Reply | undefined {
  const { req, state, segs } = ctx;
  if (req.method !== 'GET') return undefined;
  const [head, a1, a2] = segs;
  if (head === 'application') {
    const key = a1 || req.query.name;
    if (!key) return fail('Path contains wrong number of elements (1)');
    let a = state.findApplication(key);
    if (!a) return fail(a1 ? `Application ${a1} not found` : 'No Application Found');
    if (isTrue(req.query.lastsuccess)) {
      const env = req.query.envid ?? '';
      const last = state.lastSuccessful(env, state.appBaseOf(a).id);
      if (!last) return fail(`No successful deployment found for ${state.applicationFullName(a)} in ${env}`);
      a = last;
    } else if (isTrue(req.query.latest)) {
      a = state.latestApplication(a);
    }
    return ok({ result: applicationJson(state, a, isTrue(req.query.idonly)) });
  }
  if (head === 'new' && a1 === 'application') {
    const short = req.query.name ?? '';
    const domain = req.query.domain ?? '';
    if (!short || !domain) return fail('name and domain must be specified');
    if (state.findApplication(`${domain}.${short}`)) return fail(`Application ${domain}.${short} already exists`);
    state.createApplication(domain, short);
    // The real server answers `success` alone: the new application's id is not in the answer (AddAppBaseVersion).
    return ok();
  }
  if (head === 'newappver') {
    const from = state.findApplication(a1 ?? '');
    if (!from) return fail(`Application ${a1} not found`);
    const name = req.query.name ?? '';
    const domain = req.query.domain || state.domainName(from.domainId);
    if (!name) return fail('name must be specified');
    if (state.findApplication(`${domain}.${name}`)) return fail(`Application Version ${domain}.${name} already exists`);
    const a = state.createApplication(domain, name, from);
    return ok({ result: applicationJson(state, a, false) });
  }
  if (head === 'compassigned2app') {
    const a = state.findApplication(a1 ?? '');
    if (!a) return fail(`Application ${a1} not found`);
    return ok({ result: a.components.some((x) => x.compId === Number(a2)) });
  }
  if (head === 'replace') {
    const a = state.findApplication(a1 ?? '');
    const oldId = Number(a2);
    const newC = state.component(Number(segs[3]));
    if (!a || !newC) return fail('Invalid application or component');
    const slot = a.components.find((x) => x.compId === oldId);
    // Already swapped (a repeated call): nothing to change, as the server's UPDATE that matches no row.
    if (!slot && a.components.some((x) => x.compId === newC.id)) return ok();
    if (!slot) return fail(`Component ${oldId} is not in application ${a.id}`);
    slot.compId = newC.id;
    for (const l of a.links) {
      if (l.fn === oldId) l.fn = newC.id;
      if (l.tn === oldId) l.tn = newC.id;
    }
    return ok();
  }
  if (head === 'assign' && a1 === 'application') {
    // Only the path form works on the real server (section 4 row 24).
    if (segs.length < 4) return fail(`Path contains wrong number of elements (${segs.length})`);
    const a = state.findApplication(a2 ?? '');
    if (!a) return fail('No Application Found');
    state.ensureEnvironment(segs[3]);
    return ok();
  }
  if (head === 'environment') {
    const key = a1 || req.query.name;
    if (!key) return fail('Path contains wrong number of elements');
    const e = state.findEnvironment(key);
    if (!e) return fail(`Environment ${key} not found`);
    return ok({ result: environmentJson(state, e) });
  }
  if (head === 'environments') {
    return ok({ result: state.environments.map((e) => environmentJson(state, e)) });
  }
  if (head === 'getvar' && a1 === 'application') {
    const a = state.findApplication(a2 ?? '');
    if (!a) return fail('No Application Found');
    return ok(attrsJson(a.attrs));
  }
  if (head === 'export') {
    return exportRoute(state, a1 ?? '');
  }
  return undefined;
}

function environmentJson(state: EmulatorState, e: EmuEnvironment): Record<string, unknown> {
  return { id: e.id, name: e.name, domain: state.domainName(e.domainId), summary: '', applications: [], servers: [] };
}

function exportRoute(state: EmulatorState, type: string): Reply {
  const list: Record<string, unknown>[] = [];
  if (type === 'environments') {
    for (const e of state.environments) list.push({ objtype: 'environment', objname: e.implicit ? e.name : state.environmentFullName(e) });
  } else if (type === 'domains') {
    for (const d of state.domains) list.push({ objtype: 'domain', objname: d.name });
  } else if (type === 'tasks') {
    for (const t of state.tasks) list.push({ objtype: 'task', objname: `${state.domainName(t.domainId)}.${t.name}`, tasktype: t.type });
  } else if (type === 'applications') {
    for (const a of state.applications) list.push({ objtype: 'application', objname: state.applicationFullName(a), id: a.id });
  } else if (type === 'components') {
    for (const c of state.components) list.push({ objtype: 'component', objname: state.componentFullName(c), id: c.id });
  }
  return { status: 200, body: { [type]: list } };
}

/**
 * UpdateAttrs for applications, as the server's servlet: f=acd DELETES the component from the application
 * (applicationComponentDelete), f=acvm adds it at a position or moves it there when present
 * (addComponentToApplication), f=cal adds a flow link unless that link exists (applicationComponentAddLink).
 */
export function applicationServletRoutes(ctx: RouteContext): Reply | undefined {
  const { req, state, segs } = ctx;
  if (segs[0] !== 'UpdateAttrs') return undefined;
  const f = req.query.f;
  if (f !== 'acd' && f !== 'acvm' && f !== 'cal') return undefined;
  const a = state.application(Number(req.query.a));
  if (!a) return fail('Invalid application');
  if (f === 'acd') {
    const id = Number(req.query.c);
    a.components = a.components.filter((x) => x.compId !== id);
    a.links = a.links.filter((l) => l.fn !== id && l.tn !== id);
    return ok();
  }
  if (f === 'acvm') {
    const c = state.component(Number(req.query.c));
    if (!c) return fail('Invalid component');
    const xpos = Number(req.query.xpos);
    const ypos = Number(req.query.ypos);
    const slot = a.components.find((x) => x.compId === c.id);
    if (slot) {
      slot.xpos = xpos;
      slot.ypos = ypos;
    } else {
      a.components.push({ compId: c.id, xpos, ypos });
    }
    return json({ compid: String(c.id), appid: String(a.id) });
  }
  const fn = Number(req.query.fn);
  const tn = Number(req.query.tn);
  if (!a.links.some((l) => l.fn === fn && l.tn === tn)) a.links.push({ fn, tn });
  return ok();
}
