/**
 * RecordBackend: the Backend interface once, over any DocumentStore (document-store.ts): the local directory
 * store, the git store and the PostgreSQL store share every rule here (naming, reuse, lineage, the approval
 * backstop, current state); the engines only keep the documents.
 */
import type {
  ApplicationVersionSpec,
  Backend,
  ComponentVersionSpec,
  DeploymentRecordSpec,
  HistoryFilter,
  MoveSpec,
} from '../backend.js';
import { ApprovalRejectedError, ApprovalRequiredError, ConfigError, InvalidInputError, NotFoundError } from '../../errors.js';
import type { Host } from '../../host.js';
import { deploymentFromSpec } from '../deployment-record.js';
import { createHash } from 'node:crypto';
import type { Approval, ApplicationVersion, CiContext, ComponentVersion, Deployment, EnvironmentState, Put } from '../../model.js';
import { bumpVersion, componentBaseName, componentVersionName, namePartProblem, splitDomain } from '../../naming.js';
import { nextFreeVersion, swapComponent } from './component-swap.js';
import type { DocReader, DocumentStore } from './document-store.js';
import type { ApplicationDoc, ApplicationVersionDoc, ComponentBaseDoc, ComponentVersionDoc } from './documents.js';
import * as intent from './intent-records.js';
import type { CustomStatePut, CustomStateSpec, CustomStateValue, Lease, LeaseOutcome, LeaseRequest } from '../../state-model.js';

type Reader = DocReader;

export class RecordBackend implements Backend {
  readonly kind: DocumentStore['kind'];
  readonly location: string;

  constructor(
    private readonly host: Host,
    readonly store: DocumentStore,
  ) {
    this.kind = store.kind;
    this.location = store.location;
  }

  // ---- components -------------------------------------------------------------------------------------

  async getComponentVersion(fullName: string): Promise<ComponentVersion | undefined> {
    return this.store.read(async (r) => (await cvDoc(r, fullName))?.value);
  }

  async listComponentVersions(base: string): Promise<ComponentVersion[]> {
    return this.store.read(async (r) => {
      const doc = await r.get<ComponentBaseDoc>('component-base', base);
      if (!doc || doc.base !== base) return [];
      const out: ComponentVersion[] = [];
      for (const name of doc.versions) out.push((await mustCv(r, name)).value);
      return out;
    });
  }

  async putComponentVersion(input: ComponentVersionSpec): Promise<Put<ComponentVersion>> {
    const spec = this.host.redactor.redactValue(input);
    const problems: string[] = [];
    for (const k of ['domain', 'short', 'version'] as const) if (!spec[k]?.trim()) problems.push(`component ${k} is empty`);
    for (const k of ['domain', 'short', 'variant', 'version'] as const) {
      const problem = spec[k] === undefined ? undefined : namePartProblem(spec[k], `component ${k}`);
      if (problem) problems.push(problem);
    }
    if (spec.kind !== 'docker' && spec.kind !== 'file') problems.push(`component kind "${String(spec.kind)}" is not docker or file`);
    if (problems.length) throw InvalidInputError.of(problems);
    const parts = { domain: spec.domain, short: spec.short, variant: spec.variant || undefined, version: spec.version };
    const base = componentBaseName(parts);
    const name = componentVersionName(parts);
    return this.store.transact({ title: `version-update: component version ${name}` }, async (tx) => {
      const existing = await cvDoc(tx, name);
      if (existing) {
        const attributes = { ...existing.value.attributes, ...spec.attributes };
        let changed = !sameJson(attributes, existing.value.attributes);
        existing.value.attributes = attributes;
        if (spec.files && !sameJson(spec.files, existing.files)) {
          existing.files = spec.files;
          changed = true;
        }
        if (spec.sboms && !sameJson(spec.sboms, existing.sboms)) {
          existing.sboms = spec.sboms;
          changed = true;
        }
        if (changed) tx.put('component-version', name, existing);
        return { value: existing.value, created: false, ...(changed ? { updated: true } : {}) };
      }
      const baseDoc = (await tx.get<ComponentBaseDoc>('component-base', base)) ?? {
        base,
        domain: parts.domain,
        short: parts.short,
        ...(parts.variant ? { variant: parts.variant } : {}),
        versions: [],
      };
      if (baseDoc.base !== base) throw collision('component-base', base);
      const value: ComponentVersion = {
        id: `cv:${tx.next.componentVersion++}`,
        name,
        base,
        domain: parts.domain,
        short: parts.short,
        ...(parts.variant ? { variant: parts.variant } : {}),
        version: parts.version,
        kind: spec.kind,
        attributes: { ...spec.attributes },
        ...(baseDoc.versions.length ? { predecessor: baseDoc.versions[baseDoc.versions.length - 1] } : {}),
        createdAt: spec.at,
        provenance: spec.provenance,
      };
      baseDoc.versions.push(name);
      const doc: ComponentVersionDoc = { value, ...(spec.files ? { files: spec.files } : {}), ...(spec.sboms ? { sboms: spec.sboms } : {}) };
      tx.put('component-version', name, doc);
      tx.put('component-base', base, baseDoc);
      return { value, created: true };
    });
  }

