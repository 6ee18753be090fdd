/**
 * One attempt of a postgres store transaction: the DocTx that RecordBackend's fn works against. Reads go to the
 * database inside the transaction (after the counters row lock, so they see every earlier writer's commit) unless
 * this attempt staged the document; writes are staged in memory and flushed at the end in one statement: documents
 * and current states upserted, deployments and their component keys appended, the counters updated and the
 * operation id recorded, all in the same transaction.
 */
import type { Deployment, EnvironmentState } from '../../model.js';
import type { Counters, DocKind, DocTx } from '../records/document-store.js';
import type { PgSession, StoreSql } from './pg-sql.js';

export class PgTransaction implements DocTx {
  readonly next: Counters;
  private readonly docs = new Map<string, { kind: DocKind; name: string; value: unknown }>();
  private readonly states = new Map<string, EnvironmentState>();
  private readonly deployments: Deployment[] = [];

  constructor(
    private readonly t: PgSession,
    private readonly q: StoreSql,
    private readonly start: Counters,
  ) {
    this.next = { ...start };
  }

  async get<T>(kind: DocKind, name: string): Promise<T | undefined> {
    const staged = this.docs.get(docKey(kind, name));
    if (staged) return structuredClone(staged.value) as T;
    const rows = await this.t.unsafe(this.q.getDocument, [kind, name], { prepare: true });
    return rows.length ? (rows[0].value as T) : undefined;
  }

  put(kind: DocKind, name: string, value: unknown): void {
    this.docs.set(docKey(kind, name), { kind, name, value: structuredClone(value) });
  }

  putEnvState(state: EnvironmentState): void {
    this.states.set(JSON.stringify([state.name, state.application]), structuredClone(state));
  }

  appendDeployment(d: Deployment): void {
    this.deployments.push(structuredClone(d));
    if (this.next.deployment <= d.id) this.next.deployment = d.id + 1;
  }

  /** Nothing staged and no id taken: the attempt commits nothing. */
  get empty(): boolean {
    return this.docs.size === 0 && this.states.size === 0 && this.deployments.length === 0 && sameCounters(this.next, this.start);
  }

  /** Writes everything staged, the counters and the operation row: one statement on the transaction's session. */
  async flush(op: { id: string; attempt: number; title: string }): Promise<void> {
    const states = [...this.states.values()].map((s) => ({
      environment: s.name,
      application: s.application,
      deployment_id: s.deploymentId,
      value: s,
    }));
    const deployments = this.deployments.map((d) => ({ id: d.id, application: d.application, environment: d.environment, value: d }));
    const keys = this.deployments.flatMap((d) =>
      [...componentKeys(d.componentVersions)].map((component) => ({ component, deployment_id: d.id })),
    );
    await this.t.unsafe(this.q.flush, [
      jsonParam([...this.docs.values()]),
      jsonParam(states),
      jsonParam(deployments),
      jsonParam(keys),
      this.next.componentVersion,
      this.next.applicationVersion,
      this.next.deployment,
      op.id,
      op.attempt,
      op.title,
    ]);
  }
}

function docKey(kind: string, name: string): string {
  return `${kind}\u0000${name}`;
}

function sameCounters(a: Counters, b: Counters): boolean {
  return a.componentVersion === b.componentVersion && a.applicationVersion === b.applicationVersion && a.deployment === b.deployment;
}

/**
 * The keys under which a deployment is found by `history --component` (naming.ts componentMatches: the filter
 * equals the component version's name or is a prefix of it ending before a `;`): every `;`-prefix and the name.
 */
export function componentKeys(componentVersions: string[]): Set<string> {
  const keys = new Set<string>();
  for (const cv of componentVersions) {
    for (let i = cv.indexOf(';'); i >= 0; i = cv.indexOf(';', i + 1)) keys.add(cv.slice(0, i));
    keys.add(cv);
  }
  return keys;
}

/**
 * JSON text for a jsonb parameter. PostgreSQL's jsonb cannot hold U+0000: an escaped NUL (an odd run of
 * backslashes before `u0000`) becomes U+FFFD, the replacement character (docs/store-postgres.md "Limits").
 */
export function jsonParam(value: unknown): string {
  return JSON.stringify(value).replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd');
}
