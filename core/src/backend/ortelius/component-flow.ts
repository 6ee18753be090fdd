/**
 * Component versions on an Ortelius server (section 5.2 steps 2-8, without the reference's repeated lookups):
 * 1. `GET component ?name=<base>`: one answer says whether the base exists, whether the version exists (its
 *    `versions` list) and which version is the latest; an existing version is reused (no create, no rename,
 *    no item rewrite), its attributes read with getvar;
 * 2. else the base is created when missing (`new/compver/?name=<base>`), the version made off the latest
 *    (`new/compver/<latest>`), renamed (UpdateSummaryData) and given its item (UpdateAttrs f=inv);
 * 3. attributes merged with POST setvar (no delattrs), only the keys whose value differs;
 * 4. readme/license/swagger to /msapi/textfile; SBOMs (sbom-upload.ts) when given with the spec.
 * Lost answers: a create whose answer never came is looked for by name before anything is created again
 * (recovery.ts), and a version the server made but never renamed (`<base>;<n>` without attributes, left by an
 * interrupted run) is adopted instead of orphaned.
 */
import type { ComponentVersionSpec } from '../backend.js';
import type { ComponentVersion, Put } from '../../model.js';
import { componentBaseName, componentBaseShort, componentVersionName, componentVersionShort } from '../../naming.js';
import { enc, type OrteliusHttp } from './http-client.js';
import { recoverAfterLostAnswer } from './recovery.js';
import { API, type Json, UI, attributesOf, mimeBase64Lines, num, resultOf, serverId, str, toComponentVersion } from './server-json.js';
import { SbomUpload } from './sbom-upload.js';

const LIST_CONCURRENCY = 6;
/** Set on a version shiplog created without any attribute (docs/ortelius.md, "What shiplog stores"). */
export const CREATED_KEY = 'ShiplogCreated';

interface BaseAnswer {
  id: number;
  /** Versions under the base: id and stored name (`short;variant;version`), oldest first. */
  versions: { id: number; name: string }[];
}

export class ComponentFlow {
  readonly sboms: SbomUpload;
  /** Component versions read or written by this instance, by full name (attributes included). */
  private readonly byName = new Map<string, ComponentVersion>();
  /** Base lookups get() made, for the put() that follows (used once: put changes the base). */
  private readonly bases = new Map<string, BaseAnswer | undefined>();

  constructor(private readonly http: OrteliusHttp) {
    this.sboms = new SbomUpload(http);
  }

  /**
   * A version by full name, through its base's lookup (one call, plus getvar when it exists): the answer also
   * serves the put() that version-update makes next, so reading before writing costs no extra call.
   */
  async get(fullName: string): Promise<ComponentVersion | undefined> {
    const cached = this.byName.get(fullName);
    if (cached) return cached;
    const semi = fullName.lastIndexOf(';');
    if (semi < 0) return undefined;
    const baseName = fullName.slice(0, semi);
    const stored = fullName.slice(fullName.lastIndexOf('.', fullName.indexOf(';')) + 1);
    const base = await this.base(baseName);
    this.bases.set(baseName, base);
    const i = base ? base.versions.findIndex((v) => v.name === stored) : -1;
    if (!base || i < 0) return undefined;
    const entry = base.versions[i];
    const cv = toComponentVersion(
      {
        id: entry.id,
        name: entry.name,
        domain: fullName.slice(0, fullName.lastIndexOf('.', fullName.indexOf(';'))),
        ...(i > 0 ? { predecessor: base.versions[i - 1] } : {}),
      },
      await this.attributes(entry.id),
    );
    this.byName.set(cv.name, cv);
    return cv;
  }

  /** The newest version under a base (`latest=Y`), with its attributes: 2 calls whatever the history. */
  async latest(base: string): Promise<ComponentVersion | undefined> {
    const r = await this.http.get(`${API}/component/`, {
      query: { name: base, latest: 'Y' },
      envelope: 'success',
      idempotent: true,
      notFoundOk: true,
    });
    if (!r) return undefined;
    const result = resultOf(r);
    const baseParts = base.slice(base.lastIndexOf('.') + 1).split(';').length;
    if (str(result.name).split(';').length <= baseParts) return undefined;
    return this.complete(result);
  }