  // ---- applications -----------------------------------------------------------------------------------

  async getApplicationVersion(fullName: string): Promise<ApplicationVersion | undefined> {
    return this.store.read(async (r) => (await avDoc(r, fullName))?.value);
  }

  async listApplicationVersions(application: string): Promise<ApplicationVersion[]> {
    return this.store.read(async (r) => {
      const doc = await r.get<ApplicationDoc>('application', application);
      if (!doc || doc.application !== application) return [];
      const out: ApplicationVersion[] = [];
      for (const name of doc.versions) out.push((await mustAv(r, name)).value);
      return out;
    });
  }

  async putApplicationVersion(input: ApplicationVersionSpec): Promise<Put<ApplicationVersion>> {
    const spec = this.host.redactor.redactValue(input);
    splitDomain(spec.application ?? '', 'application');
    if (spec.application.includes(';')) throw new InvalidInputError(`application "${spec.application}" must be a base name without ";"`);
    if (spec.version !== undefined && !spec.version.trim()) throw new InvalidInputError('application version is empty');
    const badVersion = spec.version === undefined ? undefined : namePartProblem(spec.version, 'application version');
    if (badVersion) throw new InvalidInputError(badVersion);
    const cvName = spec.component.name;
    const app = spec.application;
    return this.store.transact({ title: `version-update: application ${app} with ${cvName}` }, async (tx) => {
      if (!(await cvDoc(tx, cvName))) throw new NotFoundError(`component version ${cvName} does not exist`);
      const appDoc = (await tx.get<ApplicationDoc>('application', app)) ?? { application: app, versions: [] };
      if (appDoc.application !== app) throw collision('application', app);
      const latestName = appDoc.versions[appDoc.versions.length - 1];
      const latest = latestName ? (await mustAv(tx, latestName)).value : undefined;
      // Rule 1: the latest already holds this exact component version.
      if (latest && latest.components.includes(cvName)) return { value: latest, created: false };
      // Rule 2.
      let version = spec.version ?? (latest ? bumpVersion(latest.version) : '1');
      const taken = new Set(appDoc.versions);
      if (taken.has(`${app};${version}`)) {
        if (!spec.autoIncrement) {
          // Rule 3, reuse: swap the component into the existing version.
          const doc = await mustAv(tx, `${app};${version}`);
          const swapped = swapComponent(doc.value.components, cvName);
          if (!swapped.changed) return { value: doc.value, created: false };
          doc.value.components = swapped.components;
          tx.put('application-version', doc.value.name, doc);
          return { value: doc.value, created: false, updated: true };
        }
        version = nextFreeVersion(app, version, taken);
      }
      // Rule 4: a copy of the latest with the component swapped in, predecessor = latest.
      const value: ApplicationVersion = {
        id: `av:${tx.next.applicationVersion++}`,
        name: `${app};${version}`,
        application: app,
        version,
        components: swapComponent(latest?.components ?? [], cvName).components,
        ...(latest ? { predecessor: latest.name } : {}),
        stage: spec.initialStage,
        createdAt: spec.at,
        provenance: spec.provenance,
      };
      appDoc.versions.push(value.name);
      const doc: ApplicationVersionDoc = { value, approvals: [], moves: [] };
      tx.put('application-version', value.name, doc);
      tx.put('application', app, appDoc);
      return { value, created: true };
    });
  }

