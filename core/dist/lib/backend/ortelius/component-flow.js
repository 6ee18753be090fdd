import { componentBaseName, componentVersionName, componentVersionShort } from '../../naming.js';
import { BackendError } from '../../errors.js';
import { enc } from './http-client.js';
import { API, UI, attributesOf, mimeBase64Lines, num, resultOf, str, toComponentVersion } from './server-json.js';
const LIST_CONCURRENCY = 6;
export class ComponentFlow {
    http;
    sbomType;
    /** Component versions read or written by this instance, by full name. */
    byName = new Map();
    constructor(http) {
        this.http = http;
    }
    async get(fullName) {
        const cached = this.byName.get(fullName);
        if (cached)
            return cached;
        const r = await this.http.get(`${API}/component/`, { query: { name: fullName }, envelope: 'success', idempotent: true, notFoundOk: true });
        if (!r)
            return undefined;
        const result = resultOf(r);
        if (!str(result.name).includes(';'))
            return undefined;
        return this.complete(result);
    }
    /** The newest version under a base (`latest=Y`), with its attributes: 2 calls whatever the history. */
    async latest(base) {
        const r = await this.http.get(`${API}/component/`, { query: { name: base, latest: 'Y' }, envelope: 'success', idempotent: true, notFoundOk: true });
        if (!r)
            return undefined;
        const result = resultOf(r);
        const baseParts = base.slice(base.lastIndexOf('.') + 1).split(';').length;
        if (str(result.name).split(';').length <= baseParts)
            return undefined;
        return this.complete(result);
    }
    /** Every version under a base, oldest first, each with its attributes (GitCommit included). */
    async list(base) {
        const r = await this.http.get(`${API}/component/`, { query: { name: base }, envelope: 'success', idempotent: true, notFoundOk: true });
        if (!r)
            return [];
        const versions = resultOf(r).versions;
        const ids = Array.isArray(versions) ? versions.map((v) => num(v.id)).filter(Number.isFinite) : [];
        ids.sort((a, b) => a - b);
        const out = new Array(ids.length);
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
    async put(spec) {
        const parts = { domain: spec.domain, short: spec.short, variant: spec.variant, version: spec.version };
        const full = componentVersionName(parts);
        const found = await this.http.get(`${API}/component/`, { query: { name: full }, envelope: 'success', idempotent: true, notFoundOk: true });
        let id;
        let current = {};
        let predecessor;
        let createdAt;
        const created = !found;
        if (found) {
            const result = resultOf(found);
            id = num(result.id);
            current = await this.attributes(id);
            const existing = toComponentVersion(result, current, spec.kind);
            predecessor = existing.predecessor;
            createdAt = existing.createdAt || spec.at;
        }
        else {
            const base = componentBaseName(parts);
            const latest = await this.http.get(`${API}/component/`, {
                query: { name: base, latest: 'Y', idonly: 'Y' },
                envelope: 'success',
                idempotent: true,
                notFoundOk: true,
            });
            let parentId;
            if (latest) {
                const lr = resultOf(latest);
                parentId = num(lr.id);
                const lname = str(lr.name);
                if (lname.split(';').length > (spec.variant ? 2 : 1))
                    predecessor = `${spec.domain}.${lname}`;
            }
            else {
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
        const changed = {};
        for (const [k, v] of Object.entries(spec.attributes))
            if (current[k] !== v)
                changed[k] = v;
        if (Object.keys(changed).length) {
            await this.http.post(`${API}/setvar/component/${id}`, { json: changed, envelope: 'status', idempotent: true });
        }
        await this.uploadFiles(id, spec);
        await this.uploadSboms(id, spec);
        const value = {
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
    async complete(result) {
        const cv = toComponentVersion(result, await this.attributes(num(result.id)));
        this.byName.set(cv.name, cv);
        return cv;
    }
    async attributes(id) {
        const r = await this.http.get(`${API}/getvar/component/${enc(id)}`, { envelope: 'success', idempotent: true });
        return attributesOf(r);
    }
    async uploadFiles(id, spec) {
        for (const filetype of ['readme', 'license', 'swagger']) {
            const content = spec.files?.[filetype];
            if (content === undefined)
                continue;
            await this.http.post('/msapi/textfile', {
                json: { compid: id, filetype, file: mimeBase64Lines(content) },
                envelope: 'status',
                idempotent: true,
            });
        }
    }
    async uploadSboms(id, spec) {
        if (!spec.sboms?.length)
            return;
        if (this.sbomType === undefined) {
            const r = await this.http.get('/msapi/sbomtype', { envelope: 'status', idempotent: true });
            this.sbomType = str(r?.SBOMType);
        }
        for (const sbom of spec.sboms) {
            if (this.sbomType === 'fullfile') {
                let content;
                try {
                    content = JSON.parse(sbom.content);
                }
                catch {
                    content = sbom.content;
                }
                await this.http.post('/msapi/package', { json: { _key: String(id), content }, envelope: 'status', idempotent: true });
            }
            else {
                await this.http.post(`/msapi/deppkg/${sbom.type}`, { query: { compid: id }, rawJson: sbom.content, envelope: 'status', idempotent: true });
            }
        }
    }
}
function idOf(r, what) {
    const id = num(resultOf(r).id);
    if (!Number.isFinite(id))
        throw new BackendError(`Ortelius answered ${what} without result.id`);
    return id;
}
