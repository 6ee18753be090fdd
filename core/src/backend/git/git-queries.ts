/**
 * The read-only queries of the git store, against one fetched tip. Status reads only the env/ entries it
 * answers; history reads deployments by id (their path follows from the id) newest first and stops at the
 * limit; both pipeline their reads through the one cat-file process.
 */
import type { HistoryFilter } from '../backend.js';
import type { Deployment, EnvironmentState } from '../../model.js';
import { ConfigError } from '../../errors.js';
import { componentMatches } from '../../naming.js';
import { docName } from '../local/local-document-store.js';
import { DOC_KINDS, type StoreEntry } from '../records/document-store.js';
import { ENV_ROOT, KIND_ROOT, deploymentPath, envDirPath, envStatePath, type GitMetaFile } from './git-layout.js';
import type { ObjectReader } from './object-reader.js';

export async function readStatus(
  reader: ObjectReader,
  tip: string,
  filter: { environment?: string; application?: string },
): Promise<EnvironmentState[]> {
  const paths = await envStatePaths(reader, tip, filter);
  const states = await Promise.all(paths.map((p) => reader.json<EnvironmentState>(`${tip}:${p}`)));
  const out: EnvironmentState[] = [];
  for (const s of states) {
    if (!s) continue;
    // The hashed path stands for the names inside; a (theoretical) collision must not answer wrongly.
    if (filter.environment !== undefined && s.name !== filter.environment) continue;
    if (filter.application !== undefined && s.application !== filter.application) continue;
    out.push(s);
  }
  return out.sort((a, b) => cmp(a.name, b.name) || cmp(a.application, b.application));
}

export async function envStatePaths(
  reader: ObjectReader,
  tip: string,
  filter: { environment?: string; application?: string },
): Promise<string[]> {
  if (filter.environment !== undefined && filter.application !== undefined) return [envStatePath(filter.environment, filter.application)];
  const dirs =
    filter.environment !== undefined
      ? [envDirPath(filter.environment)]
      : (await reader.tree(`${tip}:${ENV_ROOT}`)).filter((e) => e.mode === '40000').map((e) => `${ENV_ROOT}/${e.name}`);
  if (filter.application !== undefined) {
    const app = envStatePath('', filter.application).split('/').pop()!;
    return dirs.map((d) => `${d}/${app}`);
  }
  const listed = await Promise.all(dirs.map((d) => reader.tree(`${tip}:${d}`)));
  return listed.flatMap((entries, i) => entries.filter((e) => e.name.endsWith('.json')).map((e) => `${dirs[i]}/${e.name}`));
}

export async function readHistory(reader: ObjectReader, tip: string, meta: GitMetaFile, filter: HistoryFilter): Promise<Deployment[]> {
  const limit = filter.limit ?? Number.POSITIVE_INFINITY;
  const out: Deployment[] = [];
  const filtered = filter.application !== undefined || filter.environment !== undefined || filter.component !== undefined;
  const dirs: DirListings = new Map();
  let id = meta.next.deployment - 1;
  while (id >= 1 && out.length < limit) {
    const n = Math.min(id, filtered ? 256 : Math.min(256, limit - out.length));
    const batch = await readDeployments(
      reader,
      tip,
      Array.from({ length: n }, (_, i) => id - i),
      dirs,
    );
    for (const d of batch) {
      if (!matches(d, filter)) continue;
      out.push(d);
      if (out.length >= limit) break;
    }
    id -= n;
  }
  return out;
}

/** Listings of log/<m>/<k> directories: file name -> blob id. */
type DirListings = Map<string, Promise<Map<string, string>>>;

/**
 * Deployments by id, in the order asked (consecutive ids). Each log/<m>/<k> directory (1000 ids) is listed once
 * and its blobs are read by object id: naming every blob by `<tip>:<path>` makes git walk (and inflate) the
 * 1000-entry tree again for each one, which costs more than the blob. `dirs` carries the listing of the
 * directory the last id is in to the next call; the others are dropped, so memory does not grow with history.
 */
async function readDeployments(reader: ObjectReader, tip: string, ids: number[], dirs: DirListings): Promise<Deployment[]> {
  const split = (id: number) => {
    const path = deploymentPath(id);
    const slash = path.lastIndexOf('/');
    return { dir: path.slice(0, slash), file: path.slice(slash + 1) };
  };
  const listing = (dir: string) => {
    let entries = dirs.get(dir);
    if (!entries) dirs.set(dir, (entries = reader.tree(`${tip}:${dir}`).then((es) => new Map(es.map((e) => [e.name, e.oid])))));
    return entries;
  };
  const out = await Promise.all(
    ids.map(async (id) => {
      const { dir, file } = split(id);
      const oid = (await listing(dir)).get(file);
      const d = oid === undefined ? undefined : await reader.json<Deployment>(oid);
      if (!d || d.id !== id) throw new ConfigError(`git store is inconsistent: deployment ${id} is missing at ${tip.slice(0, 12)}`);
      return d;
    }),
  );
  const keep = ids.length ? split(ids[ids.length - 1]).dir : undefined;
  for (const dir of [...dirs.keys()]) if (dir !== keep) dirs.delete(dir);
  return out;
}

export async function countEnvStates(reader: ObjectReader, tip: string): Promise<number> {
  return (await envStatePaths(reader, tip, {})).length;
}

/** Every record at the tip: documents by kind, current states, then deployments oldest first. */
export async function* scanTip(reader: ObjectReader, tip: string, meta: GitMetaFile): AsyncGenerator<StoreEntry> {
  for (const kind of DOC_KINDS) {
    const root = KIND_ROOT[kind];
    for (const shard of await reader.tree(`${tip}:${root}`)) {
      const files = (await reader.tree(`${tip}:${root}/${shard.name}`)).filter((e) => e.name.endsWith('.json'));
      const values = await Promise.all(files.map((f) => reader.json<unknown>(f.oid)));
      for (const value of values) if (value !== undefined) yield { type: 'doc', kind, name: docName(kind, value), value };
    }
  }
  const paths = await envStatePaths(reader, tip, {});
  for (const value of await Promise.all(paths.map((p) => reader.json<EnvironmentState>(`${tip}:${p}`)))) {
    if (value) yield { type: 'env-state', value };
  }
  const last = meta.next.deployment - 1;
  const dirs: DirListings = new Map();
  for (let from = 1; from <= last; from += 256) {
    const ids = Array.from({ length: Math.min(256, last - from + 1) }, (_, i) => from + i);
    for (const value of await readDeployments(reader, tip, ids, dirs)) yield { type: 'deployment', value };
  }
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