  // ---- approvals and moves ----------------------------------------------------------------------------

  async recordApproval(input: Approval): Promise<Approval> {
    const approval = this.host.redactor.redactValue(input);
    if (!approval.stage?.trim()) throw new InvalidInputError('approval stage is empty');
    const verb = approval.approved ? 'approve' : 'reject';
    const key = operationKey('approve', approval.provenance, [approval.appVersion, approval.stage, approval.approved, approval.by, approval.notes ?? '']);
    return this.store.transact({ title: `${verb}: ${approval.appVersion} for ${approval.stage} by ${approval.by}`, key }, async (tx) => {
      const doc = await avDoc(tx, approval.appVersion);
      if (!doc) throw new NotFoundError(`application version ${approval.appVersion} does not exist`);
      doc.approvals.push(approval);
      tx.put('application-version', approval.appVersion, doc);
      return approval;
    });
  }

  async listApprovals(appVersion: string): Promise<Approval[]> {
    return this.store.read(async (r) => (await avDoc(r, appVersion))?.approvals ?? []);
  }

  async moveApplicationVersion(input: MoveSpec): Promise<{ from: string; to: string; notes?: string }> {
    const spec = this.host.redactor.redactValue(input);
    const name = spec.appVersion.name;
    const key = operationKey('move', spec.provenance, [name, spec.from.name, spec.to.name, spec.by]);
    return this.store.transact({ title: `move: ${name} from ${spec.from.name} to ${spec.to.name} by ${spec.by}`, key }, async (tx) => {
      const doc = await avDoc(tx, name);
      if (!doc) throw new NotFoundError(`application version ${name} does not exist`);
      const stage = doc.value.stage;
      if (stage !== undefined && stage !== spec.from.name && stage !== spec.from.domain) {
        throw new InvalidInputError(`application version ${name} is in stage ${stage}, not in ${spec.from.name}`);
      }
      if (spec.requiresApproval) {
        const decisions = doc.approvals.filter((a) => a.stage === spec.to.name || a.stage === spec.to.domain);
        const last = decisions[decisions.length - 1];
        if (!last) {
          throw new ApprovalRequiredError(`application version ${name} needs an approval for stage ${spec.to.name}`, {
            hint: `run: shiplog approve --application ${doc.value.application} --app-version ${doc.value.version} --stage ${spec.to.name}`,
          });
        }
        if (!last.approved) {
          throw new ApprovalRejectedError(`application version ${name} was rejected for stage ${spec.to.name} by ${last.by} at ${last.at}`);
        }
      }
      doc.value.stage = spec.to.name;
      const notes = spec.notes ? { notes: spec.notes } : {};
      doc.moves.push({ from: spec.from.name, to: spec.to.name, task: spec.task, by: spec.by, at: spec.at, ...notes, provenance: spec.provenance });
      tx.put('application-version', name, doc);
      return { from: spec.from.name, to: spec.to.name, ...notes };
    });
  }

  // ---- deployments ------------------------------------------------------------------------------------

  async recordDeployment(input: DeploymentRecordSpec): Promise<Deployment> {
    const spec = this.host.redactor.redactValue(input);
    const problems: string[] = [];
    if (!spec.environment?.trim()) problems.push('environment is empty');
    else {
      const problem = namePartProblem(spec.environment, 'environment');
      if (problem) problems.push(problem);
    }
    if (!Number.isInteger(spec.exitCode)) problems.push(`exit code ${String(spec.exitCode)} is not an integer`);
    if (problems.length) throw InvalidInputError.of(problems);
    const outcome = spec.exitCode === 0 ? 'succeeded' : `failed (exit ${spec.exitCode})`;
    const key = operationKey('deploy', spec.provenance, [spec.appVersion.name, spec.environment, spec.exitCode, spec.mode]);
    return this.store.transact({ title: `deploy: ${spec.appVersion.name} to ${spec.environment} ${outcome}`, key }, async (tx) => {
      const doc = await avDoc(tx, spec.appVersion.name);
      if (!doc) throw new NotFoundError(`application version ${spec.appVersion.name} does not exist`);
      const av = doc.value;
      const deployment = deploymentFromSpec(spec, { id: tx.next.deployment++, appVersion: av, log: spec.log });
      tx.appendDeployment(deployment);
      if (deployment.status === 'success') {
        const state: EnvironmentState = {
          name: spec.environment,
          application: av.application,
          appVersion: av.name,
          components: [...av.components],
          deploymentId: deployment.id,
          deployedAt: spec.finishedAt,
          provenance: spec.provenance,
          ...(spec.stateRevisions ? { stateRevisions: { ...spec.stateRevisions } } : {}),
        };
        tx.putEnvState(state);
      }
      return deployment;
    });
  }

