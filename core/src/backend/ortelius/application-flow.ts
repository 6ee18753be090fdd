/**
 * Application versions on an Ortelius server (sections 8.2 and 8.3, Backend rules 1-4):
 * the latest version (`?name=<app>&latest=Y`, creating the base app when missing) already holding the exact
 * component version is reused; otherwise the target version is reused (component swapped in) or created with
 * `newappver/<latest>` and the component swapped in by base (`replace`) or appended (`f=acd`, `f=acvm`, `f=cal`).
 * The latest version's component list comes with its lookup, so `compassigned2app` and `basecomponent`
 * (which the reference calls) are not needed. A lost answer to a create is recovered by looking the object up
 * by name (recovery.ts); a version an interrupted run left unfinished is finished, not bumped past.
 */
import type { ApplicationVersionSpec } from '../backend.js';
import type { ApplicationVersion, ComponentVersion, Put } from '../../model.js';
import { baseOfComponentVersion, bumpVersion, splitDomain } from '../../naming.js';
import { BackendError } from '../../errors.js';
import { enc, type OrteliusHttp } from './http-client.js';
import { recoverAfterLostAnswer } from './recovery.js';
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
  serverId,
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
    if (Number.isInteger(known) && known > 0) return known;
    const cached = this.ids.get(fullName);
    if (cached !== undefined) return cached;
    const r = await this.http.get(`${API}/application/`, { query: { name: fullName, idonly: 'Y' }, envelope: 'success', idempotent: true });
    const id = serverId(resultOf(r).id, 'application', `GET ${API}/application/`);
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
    const latest = await this.lookup({ name: spec.application, latest: 'Y' });
    if (!latest) {
      // The server answers `success` alone (no id): the new version is made off the base by name.
      await recoverAfterLostAnswer(
        () => this.http.get(`${API}/new/application/`, { query: { name: short, domain }, envelope: 'success', idempotent: false }),
        async () => ((await this.lookup({ name: spec.application })) ? {} : undefined),
      );
      return this.create(spec, { short, domain }, undefined, spec.version ?? '1');
    }
    const latestVersion = toApplicationVersion(latest);
    // Rule 1: the latest version already holds this exact component version (an identical re-run): no more calls.
    if (latestVersion && holds(latest, comp)) return { value: latestVersion, created: false };
    // A version an interrupted run created (a copy of its predecessor that never got its component nor its
    // stage) is finished, not left behind and bumped past.
    if (latestVersion && (await this.unfinished(latest))) {
      if (spec.version === undefined || spec.version === latestVersion.version) return this.finish(spec, latest, latestVersion);
    }
    // Rule 2: the target version.
    let target = spec.version ?? (latestVersion ? bumpVersion(latestVersion.version) : '1');
    // Rule 3: the target exists.
    let existing: ServerApplication | undefined;
    if (latestVersion && target === latestVersion.version) existing = latest;
    else if (latestVersion) existing = await this.lookup({ name: `${spec.application};${target}` });
    if (existing && !spec.autoIncrement) {
      const value = toApplicationVersion(existing);
      if (!value) throw new BackendError(`Ortelius answered ${spec.application};${target} without a version part`);
      if (holds(existing, comp)) return { value, created: false };
      const components = await this.swapIn(existing, comp);
      const attrs = await this.attributes(existing.id);
      if (!attrs[STAGE_KEY]) await this.setAttributes(existing.id, { [STAGE_KEY]: spec.initialStage });
      return { value: { ...value, components, stage: attrs[STAGE_KEY] || spec.initialStage }, created: false, updated: true };
    }
    for (let i = 0; existing && i < MAX_BUMPS; i++) {
      target = bumpVersion(target);
      existing = await this.lookup({ name: `${spec.application};${target}` });
    }
    // Rule 4: create the target as a copy of the latest, component swapped in.
    return this.create(spec, { short, domain }, latest, target);
  }

  /** newappver off `from` (the base by name when undefined), the component swapped in, the starting stage set. */
  private async create(
    spec: ApplicationVersionSpec,
    names: { short: string; domain: string },
    from: ServerApplication | undefined,
    target: string,
  ): Promise<Put<ApplicationVersion>> {
    const name = `${names.short};${target}`;
    const full = `${spec.application};${target}`;
    const source = from ? String(from.id) : spec.application;
    const call = `GET ${API}/newappver/${source}/`;
    const r = await recoverAfterLostAnswer(
      () =>
        this.http.get(`${API}/newappver/${enc(source)}/`, {
          query: { name, domain: names.domain },
          envelope: 'success',
          idempotent: false,
        }),
      async () => {
        const made = await this.lookup({ name: full });
        return made ? { result: { id: made.id } } : undefined;
      },
    );
    const id = serverId(resultOf(r).id, 'application', call);
    const copy: ServerApplication = {
      ...(from ?? { components: [], lastcompver: 0 }),
      id,
      name,
      domain: names.domain,
      components: (from?.components ?? []).map((c) => ({ ...c })),
      lastcompver: from?.lastcompver ?? 0,
    };
    const components = await this.swapIn(copy, spec.component);
    await this.setAttributes(id, { [STAGE_KEY]: spec.initialStage, ...createdBy(spec) });
    this.ids.set(full, id);
    const predecessor = from ? toApplicationVersion(from)?.name : undefined;
    return {
      value: {
        id: String(id),
        name: full,
        application: spec.application,
        version: target,
        components,
        ...(predecessor ? { predecessor } : {}),
        stage: spec.initialStage,
        createdAt: spec.at,
        provenance: spec.provenance,
        ...(spec.actor ? { actor: spec.actor } : {}),
      },
      created: true,
    };
  }

  /** Finishes a version an interrupted run created: the component swapped in, the stage set. */
  private async finish(spec: ApplicationVersionSpec, app: ServerApplication, value: ApplicationVersion): Promise<Put<ApplicationVersion>> {
    const components = await this.swapIn(app, spec.component);
    await this.setAttributes(app.id, { [STAGE_KEY]: spec.initialStage, ...createdBy(spec) });
    return { value: { ...value, components, stage: spec.initialStage, ...(spec.actor ? { actor: spec.actor } : {}) }, created: true };
  }

  /**
   * A version shiplog created but did not finish: no ShiplogStage (set last, right after the component went in)
   * and the same components as its predecessor (nothing swapped in yet). Versions made in the UI or by dh keep
   * a component set of their own, so they are not taken for one.
   */
  private async unfinished(app: ServerApplication): Promise<boolean> {
    if (!app.predecessor || (await this.attributes(app.id))[STAGE_KEY]) return false;
    const pred = await this.lookupId(app.predecessor.id);
    if (!pred) return false;
    const ids = (a: ServerApplication) =>
      a.components
        .map((c) => c.id)
        .sort((x, y) => x - y)
        .join(',');
    return ids(pred) === ids(app);
  }

  /**
   * Swaps comp in by base (`replace`) or adds it below `lastcompver` (`f=acvm`, which adds a component that is
   * not there and only moves one that is) and links it from there (`f=cal`, start node 0 for an empty
   * application). All three are safe to repeat, so a lost answer is simply retried. (`f=acd`, which the
   * reference sends first, DELETES a component from the application on the server: never sent.)
   */
  private async swapIn(app: ServerApplication, comp: ComponentVersion): Promise<string[]> {
    const names = app.components.map((c) => componentFullName(c, app.domain));
    const i = app.components.findIndex((c) => sameBase(componentFullName(c, app.domain), comp.base));
    if (i >= 0) {
      serverId(app.components[i].id, 'component', `GET ${API}/application/`);
      await this.http.get(`${API}/replace/${app.id}/${app.components[i].id}/${comp.id}`, { envelope: 'success', idempotent: true });
      names[i] = comp.name;
      return names;
    }
    const last: ServerAppComponent | undefined =
      app.components.find((c) => c.id === app.lastcompver) ?? app.components[app.components.length - 1];
    const xpos = last ? last.xpos : 100;
    const ypos = last ? last.ypos + 100 : 100;
    await this.http.get(`${UI}/UpdateAttrs`, {
      query: { f: 'acvm', a: app.id, c: comp.id, xpos, ypos },
      envelope: 'status',
      idempotent: true,
    });
    await this.http.get(`${UI}/UpdateAttrs`, {
      query: { f: 'cal', a: app.id, fn: last ? last.id : 0, tn: comp.id },
      envelope: 'status',
      idempotent: true,
    });
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
    // An answer without a usable id is never used to write (it would address application 0, or none).
    serverId(app.id, 'application', `GET ${API}/application/`);
    if (app.domain) this.ids.set(`${app.domain}.${app.name}`, app.id);
    if (app.domain && app.name.includes(';')) this.versionCache.set(`${app.domain}.${app.name}`, app);
    return app;
  }
}

/** Who created a version, kept in its attributes (CREATED_BY_KEY). */
function createdBy(spec: ApplicationVersionSpec): Record<string, string> {
  return spec.actor ? { [CREATED_BY_KEY]: JSON.stringify(spec.actor) } : {};
}

function holds(app: ServerApplication, comp: ComponentVersion): boolean {
  return app.components.some((c) => String(c.id) === comp.id);
}

/** An application's component shares the base of `base` (it is a version of it, or the base itself). */
function sameBase(full: string, base: string): boolean {
  return full === base || baseOfComponentVersion(full) === base;
}
