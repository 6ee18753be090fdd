/**
 * The local directory store as a DocumentStore: documents are the object files of layout.ts, the counters live
 * in meta.json, deployments in the append-only log segments. Transactions, locking and crash safety are
 * LocalStore's (transaction.ts).
 */
import { constants } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { HistoryFilter } from '../backend.js';
import type { Deployment, EnvironmentState } from '../../model.js';
import type { ApplicationDoc, ApplicationVersionDoc, CatalogDoc, ComponentBaseDoc, ComponentVersionDoc } from '../records/documents.js';
import {
  DOC_KINDS,
  type DocKind,
  type DocReader,
  type DocTx,
  type DocumentStore,
  type OperationSummary,
  type StoreEntry,
  type StoreInfo,
} from '../records/document-store.js';
import { intentDocName } from '../records/intent-records.js';
import { isErrno } from './durable-file.js';
import { ENV_DIR, KIND_DIR, SCHEMA_VERSION, envStatePath, objectPath, segmentPath } from './layout.js';
import { readHistory, readStatus } from './queries.js';
import type { StoreEntries } from './store-entries.js';
import type { LocalStore } from './transaction.js';

export class LocalDocumentStore implements DocumentStore {
  readonly kind = 'local' as const;
  readonly location: string;

  constructor(readonly store: LocalStore) {
    this.location = store.root;
  }

  private get reader(): DocReader {
    return { get: (kind, name) => this.store.readObject(objectPath(kind, name)) };
  }

  read<T>(fn: (r: DocReader) => Promise<T>): Promise<T> {
    return this.store.read(() => fn(this.reader));
  }

  transact<T>(_op: OperationSummary, fn: (tx: DocTx) => Promise<T>): Promise<T> {
    return this.store.transact((tx) =>
      fn({
        next: tx.meta.next,
        get: (kind, name) => tx.get(objectPath(kind, name)),
        put: (kind, name, value) => tx.put(objectPath(kind, name), value),
        putEnvState: (state) => tx.put(envStatePath(state.name, state.application), state),
        appendDeployment: (d) => tx.appendLog(d),
      }),
    );
  }

  status(filter: { environment?: string; application?: string }): Promise<EnvironmentState[]> {
    return this.store.read(() => readStatus(this.store, filter));
  }

  history(filter: HistoryFilter): Promise<Deployment[]> {
    return readHistory(this.store, filter);
  }

  async info(): Promise<StoreInfo> {
    const state = await this.store.inspect();
    const meta = await this.store.stableMeta();
    let environmentStates = 0;
    for (const env of await this.store.entries.list(ENV_DIR)) {
      environmentStates += (await this.store.entries.list(join(ENV_DIR, env))).filter((f) => f.endsWith('.json')).length;
    }
    return {
      kind: 'local',
      location: this.location,
      schema: state === 'absent' ? 'absent' : SCHEMA_VERSION,
      counts: {
        componentVersions: meta.next.componentVersion - 1,
        applicationVersions: meta.next.applicationVersion - 1,
        deployments: meta.next.deployment - 1,
        environmentStates,
      },
      next: { ...meta.next },
    };
  }

  async *scan(): AsyncIterable<StoreEntry> {
    for (const kind of DOC_KINDS) {
      for (const shard of await this.store.entries.list(KIND_DIR[kind])) {
        for (const f of await this.store.entries.list(join(KIND_DIR[kind], shard))) {
          if (!f.endsWith('.json')) continue;
          const value = await this.store.readObject<unknown>(join(KIND_DIR[kind], shard, f));
          if (value !== undefined) yield { type: 'doc', kind, name: docName(kind, value), value };
        }
      }
    }
    for (const env of await this.store.entries.list(ENV_DIR)) {
      for (const f of await this.store.entries.list(join(ENV_DIR, env))) {
        if (!f.endsWith('.json')) continue;
        const value = await this.store.readObject<EnvironmentState>(join(ENV_DIR, env, f));
        if (value) yield { type: 'env-state', value };
      }
    }
    const meta = await this.store.stableMeta();
    for (let seg = 1; seg <= meta.log.segment; seg++) {
      const end = seg === meta.log.segment ? meta.log.length : undefined;
      for await (const line of linesForward(this.store.entries, segmentPath(seg), end)) {
        if (line) yield { type: 'deployment', value: JSON.parse(line) as Deployment };
      }
    }
  }

  async close(): Promise<void> {
    // Nothing is held between calls: the lock lives only inside a transaction.
  }
}

/** The full name a document belongs to (every document carries it). */
export function docName(kind: DocKind, value: unknown): string {
  switch (kind) {
    case 'component-base':
      return (value as ComponentBaseDoc).base;
    case 'application':
      return (value as ApplicationDoc).application;
    case 'component-version':
      return (value as ComponentVersionDoc).value.name;
    case 'application-version':
      return (value as ApplicationVersionDoc).value.name;
    case 'catalog':
      return (value as CatalogDoc).name;
    case 'custom-state':
    case 'custom-state-history':
    case 'lease':
      return intentDocName(kind, value);
  }
}

/** The lines of a file's first `end` bytes (all of it when undefined), first to last, 1 MiB at a time. */
async function* linesForward(entries: StoreEntries, rel: string, end: number | undefined): AsyncGenerator<string> {
  let fh;
  try {
    fh = await entries.open(rel, constants.O_RDONLY);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return;
    throw err;
  }
  try {
    const limit = end ?? (await fh.stat()).size;
    let pos = 0;
    let carry = '';
    const buf = Buffer.alloc(1 << 20);
    const decoder = new StringDecoder('utf8');
    while (pos < limit) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, limit - pos), pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      const text = carry + decoder.write(buf.subarray(0, bytesRead));
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      yield* lines;
    }
    carry += decoder.end();
    if (carry) yield carry;
  } finally {
    await fh.close();
  }
}
