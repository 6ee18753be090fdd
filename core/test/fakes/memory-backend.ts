/**
 * An in-memory Backend for tests of the operations and queries: implements the interface's documented
 * semantics (backend/backend.ts) over plain maps, with no persistence. Plus `memoryContext`, an
 * OperationContext around it with a fixed pipeline config and a memory Host.
 */
import type {
  ApplicationVersionSpec,
  Backend,
  ComponentVersionSpec,
  DeploymentRecordSpec,
  HistoryFilter,
  MoveSpec,
} from '../../src/backend/backend.js';
import { ApprovalRejectedError, ApprovalRequiredError, InvalidInputError, NotFoundError, NotSupportedError } from '../../src/errors.js';
import { createMemoryHost } from '../../src/host.js';
import { deploymentFromSpec } from '../../src/backend/deployment-record.js';
import type {
  AppVersionRecord,
  ApplicationVersion,
  Approval,
  CiContext,
  ComponentVersion,
  Deployment,
  EnvironmentState,
  PipelineConfig,
  Put,
} from '../../src/model.js';
import { bumpVersion, componentBaseName, componentVersionName } from '../../src/naming.js';
import type { OperationContext } from '../../src/operations/context.js';

export class MemoryBackend implements Backend {
  readonly kind = 'local' as const;
  readonly location = 'memory';
  private readonly components = new Map<string, ComponentVersion>();
  private readonly apps = new Map<string, ApplicationVersion>();
  private readonly approvals: Approval[] = [];
  private readonly deployments: Deployment[] = [];
  private readonly current = new Map<string, EnvironmentState>();
  private nextId = 1;
  /** Calls of history(), so tests can check that status-like reads do not scan history. */
  historyCalls = 0;

  async getComponentVersion(fullName: string): Promise<ComponentVersion | undefined> {
    return clone(this.components.get(fullName));
  }

  async listComponentVersions(base: string): Promise<ComponentVersion[]> {
    return [...this.components.values()].filter((c) => c.base === base).map((c) => clone(c)!);
  }

  async putComponentVersion(spec: ComponentVersionSpec): Promise<Put<ComponentVersion>> {
    const name = componentVersionName(spec);
    const existing = this.components.get(name);
    if (existing) {
      const merged = { ...existing.attributes, ...spec.attributes };
      const updated = JSON.stringify(merged) !== JSON.stringify(existing.attributes);
      existing.attributes = merged;
      return { value: clone(existing)!, created: false, ...(updated ? { updated } : {}) };
    }
    const base = componentBaseName(spec);
    const siblings = [...this.components.values()].filter((c) => c.base === base);
    const cv: ComponentVersion = {
      id: `cv:${this.nextId++}`,
      name,
      base,
      domain: spec.domain,
      short: spec.short,
      ...(spec.variant ? { variant: spec.variant } : {}),
      version: spec.version,
      kind: spec.kind,
      attributes: { ...spec.attributes },
      ...(siblings.length > 0 ? { predecessor: siblings[siblings.length - 1].name } : {}),
      createdAt: spec.at,
      provenance: { ...spec.provenance },
    };
    this.components.set(name, cv);
    return { value: clone(cv)!, created: true };
  }

  async getApplicationVersion(fullName: string): Promise<ApplicationVersion | undefined> {
    return clone(this.apps.get(fullName));
  }

  async listApplicationVersions(application: string): Promise<ApplicationVersion[]> {
    return [...this.apps.values()].filter((a) => a.application === application).map((a) => clone(a)!);
  }

  async putApplicationVersion(spec: ApplicationVersionSpec): Promise<Put<ApplicationVersion>> {
    const versions = [...this.apps.values()].filter((a) => a.application === spec.application);
    const latest = versions[versions.length - 1];
    const comp = spec.component.name;
    if (latest && latest.components.includes(comp)) return { value: clone(latest)!, created: false };
    let target = spec.version ?? (latest ? bumpVersion(latest.version) : '1');
    const nameOf = (v: string) => `${spec.application};${v}`;
    const existing = this.apps.get(nameOf(target));
    if (existing && !spec.autoIncrement) {
      existing.components = swapIn(existing.components, comp, spec.component.base);
      return { value: clone(existing)!, created: false, updated: true };
    }
    while (this.apps.has(nameOf(target))) target = bumpVersion(target);
    const av: ApplicationVersion = {
      id: `av:${this.nextId++}`,
      name: nameOf(target),
      application: spec.application,
      version: target,
      components: swapIn(latest ? [...latest.components] : [], comp, spec.component.base),
      ...(latest ? { predecessor: latest.name } : {}),
      stage: spec.initialStage,
      createdAt: spec.at,
      provenance: { ...spec.provenance },
    };
    this.apps.set(av.name, av);
    return { value: clone(av)!, created: true };
  }

  async recordApproval(approval: Approval): Promise<Approval> {
    if (!this.apps.has(approval.appVersion)) throw new NotFoundError(`application version "${approval.appVersion}" not found`);
    this.approvals.push(clone(approval)!);
    return clone(approval)!;
  }

  async listApprovals(appVersion: string): Promise<Approval[]> {
    return this.approvals.filter((a) => a.appVersion === appVersion).map((a) => clone(a)!);
  }

