/** The /msapi microservices: textfile, sbomtype, deppkg, package (rows 12-14). */
import { type Reply, type RouteContext, json, parseJsonBody } from './http-types.js';

export function msapiRoutes(ctx: RouteContext): Reply | undefined {
  const { req, state, segs } = ctx;
  const [head, a1] = segs;
  if (head === 'textfile' && req.method === 'POST') {
    const body = parseJsonBody(req) as { compid?: number; filetype?: string; file?: unknown } | undefined;
    const c = body && typeof body.compid === 'number' ? state.component(body.compid) : undefined;
    if (!body || !c || !body.filetype || !Array.isArray(body.file)) return json({ detail: 'invalid request' }, 422);
    c.textfiles[body.filetype] = body.file.map(String);
    return json({ detail: 'file updated' });
  }
  // Older server generations have neither /msapi/sbomtype nor /msapi/package: FastAPI answers 404.
  if (state.sbomApi === 'deppkg' && (head === 'sbomtype' || head === 'package')) return json({ detail: 'Not Found' }, 404);
  if (head === 'sbomtype' && req.method === 'GET') return json({ SBOMType: state.sbomType });
  if (head === 'deppkg' && req.method === 'POST') {
    const c = state.component(Number(req.query.compid));
    const sbom = parseJsonBody(req) as Record<string, unknown> | undefined;
    if (!c || !sbom || !a1) return json({ detail: 'components not updated' }, 400);
    const list = a1 === 'spdx' ? sbom.packages : sbom.components;
    c.packages = c.packages.filter((p) => p.type !== a1);
    c.packages.push({ type: a1, components: Array.isArray(list) ? list : [] });
    return json({ detail: 'components updated succesfully' }, 201);
  }
  if (head === 'package' && req.method === 'POST') {
    const body = parseJsonBody(req) as { _key?: string; content?: unknown } | undefined;
    const c = state.component(Number(body?._key));
    if (!c) return json({ detail: 'not found' }, 404);
    c.packages = [{ type: 'fullfile', components: [body?.content] }];
    return json({ detail: 'package updated' }, 201);
  }
  return undefined;
}