  // ---- queries ----------------------------------------------------------------------------------------

  async status(filter: { environment?: string; application?: string } = {}): Promise<EnvironmentState[]> {
    // An undeployment's record says that nothing runs there (intent-records.ts).
    return (await this.store.status(filter)).filter((s) => !s.undeployed);
  }

  async history(filter: HistoryFilter): Promise<Deployment[]> {
    if (filter.limit !== undefined && (!Number.isInteger(filter.limit) || filter.limit < 0)) {
      throw new InvalidInputError(`history limit ${String(filter.limit)} is not a non-negative integer`);
    }
    return this.store.history(filter);
  }

  // ---- desired state: custom state, apply leases, undeployments (intent-records.ts) --------------------

  getCustomState(environment: string): Promise<CustomStateValue[]> {
    return intent.readCustomState(this.store, environment);
  }

  setCustomState(spec: CustomStateSpec): Promise<CustomStatePut> {
    return intent.putCustomState(this.host, this.store, spec);
  }

  customStateHistory(environment: string, key: string, limit?: number): Promise<CustomStateValue[]> {
    return intent.customStateHistory(this.store, environment, key, limit);
  }

  getLease(environment: string): Promise<Lease | undefined> {
    return intent.readLease(this.store, environment);
  }

  acquireLease(req: LeaseRequest): Promise<LeaseOutcome> {
    return intent.acquireLease(this.host, this.store, req);
  }

  renewLease(req: { environment: string; holderId: string; ttlMs: number; at: string }): Promise<Lease | undefined> {
    return intent.renewLease(this.store, req);
  }

  releaseLease(req: { environment: string; holderId: string; at: string }): Promise<boolean> {
    return intent.releaseLease(this.store, req);
  }

  recordUndeployment(spec: DeploymentRecordSpec): Promise<Deployment> {
    return intent.recordUndeployment(this.host, this.store, spec);
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}

/**
 * The idempotency key of a deployment, approval or move made in CI (OperationSummary.key): the operation, its
 * request without timestamps, and the build and job that made it. A re-run of the same step (after a crash, or
 * a retry wrapper) carries the same key; outside CI there is no build identity and no key.
 */
export function operationKey(kind: string, provenance: CiContext | undefined, request: unknown[]): string | undefined {
  if (!provenance?.isCi || !provenance.buildId) return undefined;
  const who = [provenance.provider, provenance.repo ?? '', provenance.buildId, provenance.job ?? '', provenance.jobUrl ?? ''];
  return createHash('sha256').update(JSON.stringify([kind, ...who, ...request]), 'utf8').digest('hex').slice(0, 32);
}

async function cvDoc(r: Reader, name: string): Promise<ComponentVersionDoc | undefined> {
  const doc = await r.get<ComponentVersionDoc>('component-version', name);
  return doc && doc.value.name === name ? doc : undefined;
}

async function mustCv(r: Reader, name: string): Promise<ComponentVersionDoc> {
  const doc = await cvDoc(r, name);
  if (!doc) throw new ConfigError(`state store is inconsistent: component version ${name} is listed but missing`);
  return doc;
}

async function avDoc(r: Reader, name: string): Promise<ApplicationVersionDoc | undefined> {
  const doc = await r.get<ApplicationVersionDoc>('application-version', name);
  return doc && doc.value.name === name ? doc : undefined;
}

async function mustAv(r: Reader, name: string): Promise<ApplicationVersionDoc> {
  const doc = await avDoc(r, name);
  if (!doc) throw new ConfigError(`state store is inconsistent: application version ${name} is listed but missing`);
  return doc;
}

function collision(kind: string, name: string): ConfigError {
  return new ConfigError(`state store ${kind} document for ${name} belongs to another object (hash collision)`);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
