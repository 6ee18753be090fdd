/**
 * Application versions on an Ortelius server (sections 8.2 and 8.3, Backend rules 1-4):
 * the latest version (`?name=<app>&latest=Y`, creating the base app when missing) already holding the exact
 * component version is reused; otherwise the target version is reused (component swapped in) or created with
 * `newappver/<latest>` and the component swapped in by base (`replace`) or appended (`f=acd`, `f=acvm`, `f=cal`).
 * The latest version's component list comes with its lookup, so `compassigned2app` and `basecomponent`
 * (which the reference calls) are not needed.
 */
import type { ApplicationVersionSpec } from '../backend.js';
import type { ApplicationVersion, ComponentVersion, Put } from '../../model.js';
import { baseOfComponentVersion, bumpVersion, splitDomain } from '../../naming.js';
import { BackendError } from '../../errors.js';
import { enc, type OrteliusHttp } from './http-client.js';
import { CREATED_BY_KEY, STAGE_KEY, createdByFrom } from './shiplog-attributes.js';
import {
  API,
  type Json,
  type ServerAppComponent,
  type ServerApplication,
  UI,
  applicationOf,
  attributesOf,
  componentFullName,
  num,
  resultOf,
  toApplicationVersion,
} from './server-json.js';

const LIST_CONCURRENCY = 6;
const MAX_BUMPS = 1000;

export class ApplicationFlow {
  /** Application ids by full name (base or version), learned by this instance. */
  readonly ids = new Map<string, number>();
  /** Attributes read by this instance (one CLI run), kept in step with its own setvar calls. */
  private readonly attrCache = new Map<number, Record<string, string>>();
  /**
   * Application versions looked up by full name by this instance (one CLI run: the lookup of a move or deploy and
   * the gate's record read the same one). put() changes versions and forgets them.
   */
  private readonly versionCache = new Map<string, ServerApplication>();

  constructor(private readonly http: OrteliusHttp) {}

  async get(fullName: string): Promise<ApplicationVersion | undefined> {
    const app = this.versionCache.get(fullName) ?? (await this.lookup({ name: fullName }));
    return app ? this.withStage(app) : undefined;
  }

  /** Attributes of an application (version) by id. */
  async attributes(id: number): Promise<Record<string, string>> {
    const cached = this.attrCache.get(id);
    if (cached) return { ...cached };
    const r = await this.http.get(`${API}/getvar/application/${enc(id)}`, { envelope: 'success', idempotent: true });
    const attrs = attributesOf(r);
    this.attrCache.set(id, attrs);
    return { ...attrs };
  }

  /** Merges attributes into an application (version); the server answers {} whatever happens. */
  async setAttributes(id: number, attrs: Record<string, string>): Promise<void> {
    await this.http.post(`${API}/setvar/application/${id}`, { json: attrs, envelope: 'status', idempotent: true });
    const cached = this.attrCache.get(id);
    if (cached) Object.assign(cached, attrs);
  }

  /** The version with what shiplog keeps in its attributes: the stage, who created it. */
  private async withStage(app: ServerApplication): Promise<ApplicationVersion | undefined> {
    const av = toApplicationVersion(app);
    if (!av) return undefined;
    const attrs = await this.attributes(app.id);
    const stage = attrs[STAGE_KEY];
    const actor = createdByFrom(attrs);
    return { ...av, ...(stage ? { stage } : {}), ...(actor ? { actor } : {}) };
  }