  async applicationVersionRecord(fullName: string): Promise<AppVersionRecord | undefined> {
    const av = this.apps.get(fullName);
    if (!av) return undefined;
    return {
      appVersion: clone(av)!,
      components: av.components.map((name) => ({ name })),
      approvals: await this.listApprovals(fullName),
      moves: [],
      deployments: this.deployments
        .filter((d) => d.appVersion === fullName)
        .map((d) => ({
          id: d.id,
          environment: d.environment,
          status: d.status,
          exitCode: d.exitCode,
          mode: d.mode,
          startedAt: d.startedAt,
          ...(d.finishedAt ? { finishedAt: d.finishedAt } : {}),
        })),
    };
  }

  async listApplications(): Promise<string[]> {
    return [...new Set([...this.apps.values()].map((a) => a.application))].sort();
  }

  async moveApplicationVersion(spec: MoveSpec): Promise<{ from: string; to: string }> {
    const av = this.apps.get(spec.appVersion.name);
    if (!av) throw new NotFoundError(`application version "${spec.appVersion.name}" not found`);
    if (av.stage !== undefined && av.stage !== spec.from.name && av.stage !== spec.from.domain) {
      throw new InvalidInputError(`${av.name} is in stage ${av.stage}, not in ${spec.from.name}`);
    }
    if (spec.requiresApproval) {
      const decisions = this.approvals.filter((a) => a.appVersion === av.name && (a.stage === spec.to.name || a.stage === spec.to.domain));
      const last = decisions[decisions.length - 1];
      if (!last) throw new ApprovalRequiredError(`${av.name} needs an approval for ${spec.to.name}`);
      if (!last.approved) throw new ApprovalRejectedError(`${av.name} was rejected for ${spec.to.name}`);
    }
    av.stage = spec.to.name;
    return { from: spec.from.name, to: spec.to.name };
  }

  async recordDeployment(spec: DeploymentRecordSpec): Promise<Deployment> {
    const d = deploymentFromSpec(spec, { id: this.deployments.length + 1 });
    this.deployments.push(d);
    if (d.exitCode === 0) {
      this.current.set(`${d.environment}\u0000${d.application}`, {
        name: d.environment,
        application: d.application,
        appVersion: d.appVersion,
        components: [...d.componentVersions],
        deploymentId: d.id,
        deployedAt: d.finishedAt ?? d.startedAt,
        provenance: { ...d.provenance },
      });
    }
    return clone(d)!;
  }

  async status(filter: { environment?: string; application?: string } = {}): Promise<EnvironmentState[]> {
    return [...this.current.values()]
      .filter((s) => filter.environment === undefined || s.name === filter.environment)
      .filter((s) => filter.application === undefined || s.application === filter.application)
      .sort((a, b) =>
        a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.application < b.application ? -1 : a.application > b.application ? 1 : 0,
      )
      .map((s) => clone(s)!);
  }

  async history(filter: HistoryFilter): Promise<Deployment[]> {
    this.historyCalls++;
    const c = filter.component;
    const hits = this.deployments
      .filter((d) => filter.application === undefined || d.application === filter.application)
      .filter((d) => filter.environment === undefined || d.environment === filter.environment)
      .filter((d) => c === undefined || d.componentVersions.some((cv) => cv === c || cv.startsWith(`${c};`)))
      .reverse();
    return (filter.limit === undefined ? hits : hits.slice(0, filter.limit)).map((d) => clone(d)!);
  }

  // Desired state is not modelled here (the record stores' suite covers it): reads answer empty, writes refuse.
  getCustomState = async () => [];
  customStateHistory = async () => [];
  getLease = async () => undefined;
  setCustomState = notModelled;
  acquireLease = notModelled;
  renewLease = notModelled;
  releaseLease = notModelled;
  recordUndeployment = notModelled;

  async close(): Promise<void> {}
}

async function notModelled(): Promise<never> {
  throw new NotSupportedError('the memory backend does not keep custom state, leases or undeployments');
}

/** The component versions with `comp` swapped in for the one sharing its base, or appended. */
function swapIn(components: string[], comp: string, base: string): string[] {
  const i = components.findIndex((c) => c.startsWith(`${base};`) && c.lastIndexOf(';') === base.length);
  if (i < 0) return [...components, comp];
  const out = [...components];
  out[i] = comp;
  return out;
}

function clone<T>(v: T): T {
  return v === undefined ? v : (structuredClone(v) as T);
}

/** dev -> qa -> prod, prod gated: the documented default pipeline. */
export const DEFAULT_PIPELINE: PipelineConfig = {
  stages: [
    { name: 'dev', domain: 'dev', requiresApproval: false, task: 'Move to dev', environments: ['dev'] },
    { name: 'qa', domain: 'qa', requiresApproval: false, task: 'Move to qa', environments: ['qa'] },
    { name: 'prod', domain: 'prod', requiresApproval: true, task: 'Move to prod', environments: ['prod'] },
  ],
  environments: { dev: 'dev', qa: 'qa', prod: 'prod' },
};

export const LOCAL_CI: CiContext = { provider: 'local', isCi: false };

/** An OperationContext over `backend` with a memory Host (read output with host.out()/host.err()). */
export function memoryContext(backend: Backend, pipeline: PipelineConfig = DEFAULT_PIPELINE) {
  const host = createMemoryHost({ now: () => new Date('2026-11-22T08:00:00Z') });
  const ctx: OperationContext = {
    host,
    backend: async () => backend,
    pipeline: async () => pipeline,
    ci: () => LOCAL_CI,
    actor: async () => ({ id: 'tester', source: 'os' }),
    dryRun: false,
  };
  return { ctx, host };
}
