/**
 * The records of desired state over any DocumentStore, for RecordBackend (record-backend.ts): custom state,
 * apply leases and undeployments. Documents (document-store.ts kinds):
 *
 *   custom-state          one per environment: the current value of each key (a read answers without history)
 *   custom-state-history  one per (environment, key, revision), written once, never rewritten: the history
 *   lease                 one per environment: who holds `apply` there, until when (compared and replaced inside
 *                         the engine's transaction, so two runners can never both hold it)
 *
 * An undeployment appends a deployment record (`action: "undeploy"`) and replaces the environment's current
 * state with a record saying nothing runs there (EnvironmentState.undeployed), which Backend.status() leaves out.
 */
import { ConfigError, InvalidInputError, NotFoundError } from '../../errors.js';
import type { Host } from '../../host.js';
import type { ApplicationVersion, Deployment } from '../../model.js';
import { namePartProblem } from '../../naming.js';
import { stateKeyProblem, stateValueProblem } from '../../custom-state-keys.js';
import type { CustomStatePut, CustomStateSpec, CustomStateValue, Lease, LeaseOutcome, LeaseRequest } from '../../state-model.js';
import type { DeploymentRecordSpec } from '../backend.js';
import { deploymentFromSpec, environmentStateAfter } from '../deployment-record.js';
import type { DocKind, DocReader, DocumentStore } from './document-store.js';
import { canonicalJson } from './store-entries.js';

export interface CustomStateDoc {
  environment: string;
  /** key -> its current value. */
  values: Record<string, CustomStateValue>;
}

export interface CustomStateHistoryDoc {
  /** `<environment>;<key>;<revision>` (neither an environment nor a key can hold `;`). */
  name: string;
  entry: CustomStateValue;
}

export interface LeaseDoc {
  environment: string;
  /** Absent once released. */
  lease?: Lease;
  released?: { at: string; by: string };
}

export function historyName(environment: string, key: string, revision: number): string {
  return `${environment};${key};${revision}`;
}

/** The full name a desired-state document belongs to (local-document-store.ts docName). */
export function intentDocName(kind: DocKind, value: unknown): string {
  if (kind === 'custom-state-history') return (value as CustomStateHistoryDoc).name;
  return (value as CustomStateDoc | LeaseDoc).environment;
}

function environmentProblem(environment: string): string | undefined {
  if (!environment?.trim()) return 'environment is empty';
  return namePartProblem(environment, 'environment');
}

async function stateDoc(r: DocReader, environment: string): Promise<CustomStateDoc | undefined> {
  const doc = await r.get<CustomStateDoc>('custom-state', environment);
  return doc && doc.environment === environment ? doc : undefined;
}

// ---- custom state -------------------------------------------------------------------------------------