  async list(application: string): Promise<ApplicationVersion[]> {
    const base = await this.lookup({ name: application });
    if (!base) return [];
    const ids = (base.versions ?? []).map((v) => v.id).sort((a, b) => a - b);
    const out: (ApplicationVersion | undefined)[] = new Array(ids.length);
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const i = next++;
        const app = await this.lookupId(ids[i]);
        out[i] = app ? await this.withStage(app) : undefined;
      }
    };
    await Promise.all(Array.from({ length: Math.min(LIST_CONCURRENCY, ids.length) }, worker));
    return out.filter((x): x is ApplicationVersion => !!x);
  }

  /** The numeric id of an application version by full name (cached). */
  async idOf(fullName: string, knownId?: string): Promise<number> {
    const known = knownId !== undefined ? num(knownId) : NaN;
    if (Number.isFinite(known)) return known;
    const cached = this.ids.get(fullName);
    if (cached !== undefined) return cached;
    const r = await this.http.get(`${API}/application/`, { query: { name: fullName, idonly: 'Y' }, envelope: 'success', idempotent: true });
    const id = num(resultOf(r).id);
    if (!Number.isFinite(id)) throw new BackendError(`Ortelius answered the lookup of ${fullName} without result.id`);
    this.ids.set(fullName, id);
    return id;
  }

  async put(spec: ApplicationVersionSpec): Promise<Put<ApplicationVersion>> {
    // The versions looked up here change (components swapped in): none may be answered from the cache later.
    try {
      return await this.putVersion(spec);
    } finally {
      this.versionCache.clear();
    }
  }

  private async putVersion(spec: ApplicationVersionSpec): Promise<Put<ApplicationVersion>> {
    const { domain, short } = splitDomain(spec.application, 'application');
    const comp = spec.component;
    let latest = await this.lookup({ name: spec.application, latest: 'Y' });
    let fresh = false;
    if (!latest) {
      const r = await this.http.get(`${API}/new/application/`, { query: { name: short, domain }, envelope: 'success', idempotent: false });
      let id = num(resultOf(r).id);
      if (!Number.isFinite(id)) id = await this.idOf(spec.application);
      latest = { id, name: short, domain, components: [], lastcompver: 0 };
      fresh = true;
    }
    const latestVersion = toApplicationVersion(latest);
    // Rule 1: the latest version already holds this exact component version.
    if (latestVersion && holds(latest, comp)) return { value: (await this.withStage(latest)) ?? latestVersion, created: false };
    // Rule 2: the target version.
    let target = spec.version ?? (latestVersion ? bumpVersion(latestVersion.version) : '1');
    // Rule 3: the target exists (no lookup needed when the base has no versions yet).
    let existing: ServerApplication | undefined;
    if (latestVersion && target === latestVersion.version) existing = latest;
    else if (!fresh && latestVersion) existing = await this.lookup({ name: `${spec.application};${target}` });
    if (existing && !spec.autoIncrement) {
      const value = await this.withStage(existing);
      if (!value) throw new BackendError(`Ortelius answered ${spec.application};${target} without a version part`);
      if (holds(existing, comp)) return { value, created: false };
      const components = await this.swapIn(existing, comp);
      return { value: { ...value, components }, created: false, updated: true };
    }
    for (let i = 0; existing && i < MAX_BUMPS; i++) {
      target = bumpVersion(target);
      existing = await this.lookup({ name: `${spec.application};${target}` });
    }
    // Rule 4: create the target as a copy of the latest, component swapped in.
    const name = `${short};${target}`;
    const r = await this.http.get(`${API}/newappver/${latest.id}/`, { query: { name, domain }, envelope: 'success', idempotent: false });
    const id = num(resultOf(r).id);
    if (!Number.isFinite(id)) throw new BackendError('Ortelius answered newappver without result.id');
    const copy: ServerApplication = { ...latest, id, name, components: latest.components.map((c) => ({ ...c })) };
    const components = await this.swapIn(copy, comp);
    await this.setAttributes(id, { [STAGE_KEY]: spec.initialStage, ...(spec.actor ? { [CREATED_BY_KEY]: JSON.stringify(spec.actor) } : {}) });
    const full = `${spec.application};${target}`;
    this.ids.set(full, id);
    return {
      value: {
        id: String(id),
        name: full,
        application: spec.application,
        version: target,
        components,
        ...(latestVersion ? { predecessor: latestVersion.name } : {}),
        stage: spec.initialStage,
        createdAt: spec.at,
        provenance: spec.provenance,
        ...(spec.actor ? { actor: spec.actor } : {}),
      },
      created: true,
    };
  }

  /** Swaps comp in by base (`replace`) or appends it after `lastcompver`; returns the new component list. */
  private async swapIn(app: ServerApplication, comp: ComponentVersion): Promise<string[]> {
    const names = app.components.map((c) => componentFullName(c, app.domain));
    const i = app.components.findIndex((c) => sameBase(componentFullName(c, app.domain), comp.base));
    if (i >= 0) {
      await this.http.get(`${API}/replace/${app.id}/${app.components[i].id}/${comp.id}`, { envelope: 'success', idempotent: true });
      names[i] = comp.name;
      return names;
    }
    const last: ServerAppComponent | undefined = app.components.find((c) => c.id === app.lastcompver) ?? app.components[app.components.length - 1];
    const xpos = last ? last.xpos : 100;
    const ypos = last ? last.ypos + 100 : 100;
    await this.http.get(`${UI}/UpdateAttrs`, { query: { f: 'acd', a: app.id, c: comp.id }, envelope: 'status', idempotent: false });
    await this.http.get(`${UI}/UpdateAttrs`, { query: { f: 'acvm', a: app.id, c: comp.id, xpos, ypos }, envelope: 'status', idempotent: true });
    await this.http.get(`${UI}/UpdateAttrs`, { query: { f: 'cal', a: app.id, fn: last ? last.id : 0, tn: comp.id }, envelope: 'status', idempotent: false });
    return [...names, comp.name];
  }

  private async lookup(query: Record<string, string>): Promise<ServerApplication | undefined> {
    const r = await this.http.get(`${API}/application/`, { query, envelope: 'success', idempotent: true, notFoundOk: true });
    return r ? this.remember(resultOf(r)) : undefined;
  }

  async lookupId(id: number): Promise<ServerApplication | undefined> {
    const r = await this.http.get(`${API}/application/${id}`, { envelope: 'success', idempotent: true, notFoundOk: true });
    return r ? this.remember(resultOf(r)) : undefined;
  }

  private remember(result: Json): ServerApplication {
    const app = applicationOf(result);
    if (app.domain && Number.isFinite(app.id)) this.ids.set(`${app.domain}.${app.name}`, app.id);
    if (app.domain && app.name.includes(';')) this.versionCache.set(`${app.domain}.${app.name}`, app);
    return app;
  }
}

function holds(app: ServerApplication, comp: ComponentVersion): boolean {
  return app.components.some((c) => String(c.id) === comp.id);
}

/** An application's component shares the base of `base` (it is a version of it, or the base itself). */
function sameBase(full: string, base: string): boolean {
  return full === base || baseOfComponentVersion(full) === base;
}
