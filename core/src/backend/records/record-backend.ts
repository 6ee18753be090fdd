/**
 * RecordBackend: the Backend interface once, over any DocumentStore (document-store.ts): the local directory
 * store, the git store and the PostgreSQL store share every rule here (naming, reuse, lineage, the release
 * policy's backstop in release-writes.ts, current state); the engines only keep the documents.
 */
import type {
  ApplicationVersionSpec,
  Backend,
  ComponentVersionSpec,
  DeploymentRecordSpec,
  GateCheck,
  HistoryFilter,
  MoveSpec,
} from '../backend.js';
import { ConfigError, InvalidInputError, NotFoundError } from '../../errors.js';
import type { Host } from '../../host.js';
import type {
  AppVersionRecord,
  Approval,
  ApplicationVersion,
  ComponentVersion,
  Deployment,
  EnvironmentState,
  Override,
  Put,
} from '../../model.js';
import { bumpVersion, componentBaseName, componentVersionName, namePartProblem, splitDomain } from '../../naming.js';
import { addToCatalog, avDoc, cvDoc, legacyApproval, listApplications } from './app-version-records.js';
import { nextFreeVersion, swapComponent } from './component-swap.js';
import type { DocReader, DocumentStore } from './document-store.js';
import type { ApplicationDoc, ApplicationVersionDoc, ComponentBaseDoc, ComponentVersionDoc } from './documents.js';
import { ReleaseWrites } from './release-writes.js';
import * as intent from './intent-records.js';
import type { CustomStatePut, CustomStateSpec, CustomStateValue, Lease, LeaseOutcome, LeaseRequest } from '../../state-model.js';

export { operationKey } from './release-writes.js';

type Reader = DocReader;

export class RecordBackend implements Backend {
  readonly kind: DocumentStore['kind'];
  readonly location: string;

  private readonly writes: ReleaseWrites;

  constructor(
    private readonly host: Host,
    readonly store: DocumentStore,
  ) {
    this.kind = store.kind;
    this.location = store.location;
    this.writes = new ReleaseWrites(store);
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
        ...(spec.actor ? { actor: spec.actor } : {}),
      };
      baseDoc.versions.push(name);
      const doc: ComponentVersionDoc = {
        value,
        ...(spec.files ? { files: spec.files } : {}),
        ...(spec.sboms ? { sboms: spec.sboms } : {}),
      };
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
      const storeWasEmpty = tx.next.applicationVersion === 1;
      if (!(await cvDoc(tx, cvName))) throw new NotFoundError(`component version ${cvName} does not exist`);
      const existingApp = await tx.get<ApplicationDoc>('application', app);
      const appDoc = existingApp ?? { application: app, versions: [] };
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
        ...(spec.actor ? { actor: spec.actor } : {}),
      };
      appDoc.versions.push(value.name);
      const doc: ApplicationVersionDoc = { value, approvals: [], moves: [], deployments: [] };
      tx.put('application-version', value.name, doc);
      tx.put('application', app, appDoc);
      if (!existingApp) await addToCatalog(tx, app, storeWasEmpty);
      return { value, created: true };
    });
  }

  // ---- approvals, moves, deployments (release-writes.ts) --------------------------------------------

  async recordApproval(input: Approval, gate?: Pick<GateCheck, 'pipeline'>): Promise<Approval> {
    const approval = this.host.redactor.redactValue(input);
    if (!approval.stage?.trim()) throw new InvalidInputError('approval stage is empty');
    return this.writes.approve(approval, gate);
  }

  async listApprovals(appVersion: string): Promise<Approval[]> {
    return this.store.read(async (r) => ((await avDoc(r, appVersion))?.approvals ?? []).map(legacyApproval));
  }

  async applicationVersionRecord(fullName: string): Promise<AppVersionRecord | undefined> {
    return this.writes.record(fullName);
  }

  async listApplications(): Promise<string[]> {
    return listApplications(this.store);
  }

  async moveApplicationVersion(input: MoveSpec): Promise<{ from: string; to: string; notes?: string; override?: Override }> {
    return this.writes.move(this.host.redactor.redactValue(input));
  }

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
    return this.writes.deploy(spec);
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

async function mustCv(r: Reader, name: string): Promise<ComponentVersionDoc> {
  const doc = await cvDoc(r, name);
  if (!doc) throw new ConfigError(`state store is inconsistent: component version ${name} is listed but missing`);
  return doc;
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
