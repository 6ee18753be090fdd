/**
 * Component versions on an Ortelius server (section 5.2 steps 2-8, without the reference's repeated lookups):
 * 1. `GET component ?name=<full version>`: found -> reuse (no create, no rename, no item rewrite);
 * 2. else the base's latest (`?name=<base>&latest=Y&idonly=Y`), creating the base (`new/compver/?name=`)
 *    when missing; `new/compver/<latest>`, rename (UpdateSummaryData), item (UpdateAttrs f=inv);
 * 3. attributes merged with POST setvar (no delattrs), only the keys whose value differs;
 * 4. readme/license/swagger to /msapi/textfile, SBOMs to /msapi/deppkg (or /msapi/package for "fullfile").
 */
import type { ComponentVersionSpec } from '../backend.js';
import type { ComponentVersion, Put } from '../../model.js';
import { componentBaseName, componentVersionName, componentVersionShort } from '../../naming.js';
import { BackendError } from '../../errors.js';
import { enc, type OrteliusHttp } from './http-client.js';
import { API, type Json, UI, attributesOf, mimeBase64Lines, num, resultOf, str, toComponentVersion } from './server-json.js';

const LIST_CONCURRENCY = 6;

export class ComponentFlow {
  private sbomType: string | undefined;
  /** Component versions read or written by this instance, by full name. */
  private readonly byName = new Map<string, ComponentVersion>();

  constructor(private readonly http: OrteliusHttp) {}

  async get(fullName: string): Promise<ComponentVersion | undefined> {
    const cached = this.byName.get(fullName);
    if (cached) return cached;
    const r = await this.http.get(`${API}/component/`, { query: { name: fullName }, envelope: 'success', idempotent: true, notFoundOk: true });
    if (!r) return undefined;
    const result = resultOf(r);
    if (!str(result.name).includes(';')) return undefined;
    return this.complete(result);
  }

  /** The newest version under a base (`latest=Y`), with its attributes: 2 calls whatever the history. */
  async latest(base: string): Promise<ComponentVersion | undefined> {
    const r = await this.http.get(`${API}/component/`, { query: { name: base, latest: 'Y' }, envelope: 'success', idempotent: true, notFoundOk: true });
    if (!r) return undefined;
    const result = resultOf(r);
    const baseParts = base.slice(base.lastIndexOf('.') + 1).split(';').length;
    if (str(result.name).split(';').length <= baseParts) return undefined;
    return this.complete(result);
  }

  /** Every version under a base, oldest first, each with its attributes (GitCommit included). */
  async list(base: string): Promise<ComponentVersion[]> {
    const r = await this.http.get(`${API}/component/`, { query: { name: base }, envelope: 'success', idempotent: true, notFoundOk: true });
    if (!r) return [];
    const versions = resultOf(r).versions;
    const ids = Array.isArray(versions) ? (versions as Json[]).map((v) => num(v.id)).filter(Number.isFinite) : [];
    ids.sort((a, b) => a - b);
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
    const found = await this.http.get(`${API}/component/`, { query: { name: full }, envelope: 'success', idempotent: true, notFoundOk: true });
    let id: number;
    let current: Record<string, string> = {};
    let predecessor: string | undefined;
    let createdAt: string;
    const created = !found;
    if (found) {
      const result = resultOf(found);
      id = num(result.id);
      current = await this.attributes(id);
      const existing = toComponentVersion(result, current, spec.kind);
      predecessor = existing.predecessor;
      createdAt = existing.createdAt || spec.at;
    } else {
      const base = componentBaseName(parts);
      const latest = await this.http.get(`${API}/component/`, {
        query: { name: base, latest: 'Y', idonly: 'Y' },
        envelope: 'success',
        idempotent: true,
        notFoundOk: true,
      });
      let parentId: number;
      if (latest) {
        const lr = resultOf(latest);
        parentId = num(lr.id);
        const lname = str(lr.name);
        if (lname.split(';').length > (spec.variant ? 2 : 1)) predecessor = `${spec.domain}.${lname}`;
      } else {
        parentId = idOf(await this.http.get(`${API}/new/compver/`, { query: { name: base }, envelope: 'success', idempotent: false }), 'new/compver');
      }
      id = idOf(await this.http.get(`${API}/new/compver/${parentId}`, { envelope: 'success', idempotent: false }), 'new/compver');
      await this.http.get(`${UI}/UpdateSummaryData`, {
        query: { objtype: 23, id, change_1: componentVersionShort(parts) },
        envelope: 'status',
        idempotent: true,
      });
      await this.http.get(`${UI}/UpdateAttrs`, {
        query: { f: 'inv', c: id, xpos: 100, ypos: 100, kind: spec.kind, removeall: 'Y' },
        envelope: 'status',
        idempotent: true,
      });
      createdAt = spec.at;
    }
    const changed: Record<string, string> = {};
    for (const [k, v] of Object.entries(spec.attributes)) if (current[k] !== v) changed[k] = v;
    if (Object.keys(changed).length) {
      await this.http.post(`${API}/setvar/component/${id}`, { json: changed, envelope: 'status', idempotent: true });
    }
    await this.uploadFiles(id, spec);
    await this.uploadSboms(id, spec);
    const value: ComponentVersion = {
      id: String(id),
      name: full,
      base: componentBaseName(parts),
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
    return { value, created, ...(!created && Object.keys(changed).length ? { updated: true } : {}) };
  }

  private async complete(result: Json): Promise<ComponentVersion> {
    const cv = toComponentVersion(result, await this.attributes(num(result.id)));
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

  private async uploadSboms(id: number, spec: ComponentVersionSpec): Promise<void> {
    if (!spec.sboms?.length) return;
    if (this.sbomType === undefined) {
      const r = await this.http.get('/msapi/sbomtype', { envelope: 'status', idempotent: true });
      this.sbomType = str(r?.SBOMType);
    }
    for (const sbom of spec.sboms) {
      if (this.sbomType === 'fullfile') {
        let content: unknown;
        try {
          content = JSON.parse(sbom.content);
        } catch {
          content = sbom.content;
        }
        await this.http.post('/msapi/package', { json: { _key: String(id), content }, envelope: 'status', idempotent: true });
      } else {
        await this.http.post(`/msapi/deppkg/${sbom.type}`, { query: { compid: id }, rawJson: sbom.content, envelope: 'status', idempotent: true });
      }
    }
  }
}

function idOf(r: Json | undefined, what: string): number {
  const id = num(resultOf(r).id);
  if (!Number.isFinite(id)) throw new BackendError(`Ortelius answered ${what} without result.id`);
  return id;
}
