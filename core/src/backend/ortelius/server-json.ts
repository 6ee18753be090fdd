/**
 * The server's JSON objects (section 4 rows 2, 10, 16, 27) mapped onto the model, and the paths used.
 * Stored names: components `short;variant;version` / `short;version`, applications `short;version`;
 * the full name is `domain + "." + name`.
 */
import { BackendError } from '../../errors.js';
import type { ApplicationVersion, ComponentKind, ComponentVersion, Deployment } from '../../model.js';

export type Json = Record<string, unknown>;

export const API = '/dmadminweb/API';
export const UI = '/dmadminweb';

export interface ServerRef {
  id: number;
  name: string;
  domain?: string;
}

export interface ServerAppComponent extends ServerRef {
  xpos: number;
  ypos: number;
}

/** An application object as `GET /API/application` answers it (not idonly). */
export interface ServerApplication {
  id: number;
  name: string;
  domain: string;
  components: ServerAppComponent[];
  lastcompver: number;
  versions?: ServerRef[];
  predecessor?: ServerRef;
  created?: string;
}

export function num(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : NaN;
}

/**
 * An id the server returned: a positive integer (number or numeric string). 0, null, a negative number or
 * anything else is never used as an id (it would address another object, or none): BackendError, exit 4.
 */
export function serverId(v: unknown, what: string, call: string): number {
  const n = num(v);
  if (Number.isInteger(n) && n > 0) return n;
  throw noServerId(what, call);
}

export function noServerId(what: string, call: string): BackendError {
  return new BackendError(`Ortelius: server returned no ${what} id (${call})`, {
    hint: 'nothing was written after this answer; check the server, then run the command again',
  });
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

export function resultOf(r: Json | undefined): Json {
  const res = r?.result;
  return res && typeof res === 'object' && !Array.isArray(res) ? (res as Json) : {};
}

export function refOf(v: unknown): ServerRef | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Json;
  const id = num(o.id);
  return Number.isFinite(id) ? { id, name: str(o.name), domain: o.domain === undefined ? undefined : str(o.domain) } : undefined;
}

/** `attributes: [{"k":"v"}, ...]` -> a flat record. */
export function attributesOf(r: Json | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const list = r?.attributes;
  if (Array.isArray(list)) {
    for (const item of list) {
      if (item && typeof item === 'object') for (const [k, v] of Object.entries(item as Json)) out[k] = str(v);
    }
  } else if (list && typeof list === 'object') {
    for (const [k, v] of Object.entries(list as Json)) out[k] = str(v);
  }
  return out;
}

export function applicationOf(result: Json): ServerApplication {
  const comps = Array.isArray(result.components) ? (result.components as Json[]) : [];
  return {
    id: num(result.id),
    name: str(result.name),
    domain: str(result.domain),
    components: comps.map((c) => ({
      id: num(c.id),
      name: str(c.name),
      domain: str(c.domain),
      xpos: num(c.xpos) || 100,
      ypos: num(c.ypos) || 100,
    })),
    lastcompver: num(result.lastcompver) || 0,
    versions: Array.isArray(result.versions) ? (result.versions as Json[]).map(refOf).filter((x): x is ServerRef => !!x) : undefined,
    predecessor: refOf(result.predecessor),
    created: result.created === undefined ? undefined : str(result.created),
  };
}

export function componentFullName(c: { name: string; domain?: string }, fallbackDomain = ''): string {
  return `${c.domain || fallbackDomain}.${c.name}`;
}

/** Full application version name, or undefined for a base application (no `;version`). */
export function toApplicationVersion(app: ServerApplication): ApplicationVersion | undefined {
  const semi = app.name.lastIndexOf(';');
  if (semi < 0) return undefined;
  const predecessor = app.predecessor && app.predecessor.name.includes(';') ? `${app.domain}.${app.predecessor.name}` : undefined;
  return {
    id: String(app.id),
    name: `${app.domain}.${app.name}`,
    application: `${app.domain}.${app.name.slice(0, semi)}`,
    version: app.name.slice(semi + 1),
    components: app.components.map((c) => componentFullName(c, app.domain)),
    ...(predecessor ? { predecessor } : {}),
    createdAt: app.created ?? '',
  };
}

/** A component version from `GET /API/component` (full) plus its getvar attributes. */
export function toComponentVersion(result: Json, attributes: Record<string, string>, kindHint?: ComponentKind): ComponentVersion {
  const domain = str(result.domain);
  const stored = str(result.name);
  const parts = stored.split(';');
  const short = parts[0];
  const variant = parts.length >= 3 ? parts[1] : undefined;
  const version = parts.length >= 2 ? parts[parts.length - 1] : '';
  const base = `${domain}.${variant ? `${short};${variant}` : short}`;
  const pred = refOf(result.predecessor);
  const kindField = str(result.kind);
  const kind: ComponentKind = kindField === 'file' || kindField === 'docker' ? kindField : (kindHint ?? 'docker');
  const attrs = { ...attributes };
  const gitcommit = str(result.gitcommit);
  if (gitcommit && !attrs.GitCommit) attrs.GitCommit = gitcommit;
  return {
    id: String(num(result.id)),
    name: `${domain}.${stored}`,
    base,
    domain,
    short,
    ...(variant ? { variant } : {}),
    version,
    kind,
    attributes: attrs,
    // A version made straight from its base has no predecessor version.
    ...(pred && pred.name.split(';').length > (variant ? 2 : 1) ? { predecessor: `${domain}.${pred.name}` } : {}),
    createdAt: str(result.created),
  };
}

/** `GET /API/log/<id>` -> Deployment (mode server). */
export function toDeployment(id: number, log: Json, components: string[]): Deployment {
  const exit = log.exitcode === undefined || log.exitcode === null ? null : num(log.exitcode);
  const complete = log.complete === true || log.complete === 'Y' || exit !== null;
  const appVersion = str(log.application);
  const semi = appVersion.lastIndexOf(';');
  return {
    id,
    appVersion,
    application: semi < 0 ? appVersion : appVersion.slice(0, semi),
    environment: str(log.environment),
    componentVersions: components,
    exitCode: exit === null || Number.isNaN(exit) ? (complete ? 1 : null) : exit,
    status: !complete ? 'running' : exit === 0 ? 'success' : 'failed',
    startedAt: str(log.started),
    ...(log.finished ? { finishedAt: str(log.finished) } : {}),
    log: Array.isArray(log.logoutput) ? log.logoutput.map(str) : [],
    mode: 'server',
    provenance: { provider: 'ortelius', isCi: false },
  };
}

/** MIME base64 (76 characters per line), as the reference uploads text files (section 4 row 12). */
export function mimeBase64Lines(content: string): string[] {
  const b64 = Buffer.from(content, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines;
}
