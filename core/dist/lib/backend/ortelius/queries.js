import { componentMatches } from '../../naming.js';
import { API, applicationOf, resultOf, str, toApplicationVersion, toDeployment } from './server-json.js';
import { deploymentsFrom } from './shiplog-attributes.js';
const ORTELIUS = { provider: 'ortelius', isCi: false };
export class QueryFlow {
    http;
    apps;
    constructor(http, apps) {
        this.http = http;
        this.apps = apps;
    }
    async status(filter = {}) {
        const envs = filter.environment ? [filter.environment] : await this.exported('environments');
        const applications = filter.application
            ? [filter.application]
            : (await this.exported('applications')).filter((n) => !n.includes(';'));
        const out = [];
        for (const env of envs) {
            for (const application of applications) {
                const r = await this.http.get(`${API}/application/`, {
                    query: { name: application, lastsuccess: 'Y', envid: env },
                    envelope: 'success',
                    idempotent: true,
                    notFoundOk: true,
                });
                if (!r)
                    continue;
                const app = applicationOf(resultOf(r));
                const av = toApplicationVersion(app);
                if (!av)
                    continue;
                let last;
                for (const entry of deploymentsFrom(await this.apps.attributes(app.id))) {
                    if (entry[1].environment === env && entry[1].exitCode === 0 && (!last || entry[0] > last[0]))
                        last = entry;
                }
                out.push({
                    name: env,
                    application: av.application,
                    appVersion: av.name,
                    components: av.components,
                    deploymentId: last ? last[0] : 0,
                    deployedAt: last ? (last[1].finishedAt ?? last[1].startedAt) : '',
                    provenance: last ? last[1].provenance : ORTELIUS,
                });
            }
        }
        return out.sort((a, b) => a.name.localeCompare(b.name) || a.application.localeCompare(b.application));
    }
    async history(filter) {
        const limit = filter.limit ?? Infinity;
        const out = [];
        const metaByApp = new Map();
        for (let id = await this.newestDeploymentId(); id >= 1 && out.length < limit; id--) {
            const log = await this.http.get(`${API}/log/${id}`, { envelope: 'success', idempotent: true, notFoundOk: true });
            if (!log)
                continue;
            const appVersion = str(log.application);
            if (!metaByApp.has(appVersion))
                metaByApp.set(appVersion, this.appFacts(appVersion));
            const facts = await metaByApp.get(appVersion);
            const meta = facts.meta.get(id);
            // Some server revisions name the application version without its domain in the log.
            let d = toDeployment(id, { ...log, application: facts.fullName ?? appVersion }, meta?.componentVersions ?? facts.components);
            if (meta) {
                d = {
                    ...d,
                    exitCode: meta.exitCode,
                    status: meta.exitCode === 0 ? 'success' : 'failed',
                    mode: meta.mode,
                    startedAt: meta.startedAt,
                    ...(meta.finishedAt ? { finishedAt: meta.finishedAt } : {}),
                    ...(meta.logUrl ? { logUrl: meta.logUrl } : {}),
                    ...(meta.attributes ? { attributes: meta.attributes } : {}),
                    provenance: meta.provenance,
                };
            }
            if (filter.application && d.application !== filter.application)
                continue;
            if (filter.environment && d.environment !== filter.environment)
                continue;
            const component = filter.component;
            if (component && !d.componentVersions.some((c) => componentMatches(component, c)))
                continue;
            out.push(d);
        }
        return out;
    }
    /** Full name, components and stored deployment facts of an application version (empty when it is gone). */
    async appFacts(appVersion) {
        const r = await this.http.get(`${API}/application/`, { query: { name: appVersion }, envelope: 'success', idempotent: true, notFoundOk: true });
        if (!r)
            return { components: [], meta: new Map() };
        const app = applicationOf(resultOf(r));
        const av = toApplicationVersion(app);
        return { fullName: av?.name, components: av?.components ?? [], meta: deploymentsFrom(await this.apps.attributes(app.id)) };
    }
    /** The highest deployment id: exponential probe, then binary search (ids are dense from 1). */
    async newestDeploymentId() {
        const exists = async (id) => !!(await this.http.get(`${API}/log/${id}`, { query: { checkcomplete: 'Y' }, envelope: 'success', idempotent: true, notFoundOk: true }));
        if (!(await exists(1)))
            return 0;
        let lo = 1;
        let hi = 2;
        while (await exists(hi)) {
            lo = hi;
            hi *= 2;
        }
        while (hi - lo > 1) {
            const mid = Math.floor((lo + hi) / 2);
            if (await exists(mid))
                lo = mid;
            else
                hi = mid;
        }
        return lo;
    }
    async exported(type) {
        const r = await this.http.get(`${API}/export/${type}`, { envelope: 'status', idempotent: true });
        const list = r?.[type];
        return Array.isArray(list) ? list.map((o) => str(o.objname)).filter(Boolean) : [];
    }
}
