/**
 * The tree of a shiplog git store (docs/store-git.md). Like the local store, every object lives in its own
 * JSON blob at a path derived from a hash of its full name, so a lookup is one `<tip>:<path>` read and a write
 * rewrites only the few trees on that path, whatever the store's size:
 *
 *   schema.json                              {format, schema, createdAt}
 *   meta.json                                counters (next ids) and the ids of the latest operations
 *   objects/{cb,cv,ab,av,ix}/<2 hex>/<40 hex>.json   component bases, component versions, applications, app versions, the catalog
 *   objects/{cs,ch,ls}/<2 hex>/<40 hex>.json      custom state per environment, its history, apply leases
 *   env/<40 hex env>/<40 hex app>.json        current state of one application in one environment
 *   log/<id / 1e6>/<id / 1e3>/<id>.json       one deployment per blob, append-only (trees of <= 1000 entries)
 *   ops/<2 hex>/<2 hex>/<40 hex>.json         keyed operations (OperationSummary.key): the key and the result
 *                                            of the first run, which a re-run answers with
 */
import { createHash } from 'node:crypto';
import type { Counters, DocKind } from '../records/document-store.js';

/** The tree format this code reads and writes. Bump on any incompatible change. */
export const GIT_SCHEMA_VERSION = 1;
export const GIT_STORE_FORMAT = 'shiplog-git-store';
export const SCHEMA_PATH = 'schema.json';
export const META_PATH = 'meta.json';
export const ENV_ROOT = 'env';
export const LOG_ROOT = 'log';
export const OPS_ROOT = 'ops';
/** How many operation ids meta.json remembers (to recognise an operation whose push outcome was unknown). */
export const RECENT_OPS = 64;

export const KIND_ROOT: Record<DocKind, string> = {
  'component-base': 'objects/cb',
  'component-version': 'objects/cv',
  application: 'objects/ab',
  'application-version': 'objects/av',
  catalog: 'objects/ix',
  'custom-state': 'objects/cs',
  'custom-state-history': 'objects/ch',
  lease: 'objects/ls',
};

export interface GitSchemaFile {
  format: string;
  schema: number;
  createdAt: string;
}

export interface GitMetaFile {
  next: Counters;
  /** Operation attempt ids (`<op id>.<attempt>`) of the latest commits, newest last. */
  recent: string[];
}

export function emptyGitMeta(): GitMetaFile {
  return { next: { componentVersion: 1, applicationVersion: 1, deployment: 1 }, recent: [] };
}

export function hashName(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 40);
}

export function docPath(kind: DocKind, name: string): string {
  const h = hashName(name);
  return `${KIND_ROOT[kind]}/${h.slice(0, 2)}/${h}.json`;
}

export function envDirPath(environment: string): string {
  return `${ENV_ROOT}/${hashName(environment)}`;
}

export function envStatePath(environment: string, application: string): string {
  return `${envDirPath(environment)}/${hashName(application)}.json`;
}

export function deploymentPath(id: number): string {
  return `${LOG_ROOT}/${Math.floor(id / 1e6)}/${Math.floor(id / 1e3)}/${id}.json`;
}

/** Where the record of a keyed operation lives (two levels of 256 shards: a few entries per tree at 10M). */
export function operationPath(key: string): string {
  const h = hashName(key);
  return `${OPS_ROOT}/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}.json`;
}

export interface OperationRecord<T = unknown> {
  key: string;
  /** What the operation returned when it was applied. */
  result: T;
}
