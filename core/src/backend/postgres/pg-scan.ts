/**
 * Every record of the store for `store copy` and `store check`, from one snapshot (the caller's REPEATABLE READ
 * transaction), PAGE rows at a time by key, so memory does not grow with the history: documents (by kind, name),
 * current states (by environment, application), then deployments oldest first.
 */
import type { Deployment, EnvironmentState } from '../../model.js';
import type { DocKind, StoreEntry } from '../records/document-store.js';
import type { PgSession, SqlParam, StoreSql } from './pg-sql.js';

export const PAGE = 500;

export async function* scanSnapshot(t: PgSession, q: StoreSql): AsyncGenerator<StoreEntry> {
  let after: SqlParam[] = ['', ''];
  for (;;) {
    const rows = await t.unsafe(q.scanDocuments, [...after, PAGE]);
    for (const r of rows) yield { type: 'doc', kind: r.kind as DocKind, name: String(r.name), value: r.value };
    if (rows.length < PAGE) break;
    after = [String(rows[rows.length - 1].kind), String(rows[rows.length - 1].name)];
  }
  after = ['', ''];
  for (;;) {
    const rows = await t.unsafe(q.scanStates, [...after, PAGE]);
    for (const r of rows) yield { type: 'env-state', value: r.value as EnvironmentState };
    if (rows.length < PAGE) break;
    after = [String(rows[rows.length - 1].environment), String(rows[rows.length - 1].application)];
  }
  let lastId = 0;
  for (;;) {
    const rows = await t.unsafe(q.scanDeployments, [lastId, PAGE]);
    for (const r of rows) yield { type: 'deployment', value: r.value as Deployment };
    if (rows.length < PAGE) break;
    lastId = Number(rows[rows.length - 1].id);
  }
}