/** The environment's current values, by key. One document read, whatever the history. */
export async function readCustomState(store: DocumentStore, environment: string): Promise<CustomStateValue[]> {
  const problem = environmentProblem(environment);
  if (problem) throw new InvalidInputError(problem);
  const doc = await store.read((r) => stateDoc(r, environment));
  return Object.values(doc?.values ?? {}).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export async function putCustomState(host: Host, store: DocumentStore, input: CustomStateSpec): Promise<CustomStatePut> {
  const problems = [environmentProblem(input.environment), stateKeyProblem(input.key ?? ''), stateValueProblem(input.value)].filter(
    (p): p is string => !!p,
  );
  if (problems.length) throw InvalidInputError.of(problems);
  const spec = host.redactor.redactValue(input);
  const { environment, key } = spec;
  return store.transact({ title: `state set: ${key} in ${environment} by ${spec.by}` }, async (tx) => {
    const doc = (await tx.get<CustomStateDoc>('custom-state', environment)) ?? { environment, values: {} };
    if (doc.environment !== environment)
      throw new ConfigError(`state store custom-state document for ${environment} belongs to another object (hash collision)`);
    const previous = Object.prototype.hasOwnProperty.call(doc.values, key) ? doc.values[key] : undefined;
    if (previous && canonicalJson(previous.value) === canonicalJson(spec.value)) return { value: previous, changed: false };
    const value: CustomStateValue = {
      environment,
      key,
      value: spec.value,
      revision: (previous?.revision ?? 0) + 1,
      setAt: spec.at,
      setBy: spec.by,
      provenance: spec.provenance,
    };
    doc.values[key] = value;
    tx.put('custom-state', environment, doc);
    const name = historyName(environment, key, value.revision);
    tx.put('custom-state-history', name, { name, entry: value } satisfies CustomStateHistoryDoc);
    return { value, changed: true, ...(previous ? { previous } : {}) };
  });
}

/** Every value (environment, key) held, newest first, at most `limit`: one read per revision, from the current one down. */
export async function customStateHistory(
  store: DocumentStore,
  environment: string,
  key: string,
  limit = Number.POSITIVE_INFINITY,
): Promise<CustomStateValue[]> {
  const problems = [environmentProblem(environment), stateKeyProblem(key)].filter((p): p is string => !!p);
  if (problems.length) throw InvalidInputError.of(problems);
  return store.read(async (r) => {
    const doc = await stateDoc(r, environment);
    const current = doc && Object.prototype.hasOwnProperty.call(doc.values, key) ? doc.values[key] : undefined;
    if (!current) return [];
    const out: CustomStateValue[] = [];
    for (let rev = current.revision; rev >= 1 && out.length < limit; rev--) {
      const name = historyName(environment, key, rev);
      const doc = await r.get<CustomStateHistoryDoc>('custom-state-history', name);
      if (!doc || doc.name !== name)
        throw new ConfigError(`state store is inconsistent: revision ${rev} of state ${key} in ${environment} is missing`);
      out.push(doc.entry);
    }
    return out;
  });
}

// ---- leases -------------------------------------------------------------------------------------------

async function leaseOf(r: DocReader, environment: string): Promise<Lease | undefined> {
  const doc = await r.get<LeaseDoc>('lease', environment);
  return doc && doc.environment === environment ? doc.lease : undefined;
}

function leaseProblems(environment: string, at: string, ttlMs?: number): string[] {
  const out = [environmentProblem(environment)];
  if (!Number.isFinite(Date.parse(at))) out.push(`lease time ${JSON.stringify(at)} is not an ISO time`);
  if (ttlMs !== undefined && !(Number.isInteger(ttlMs) && ttlMs > 0))
    out.push(`lease duration ${String(ttlMs)} is not a positive number of milliseconds`);
  return out.filter((p): p is string => !!p);
}

/** The lease held on an environment (expired or not), undefined when free. */
export async function readLease(store: DocumentStore, environment: string): Promise<Lease | undefined> {
  return store.read((r) => leaseOf(r, environment));
}

/**
 * Takes the environment's lease when it is free, expired at `at`, already this holder's, or held by
 * `replacing`; otherwise answers who holds it. Compared and written in one transaction.
 */
export async function acquireLease(host: Host, store: DocumentStore, input: LeaseRequest): Promise<LeaseOutcome> {
  const problems = leaseProblems(input.environment, input.at, input.ttlMs);
  if (!input.holder?.id) problems.push('lease holder has no id');
  if (problems.length) throw InvalidInputError.of(problems);
  const req = host.redactor.redactValue(input);
  const { environment, holder } = req;
  const now = Date.parse(req.at);
  return store.transact({ title: `lease: ${environment} taken by ${holder.label}` }, async (tx) => {
    const current = await leaseOf(tx, environment);
    const mine = current?.holder.id === holder.id;
    if (current && !mine && current.holder.id !== req.replacing && Date.parse(current.expiresAt) > now)
      return { acquired: false, lease: current };
    const lease: Lease = {
      environment,
      holder,
      acquiredAt: mine ? current!.acquiredAt : req.at,
      heartbeatAt: req.at,
      expiresAt: new Date(now + req.ttlMs).toISOString(),
    };
    tx.put('lease', environment, { environment, lease } satisfies LeaseDoc);
    return { acquired: true, lease };
  });
}

/** Extends the holder's lease; undefined when it no longer holds it (it expired and someone else took it). */
export async function renewLease(
  store: DocumentStore,
  req: { environment: string; holderId: string; ttlMs: number; at: string },
): Promise<Lease | undefined> {
  const problems = leaseProblems(req.environment, req.at, req.ttlMs);
  if (problems.length) throw InvalidInputError.of(problems);
  return store.transact({ title: `lease: ${req.environment} renewed` }, async (tx) => {
    const current = await leaseOf(tx, req.environment);
    if (current?.holder.id !== req.holderId) return undefined;
    const lease: Lease = { ...current, heartbeatAt: req.at, expiresAt: new Date(Date.parse(req.at) + req.ttlMs).toISOString() };
    tx.put('lease', req.environment, { environment: req.environment, lease } satisfies LeaseDoc);
    return lease;
  });
}

/** Gives the lease up; false when this holder did not hold it (nothing written). */
export async function releaseLease(store: DocumentStore, req: { environment: string; holderId: string; at: string }): Promise<boolean> {
  const problems = leaseProblems(req.environment, req.at);
  if (problems.length) throw InvalidInputError.of(problems);
  return store.transact({ title: `lease: ${req.environment} released` }, async (tx) => {
    const current = await leaseOf(tx, req.environment);
    if (current?.holder.id !== req.holderId) return false;
    tx.put('lease', req.environment, {
      environment: req.environment,
      released: { at: req.at, by: current.holder.label },
    } satisfies LeaseDoc);
    return true;
  });
}

// ---- undeployment -------------------------------------------------------------------------------------

/**
 * Records an undeployment of spec.appVersion from spec.environment (a deployment record with action
 * `undeploy`); on exit code 0 the environment's current state of the application becomes "nothing runs here".
 */
export async function recordUndeployment(host: Host, store: DocumentStore, input: DeploymentRecordSpec): Promise<Deployment> {
  const spec = host.redactor.redactValue(input);
  const problems = [
    environmentProblem(spec.environment),
    Number.isInteger(spec.exitCode) ? undefined : `exit code ${String(spec.exitCode)} is not an integer`,
  ];
  const found = problems.filter((p): p is string => !!p);
  if (found.length) throw InvalidInputError.of(found);
  const name = spec.appVersion.name;
  const outcome = spec.exitCode === 0 ? 'succeeded' : `failed (exit ${spec.exitCode})`;
  return store.transact({ title: `undeploy: ${name} from ${spec.environment} ${outcome}` }, async (tx) => {
    const doc = await tx.get<{ value: ApplicationVersion }>('application-version', name);
    if (!doc || doc.value.name !== name) throw new NotFoundError(`application version ${name} does not exist`);
    const av = doc.value;
    const deployment: Deployment = {
      ...deploymentFromSpec(spec, { id: tx.next.deployment++, appVersion: av, log: spec.log }),
      action: 'undeploy',
    };
    tx.appendDeployment(deployment);
    if (deployment.status === 'success') {
      tx.putEnvState({ ...environmentStateAfter(deployment, av, spec), undeployed: true });
    }
    return deployment;
  });
}
