/**
 * Read-only questions answered from what the dmadminweb API offers (docs/ortelius.md, "Queries"):
 * - status: per (environment, application) `GET /API/application/?name=<app>&lastsuccess=Y&envid=<env>`;
 *   environments and applications come from the filter or from `/API/export/environments|applications`;
 *   the deployment id and time come from the `ShiplogDeployment_<id>` attributes (0 and '' when absent).
 * - history: deployment ids are dense (the server assigns max+1), so the newest id is found by probing
 *   `/API/log/<id>?checkcomplete=Y` (O(log n) calls), then logs are read newest first until `limit` match;
 *   mode, provenance and components come from the attributes shiplog stored (server-run deployments: from the
 *   application version).
 */
import { type HistoryFilter } from '../backend.js';
import type { Deployment, EnvironmentState } from '../../model.js';
import { componentMatches } from '../../naming.js';
import type { OrteliusHttp } from './http-client.js';
import type { ApplicationFlow } from './application-flow.js';
import { newestDeploymentId } from './deploy-flow.js';
import { API, type Json, applicationOf, resultOf, str, toApplicationVersion, toDeployment } from './server-json.js';
import { type StoredDeployment, deploymentsFrom } from './shiplog-attributes.js';

const ORTELIUS = { provider: 'ortelius', isCi: false } as const;

interface AppFacts {
  fullName?: string;
  components: string[];
  meta: Map<number, StoredDeployment>;
}

export class QueryFlow {
  constructor(
    private readonly http: OrteliusHttp,
    private readonly apps: ApplicationFlow,
  ) {}

  async status(filter: { environment?: string; application?: string } = {}): Promise<EnvironmentState[]> {
    const envs = filter.environment ? [filter.environment] : await this.exported('environments');
    const applications = filter.application ? [filter.application] : (await this.exported('applications')).filter((n) => !n.includes(';'));
    const out: EnvironmentState[] = [];
    for (const env of envs) {
      for (const application of applications) {
        const r = await this.http.get(`${API}/application/`, {
          query: { name: application, lastsuccess: 'Y', envid: env },
          envelope: 'success',
          idempotent: true,
          notFoundOk: true,
        });
        if (!r) continue;
        const app = applicationOf(resultOf(r));
        const av = toApplicationVersion(app);
        if (!av) continue;
        let last: [number, StoredDeployment] | undefined;
        for (const entry of deploymentsFrom(await this.apps.attributes(app.id))) {
          if (entry[1].environment === env && entry[1].exitCode === 0 && (!last || entry[0] > last[0])) last = entry;
        }
        out.push({
          name: env,
          application: av.application,
          appVersion: av.name,
          components: av.components,
          deploymentId: last ? last[0] : 0,
          deployedAt: last ? (last[1].finishedAt ?? last[1].startedAt) : '',
          provenance: last ? last[1].provenance : ORTELIUS,
          ...(last?.[1].actor ? { actor: last[1].actor } : {}),
          ...(last?.[1].override ? { override: last[1].override } : {}),
        });
      }
    }
    return out.sort((a, b) => a.name.localeCompare(b.name) || a.application.localeCompare(b.application));
  }

  async history(filter: HistoryFilter): Promise<Deployment[]> {
    const limit = filter.limit ?? Infinity;
    const out: Deployment[] = [];
    const metaByApp = new Map<string, Promise<AppFacts>>();
    for (let id = await newestDeploymentId(this.http); id >= 1 && out.length < limit; id--) {
      const log = await this.http.get(`${API}/log/${id}`, { envelope: 'success', idempotent: true, notFoundOk: true });
      if (!log) continue;
      const appVersion = str(log.application);
      if (!metaByApp.has(appVersion)) metaByApp.set(appVersion, this.appFacts(appVersion));
      const facts = await metaByApp.get(appVersion)!;
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
          ...(meta.actor ? { actor: meta.actor } : {}),
          ...(meta.override ? { override: meta.override } : {}),
          provenance: meta.provenance,
        };
      }
      if (filter.application && d.application !== filter.application) continue;
      if (filter.environment && d.environment !== filter.environment) continue;
      const component = filter.component;
      if (component && !d.componentVersions.some((c) => componentMatches(component, c))) continue;
      out.push(d);
    }
    return out;
  }

  /** Full name, components and stored deployment facts of an application version (empty when it is gone). */
  private async appFacts(appVersion: string): Promise<AppFacts> {
    const r = await this.http.get(`${API}/application/`, {
      query: { name: appVersion },
      envelope: 'success',
      idempotent: true,
      notFoundOk: true,
    });
    if (!r) return { components: [], meta: new Map() };
    const app = applicationOf(resultOf(r));
    const av = toApplicationVersion(app);
    return { fullName: av?.name, components: av?.components ?? [], meta: deploymentsFrom(await this.apps.attributes(app.id)) };
  }

  /** Every base application on the server (`/API/export/applications`, versions left out). */
  async applications(): Promise<string[]> {
    return (await this.exported('applications')).filter((n) => !n.includes(';')).sort();
  }

  private async exported(type: 'environments' | 'applications'): Promise<string[]> {
    const r = await this.http.get(`${API}/export/${type}`, { envelope: 'status', idempotent: true });
    const list = r?.[type];
    return Array.isArray(list) ? (list as Json[]).map((o) => str(o.objname)).filter(Boolean) : [];
  }
}
