/**
 * Read-only questions answered from what the dmadminweb API offers (docs/ortelius.md, "Queries"):
 * - status: per (environment, application) `GET /API/application/?name=<app>&lastsuccess=Y&envid=<env>`;
 *   environments and applications come from the filter or from `/API/export/environments|applications`.
 *   The server tells which version ran last successfully, not the deployment id or its time (0 and '').
 * - history: the API has no deployment listing: a UsageError says so.
 * - approvals: the API cannot list them: always [].
 */
import type { HistoryFilter } from '../backend.js';
import type { Deployment, EnvironmentState } from '../../model.js';
import { UsageError } from '../../errors.js';
import type { OrteliusHttp } from './http-client.js';
import type { ApplicationFlow } from './application-flow.js';
import { API, type Json, str, toApplicationVersion, applicationOf, resultOf } from './server-json.js';

export class QueryFlow {
  constructor(
    private readonly http: OrteliusHttp,
    private readonly apps: ApplicationFlow,
  ) {}

  async status(filter: { environment?: string; application?: string } = {}): Promise<EnvironmentState[]> {
    const envs = filter.environment ? [filter.environment] : await this.exported('environments');
    const applications = filter.application
      ? [filter.application]
      : (await this.exported('applications')).filter((n) => !n.includes(';'));
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
        const av = toApplicationVersion(applicationOf(resultOf(r)));
        if (!av) continue;
        out.push({
          name: env,
          application: av.application,
          appVersion: av.name,
          components: av.components,
          deploymentId: 0,
          deployedAt: '',
          provenance: { provider: 'ortelius', isCi: false },
        });
      }
    }
    void this.apps;
    return out;
  }

  async history(_filter: HistoryFilter): Promise<Deployment[]> {
    throw new UsageError('the Ortelius API has no deployment listing, so `history` cannot be answered from the ortelius backend', {
      hint: 'look at the deployments in the Ortelius UI, or use the local backend',
    });
  }

  private async exported(type: 'environments' | 'applications'): Promise<string[]> {
    const r = await this.http.get(`${API}/export/${type}`, { envelope: 'status', idempotent: true });
    const list = r?.[type];
    return Array.isArray(list) ? (list as Json[]).map((o) => str(o.objname)).filter(Boolean) : [];
  }
}