  /** Every version under a base, oldest first, each with its attributes (GitCommit included). */
  async list(base: string): Promise<ComponentVersion[]> {
    const found = await this.base(base);
    if (!found) return [];
    const ids = found.versions.map((v) => v.id);
    const out: ComponentVersion[] = new Array(ids.length);
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const i = next++;
        const one = await this.http.get(`${API}/component/${ids[i]}`, { envelope: 'success', idempotent: true });
        out[i] = await this.complete(resultOf(one));
      }
    };
    await Promise.all(Array.from({ length: Math.min(LIST_CONCURRENCY, ids.length) }, worker));
    return out;
  }

  async put(spec: ComponentVersionSpec): Promise<Put<ComponentVersion>> {
    const parts = { domain: spec.domain, short: spec.short, variant: spec.variant, version: spec.version };
    const full = componentVersionName(parts);
    const baseName = componentBaseName(parts);
    const stored = componentVersionShort(parts);
    let id: number;
    let current: Record<string, string> = {};
    let predecessor: string | undefined;
    let createdAt = spec.at;
    let created = false;
    const known = this.byName.get(full);
    if (known) {
      // Read by get() earlier in this run (version-update looks before it writes): no second lookup.
      id = serverId(known.id, 'component version', `GET ${API}/component/`);
      current = { ...known.attributes };
      predecessor = known.predecessor;
      createdAt = known.createdAt || spec.at;
    } else {
      const base = this.bases.has(baseName) ? this.bases.get(baseName) : await this.base(baseName);
      this.bases.delete(baseName);
      const existing = base?.versions.find((v) => v.name === stored);
      if (existing) {
        id = existing.id;
        current = await this.attributes(id);
        const i = base!.versions.indexOf(existing);
        if (i > 0) predecessor = `${spec.domain}.${base!.versions[i - 1].name}`;
      } else {
        const made = await this.create(baseName, parts, base, spec.kind);
        id = made.id;
        predecessor = made.predecessor;
        created = true;
      }
    }
    const changed: Record<string, string> = {};
    for (const [k, v] of Object.entries(spec.attributes)) if (current[k] !== v) changed[k] = v;
    // A version shiplog made is never left without attributes: one without any, still under the server's
    // placeholder name, can then only be an unfinished create (adopted by the next run, see create()).
    if (created && Object.keys(changed).length === 0 && Object.keys(current).length === 0) changed[CREATED_KEY] = spec.at;
    if (Object.keys(changed).length) {
      await this.http.post(`${API}/setvar/component/${id}`, { json: changed, envelope: 'status', idempotent: true });
    }
    await this.uploadFiles(id, spec);
    const value: ComponentVersion = {
      id: String(id),
      name: full,
      base: baseName,
      domain: spec.domain,
      short: spec.short,
      ...(spec.variant ? { variant: spec.variant } : {}),
      version: spec.version,
      kind: spec.kind,
      attributes: { ...current, ...spec.attributes },
      ...(predecessor ? { predecessor } : {}),
      createdAt,
      provenance: spec.provenance,
    };
    this.byName.set(full, value);
    if (spec.sboms?.length) await this.sboms.upload(value, spec.sboms);
    return { value, created, ...(!created && Object.keys(changed).length ? { updated: true } : {}) };
  }

  /**
   * Makes the version: the base when missing, then a version off the latest one (or adopts one the server made
   * for an interrupted run), renamed and given its item.
   */
  private async create(
    baseName: string,
    parts: { domain: string; short: string; variant?: string; version: string },
    base: BaseAnswer | undefined,
    kind: 'docker' | 'file',
  ): Promise<{ id: number; predecessor?: string }> {
    const what = `${API}/new/compver/`;
    let known = base;
    if (!known) {
      // The answer is the new base itself (assembleJSONForComponent); after a lost answer, the base by name.
      const r = await recoverAfterLostAnswer(
        () => this.http.get(what, { query: { name: baseName }, envelope: 'success', idempotent: false }),
        async () => {
          const found = await this.base(baseName);
          return found ? { result: { id: found.id, versions: found.versions } } : undefined;
        },
      );
      known = { id: serverId(resultOf(r).id, 'component base', `GET ${what}`), versions: [] };
    }
    const prefix = `${componentBaseShort(parts)};`;
    const latest = known.versions[known.versions.length - 1];
    let id: number | undefined;
    let parent = latest;
    // The latest version still under the name the server gave it (`<base>;<n>`, n = its position among the
    // versions, as componentNewVersion counts) and without attributes is one the server made for a run that
    // never got the answer (shiplog renames it and sets attributes at once): take it over, do not orphan it.
    if (latest && latest.name === `${prefix}${known.versions.length}`) {
      if (Object.keys(await this.attributes(latest.id)).length === 0) {
        id = latest.id;
        parent = known.versions[known.versions.length - 2];
      }
    }
    if (id === undefined) {
      const parentId = latest ? latest.id : known.id;
      const before = new Set(known.versions.map((v) => v.id));
      const r = await recoverAfterLostAnswer(
        () => this.http.get(`${what}${parentId}`, { envelope: 'success', idempotent: false }),
        async () => {
          const again = await this.base(baseName);
          const made = again?.versions.find(
            (v) => !before.has(v.id) && v.name.startsWith(prefix) && /^\d+$/.test(v.name.slice(prefix.length)),
          );
          return made ? { result: { id: made.id } } : undefined;
        },
      );
      id = serverId(resultOf(r).id, 'component version', `GET ${what}${parentId}`);
    }
    await this.http.get(`${UI}/UpdateSummaryData`, {
      query: { objtype: 23, id, change_1: componentVersionShort(parts) },
      envelope: 'status',
      idempotent: true,
    });
    await this.http.get(`${UI}/UpdateAttrs`, {
      query: { f: 'inv', c: id, xpos: 100, ypos: 100, kind, removeall: 'Y' },
      envelope: 'status',
      idempotent: true,
    });
    return { id, ...(parent ? { predecessor: `${parts.domain}.${parent.name}` } : {}) };
  }

  /** `GET component ?name=<base>`: the base's id and its versions (oldest first), or undefined. */
  private async base(baseName: string): Promise<BaseAnswer | undefined> {
    const r = await this.http.get(`${API}/component/`, {
      query: { name: baseName },
      envelope: 'success',
      idempotent: true,
      notFoundOk: true,
    });
    if (!r) return undefined;
    const result = resultOf(r);
    const versions = (Array.isArray(result.versions) ? (result.versions as Json[]) : [])
      .map((v) => ({ id: num(v.id), name: str(v.name) }))
      .filter((v) => Number.isInteger(v.id) && v.id > 0)
      .sort((a, b) => a.id - b.id);
    return { id: serverId(result.id, 'component base', `GET ${API}/component/`), versions };
  }

  private async complete(result: Json): Promise<ComponentVersion> {
    const cv = toComponentVersion(result, await this.attributes(serverId(result.id, 'component', `GET ${API}/component/`)));
    this.byName.set(cv.name, cv);
    return cv;
  }

  private async attributes(id: number): Promise<Record<string, string>> {
    const r = await this.http.get(`${API}/getvar/component/${enc(id)}`, { envelope: 'success', idempotent: true });
    return attributesOf(r);
  }

  private async uploadFiles(id: number, spec: ComponentVersionSpec): Promise<void> {
    for (const filetype of ['readme', 'license', 'swagger'] as const) {
      const content = spec.files?.[filetype];
      if (content === undefined) continue;
      await this.http.post('/msapi/textfile', {
        json: { compid: id, filetype, file: mimeBase64Lines(content) },
        envelope: 'status',
        idempotent: true,
      });
    }
  }
}
