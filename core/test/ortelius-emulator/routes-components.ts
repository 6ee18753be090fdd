/** Component endpoints: lookups, creation, rename, items, attributes (rows 2-10 and 21 of section 4). */
import { type Reply, type RouteContext, fail, isTrue, json, ok, parseJsonBody } from './http-types.js';
import type { EmuComponent, EmulatorState } from './state.js';

export function componentJson(state: EmulatorState, c: EmuComponent, idonly: boolean): Record<string, unknown> {
  if (idonly) return { id: c.id, name: c.name };
  const out: Record<string, unknown> = {
    id: c.id,
    name: c.name,
    domain: state.domainName(c.domainId),
    summary: '',
    kind: c.kind,
    created: c.created,
    gitcommit: c.attrs.GitCommit ?? '',
    applications: state.applications
      .filter((a) => a.components.some((x) => x.compId === c.id))
      .map((a) => ({ id: a.id, name: a.name, domain: state.domainName(a.domainId) })),
  };
  if (c.parentId === 0) {
    out.versions = state.versionsOf(c).map((v) => ({ id: v.id, name: v.name, summary: '' }));
  } else {
    const p = state.component(c.predecessorId);
    if (p) out.predecessor = { id: p.id, name: p.name, summary: '' };
  }
  return out;
}

export function attrsJson(attrs: Record<string, string>): { attributes: Record<string, string>[] } {
  return { attributes: Object.entries(attrs).map(([k, v]) => ({ [k]: v })) };
}

export function componentRoutes(ctx: RouteContext): Reply | undefined {
  const { req, state, segs } = ctx;
  const [head, a1] = segs;
  if (req.method === 'GET' && head === 'component') {
    const key = a1 || req.query.name;
    if (!key) return fail('Path contains wrong number of elements (1)');
    let c = state.findComponent(key);
    if (!c) return fail(a1 ? `Component ${a1} not found` : 'No Component Found');
    if (isTrue(req.query.latest)) c = state.latestComponent(c);
    return ok({ result: componentJson(state, c, isTrue(req.query.idonly)) });
  }
  if (req.method === 'GET' && head === 'new' && a1 === 'compver') {
    const parentKey = segs[2];
    if (parentKey) {
      const parent = state.findComponent(parentKey);
      if (!parent) return fail(`Component ${parentKey} not found`);
      const base = state.baseOf(parent);
      // As the server's componentNewVersion: named `<base>;<number of versions + 1>` until renamed.
      const c = state.createComponent(state.domainName(base.domainId), `${base.name};${state.versionsOf(base).length + 1}`, parent);
      c.kind = parent.kind;
      return ok({ result: { id: c.id, name: c.name, domain: state.domainName(c.domainId) } });
    }
    const name = req.query.name ?? '';
    const existing = state.findComponent(name);
    if (existing) {
      const base = state.baseOf(existing);
      const latest = state.latestComponent(base);
      const c = state.createComponent(state.domainName(base.domainId), `${base.name};${state.versionsOf(base).length + 1}`, latest);
      return ok({ result: { id: c.id, name: c.name, domain: state.domainName(c.domainId) } });
    }
    const parts = splitName(name);
    if (!parts) return fail('Component name needs to include full domain path');
    const c = state.createComponent(parts.domain, parts.name);
    return ok({ result: { id: c.id, name: c.name, domain: parts.domain } });
  }
  if (req.method === 'GET' && head === 'basecomponent') {
    const c = state.findComponent(a1 ?? '');
    if (!c) return fail(`Component ${a1} not found`);
    const b = state.baseOf(c);
    return ok({ result: { id: b.id, name: b.name } });
  }
  if (req.method === 'GET' && head === 'getvar' && a1 === 'component') {
    const c = state.findComponent(decodeURIComponent(segs[2] ?? ''));
    if (!c) return fail('No Component Found');
    return ok(attrsJson(c.attrs));
  }
  if (req.method === 'POST' && head === 'setvar') {
    const body = parseJsonBody(req);
    const target =
      a1 === 'component' ? state.findComponent(segs[2] ?? '') : a1 === 'application' ? state.findApplication(segs[2] ?? '') : undefined;
    // The real server answers {} to every setvar POST, even on errors (section 4 row 9).
    if (!target || !body || typeof body !== 'object' || Array.isArray(body)) return json({});
    if (isTrue(req.query.delattrs)) target.attrs = {};
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) target.attrs[k] = String(v);
    return json({});
  }
  return undefined;
}

/** UI servlets UpdateSummaryData (rename) and UpdateAttrs f=inv (component item). */
export function componentServletRoutes(ctx: RouteContext): Reply | undefined {
  const { req, state, segs } = ctx;
  if (segs[0] === 'UpdateSummaryData') {
    const id = Number(req.query.id);
    const newName = req.query.change_1;
    if (req.query.objtype === '23') {
      const c = state.component(id);
      if (!c || !newName) return fail('Invalid component');
      const clash = state.components.find((x) => x.domainId === c.domainId && x.name === newName && x.id !== c.id);
      if (clash) return fail(`A component called ${newName} already exists`);
      c.name = newName;
      return ok();
    }
    return fail(`Unsupported objtype ${req.query.objtype}`);
  }
  if (segs[0] === 'UpdateAttrs' && req.query.f === 'inv') {
    const c = state.component(Number(req.query.c));
    if (!c) return fail('Invalid component');
    c.kind = req.query.kind === 'file' ? 'file' : 'docker';
    return ok();
  }
  return undefined;
}

function splitName(full: string): { domain: string; name: string } | undefined {
  const semi = full.indexOf(';');
  const dotted = semi < 0 ? full : full.slice(0, semi);
  const i = dotted.lastIndexOf('.');
  if (i <= 0) return undefined;
  return { domain: dotted.slice(0, i), name: full.slice(i + 1) };
}
