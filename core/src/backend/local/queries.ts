/**
 * The read-only queries of the local store. Status reads the per-(environment, application) state files:
 * its cost follows the number of entries answered, never the history. History walks the log newest first
 * and stops at the limit.
 */
import { join } from 'node:path';
import type { HistoryFilter } from '../backend.js';
import type { Deployment, EnvironmentState } from '../../model.js';
import { componentMatches } from '../../naming.js';
import { readDeploymentsNewestFirst } from './deployment-log.js';
import { ENV_DIR, envDir, envStateFile, envStatePath } from './layout.js';
import type { LocalStore } from './transaction.js';

export async function readStatus(store: LocalStore, filter: { environment?: string; application?: string }): Promise<EnvironmentState[]> {
  const files: string[] = [];
  if (filter.environment !== undefined && filter.application !== undefined) {
    files.push(envStatePath(filter.environment, filter.application));
  } else {
    const dirs =
      filter.environment !== undefined ? [envDir(filter.environment)] : (await store.entries.list(ENV_DIR)).map((d) => join(ENV_DIR, d));
    for (const d of dirs) {
      if (filter.application !== undefined) files.push(join(d, envStateFile(filter.application)));
      else for (const f of await store.entries.list(d)) if (f.endsWith('.json')) files.push(join(d, f));
    }
  }
  const out: EnvironmentState[] = [];
  for (const f of files) {
    const s = await store.readObject<EnvironmentState>(f);
    if (!s) continue;
    // The hashed file name stands for the names inside; a (theoretical) collision must not answer wrongly.
    if (filter.environment !== undefined && s.name !== filter.environment) continue;
    if (filter.application !== undefined && s.application !== filter.application) continue;
    out.push(s);
  }
  return out.sort((a, b) => cmp(a.name, b.name) || cmp(a.application, b.application));
}

export async function readHistory(store: LocalStore, filter: HistoryFilter): Promise<Deployment[]> {
  const limit = filter.limit ?? Number.POSITIVE_INFINITY;
  const out: Deployment[] = [];
  if (limit === 0) return out;
  const meta = await store.stableMeta();
  for await (const d of readDeploymentsNewestFirst(store.entries, meta.log)) {
    if (!matches(d, filter)) continue;
    out.push(d);
    if (out.length >= limit) break;
  }
  return out;
}

function matches(d: Deployment, f: HistoryFilter): boolean {
  if (f.application !== undefined && d.application !== f.application) return false;
  if (f.environment !== undefined && d.environment !== f.environment) return false;
  if (f.component !== undefined) {
    const c = f.component;
    if (!d.componentVersions.some((cv) => componentMatches(c, cv))) return false;
  }
  return true;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
