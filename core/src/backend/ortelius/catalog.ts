/**
 * Names the server knows, for what shiplog.toml does not define (docs/ortelius.md, "Names shiplog.toml does
 * not define"): environments (`GET /API/environment/<full name>`, `GET /API/environments`), domains
 * (`GET /API/domain/<name>`, `GET /API/export/domains`) and the Move tasks of a domain (GetTasks). Full names
 * are taken as dh takes them; a short name is looked for within the application's domain first. An unknown
 * name is one InvalidInputError (exit 2) listing the nearest names the server has.
 */
import { distance } from 'fastest-levenshtein';
import { InvalidInputError } from '../../errors.js';
import type { ServerEnvironment } from '../backend.js';
import type { OrteliusHttp } from './http-client.js';
import { enc } from './http-client.js';
import { API, type Json, UI, num, resultOf, str } from './server-json.js';

const NEAR = 3;

export class Catalog {
  private envs: Promise<ServerEnvironment[]> | undefined;
  private domainNames: Promise<string[]> | undefined;

  constructor(private readonly http: OrteliusHttp) {}

  async environment(name: string, opts: { application?: string } = {}): Promise<ServerEnvironment> {
    if (name.includes('.')) {
      const r = await this.http.get(`${API}/environment/${enc(name)}`, { envelope: 'success', idempotent: true, notFoundOk: true });
      const e = r ? toEnvironment(resultOf(r)) : undefined;
      if (e) return e;
    }
    const all = await this.environments();
    const exact = all.filter((e) => e.name === name);
    if (exact.length === 1) return exact[0];
    const short = all.filter((e) => e.name.slice(e.name.lastIndexOf('.') + 1) === name);
    const appDomain = domainOf(opts.application);
    const within = appDomain ? short.filter((e) => inside(e.domain, appDomain)) : [];
    const pick = within.length ? within : short;
    if (pick.length === 1) return pick[0];
    if (pick.length > 1) {
      throw new InvalidInputError(`environment "${name}" is ambiguous on the Ortelius server: ${pick.map((e) => e.name).join(', ')}`, {
        hint: 'give the full name (<domain>.<environment>), as dh takes it',
      });
    }
    throw new InvalidInputError(
      `unknown environment "${name}": not in the pipeline config nor on the Ortelius server${nearest(
        name,
        all.map((e) => e.name),
      )}`,
      {
        hint: "give an environment the server has (full name <domain>.<environment>, or its short name within the application's domain), or list it in shiplog.toml",
      },
    );
  }

  /** A domain by full name, or by short name within the application's domain (then anywhere, when unique). */
  async domain(name: string, opts: { application?: string } = {}): Promise<{ id: number; name: string }> {
    const appDomain = domainOf(opts.application);
    const tries = [...(appDomain && !name.startsWith(`${appDomain}.`) ? [`${appDomain}.${name}`] : []), name];
    for (const t of tries) {
      const r = await this.http.get(`${API}/domain/${enc(t)}`, { envelope: 'success', idempotent: true, notFoundOk: true });
      const id = num(resultOf(r).id);
      if (r && Number.isInteger(id) && id > 0) return { id, name: fullDomainName(resultOf(r), t) };
    }
    throw new InvalidInputError(
      `unknown domain "${name}": not a stage in the pipeline config nor a domain on the Ortelius server${nearest(name, await this.domains())}`,
      {
        hint: "give a domain the server has (full name, as dh's --from_domain takes it), or a stage of shiplog.toml",
      },
    );
  }

  /** Names of the Move tasks of a domain (GetTasks answers a bare array of {type, id, name}). */
  async moveTasks(domainId: number): Promise<string[]> {
    const tasks = await this.http.getArray(`${UI}/GetTasks`, { query: { domainid: domainId }, idempotent: true });
    return tasks.filter((t) => /move/i.test(str(t.type)) || /^move\b/i.test(str(t.name))).map((t) => str(t.name));
  }

  private environments(): Promise<ServerEnvironment[]> {
    this.envs ??= this.http.get(`${API}/environments`, { envelope: 'success', idempotent: true }).then((r) => {
      const list = Array.isArray(r?.result) ? (r.result as Json[]) : [];
      return list.map(toEnvironment).filter((e): e is ServerEnvironment => !!e);
    });
    return this.envs;
  }

  private domains(): Promise<string[]> {
    this.domainNames ??= this.http.get(`${API}/export/domains`, { envelope: 'status', idempotent: true }).then((r) => {
      const list = Array.isArray(r?.domains) ? (r.domains as Json[]) : [];
      return list.map((d) => str(d.objname)).filter(Boolean);
    });
    return this.domainNames;
  }
}

function toEnvironment(o: Json): ServerEnvironment | undefined {
  const short = str(o.name);
  const domain = str(o.domain);
  if (!short) return undefined;
  return { name: domain ? `${domain}.${short}` : short, domain };
}

function fullDomainName(o: Json, asked: string): string {
  const name = str(o.name);
  const parent = str(o.domain);
  if (!name) return asked;
  return parent && parent !== name && !name.includes('.') ? `${parent}.${name}` : name;
}

function domainOf(application: string | undefined): string | undefined {
  if (!application) return undefined;
  const dotted = application.split(';')[0];
  const i = dotted.lastIndexOf('.');
  return i > 0 ? dotted.slice(0, i) : undefined;
}

/** `d` is `base` or a domain below it. */
function inside(d: string, base: string): boolean {
  return d === base || d.startsWith(`${base}.`);
}

/** ` (did you mean A, B?)` with the names nearest to `name` (full or short), or ''. */
export function nearest(name: string, names: string[]): string {
  const scored = names
    .map((n) => ({
      n,
      d: Math.min(
        distance(name.toLowerCase(), n.toLowerCase()),
        distance(name.toLowerCase(), n.slice(n.lastIndexOf('.') + 1).toLowerCase()),
      ),
    }))
    .filter((x) => x.d <= NEAR)
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n))
    .slice(0, 3)
    .map((x) => x.n);
  return scored.length ? ` (did you mean ${scored.join(', ')}?)` : '';
}
