/**
 * The record of an application version on an Ortelius server (model.ts AppVersionRecord), from the attributes
 * shiplog keeps on it (shiplog-attributes.ts): decisions, moves, deployments made through shiplog, who created
 * it; the branch of each component version from its GitBranch attribute. Deployments the server ran without
 * shiplog are not in it.
 */
import type { AppVersionRecord, DeploymentRef } from '../../model.js';
import type { ApplicationFlow } from './application-flow.js';
import type { ComponentFlow } from './component-flow.js';
import { approvalsFrom, deploymentsFrom, movesFrom } from './shiplog-attributes.js';

export class RecordFlow {
  constructor(
    private readonly apps: ApplicationFlow,
    private readonly components: ComponentFlow,
  ) {}

  async record(fullName: string, opts: { branches?: boolean } = {}): Promise<AppVersionRecord | undefined> {
    const av = await this.apps.get(fullName);
    if (!av) return undefined;
    const attrs = await this.apps.attributes(await this.apps.idOf(av.name, av.id));
    const deployments: DeploymentRef[] = [...deploymentsFrom(attrs)]
      .sort((a, b) => a[0] - b[0])
      .map(([id, d]) => ({
        id,
        environment: d.environment,
        status: d.exitCode === 0 ? 'success' : 'failed',
        exitCode: d.exitCode,
        mode: d.mode,
        startedAt: d.startedAt,
        ...(d.finishedAt ? { finishedAt: d.finishedAt } : {}),
        actor: d.actor ?? { id: d.provenance?.actor ?? 'unknown', source: 'unknown' },
        ...(d.override ? { override: d.override } : {}),
      }));
    const components: AppVersionRecord['components'] = [];
    for (const name of av.components) {
      // Two calls per component version: only when a branch rule needs them.
      if (opts.branches === false) {
        components.push({ name });
        continue;
      }
      const cv = await this.components.get(name);
      const branch = cv?.provenance?.branch ?? cv?.attributes.GitBranch;
      components.push({ name, ...(branch ? { branch } : {}) });
    }
    return {
      appVersion: av,
      components,
      approvals: approvalsFrom(av.name, attrs),
      moves: movesFrom(attrs),
      deployments,
    };
  }
}
