/**
 * Where the local store keeps what (docs/store-local.md has the full picture). Every object lives in its own
 * JSON file named after a hash of its full name, so a lookup is one file read whatever the store's size.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { DocKind } from '../records/document-store.js';

/** The on-disk format this code reads and writes. Bump on any incompatible change. */
export const SCHEMA_VERSION = 1;
export const STORE_FORMAT = 'shiplog-local-store';

export const SCHEMA_FILE = 'schema.json';
export const META_FILE = 'meta.json';
export const JOURNAL_FILE = 'journal.json';
export const LOCK_FILE = 'write.lock';
export const TMP_DIR = 'tmp';
export const LOG_DIR = 'log';
export const ENV_DIR = 'objects/env';

/** The local store keeps every record document kind as a sharded object directory. */
export type ObjectKind = DocKind;

/** Where each kind's objects live (sharded: `<dir>/<2 hex>/<40 hex>.json`). */
export const KIND_DIR: Readonly<Record<ObjectKind, string>> = {
  'component-base': 'objects/cb',
  'component-version': 'objects/cv',
  application: 'objects/ab',
  'application-version': 'objects/av',
  catalog: 'objects/ix',
  'custom-state': 'objects/cs',
  'custom-state-history': 'objects/ch',
  lease: 'objects/ls',
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/**
 * The paths a transaction journal may name: meta.json, any kind's object, an environment's current state. Built
 * from KIND_DIR, so a new kind of record is recoverable after a crash the day it is added (a journal naming a
 * path outside it is refused as tampered with).
 */
export const JOURNAL_PATH = new RegExp(
  `^(?:meta\\.json|(?:${Object.values(KIND_DIR).map(escapeRe).join('|')})/[0-9a-f]{2}/[0-9a-f]{40}\\.json|${escapeRe(ENV_DIR)}/[0-9a-f]{40}/[0-9a-f]{40}\\.json)$`,
);

function hashName(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 40);
}

/** Store-relative path of one object: `objects/<kind>/<2 hex>/<40 hex>.json`. */
export function objectPath(kind: ObjectKind, name: string): string {
  const h = hashName(name);
  return join(KIND_DIR[kind], h.slice(0, 2), `${h}.json`);
}

/** Store-relative directory of one environment's current state (one file per application deployed there). */
export function envDir(environment: string): string {
  return join(ENV_DIR, hashName(environment));
}

/** Store-relative path of the current state of one application in one environment. */
export function envStatePath(environment: string, application: string): string {
  return join(envDir(environment), envStateFile(application));
}

/** File name of an application's state inside an environment's directory. */
export function envStateFile(application: string): string {
  return `${hashName(application)}.json`;
}

/** Store-relative path of deployment log segment n (1-based). */
export function segmentPath(n: number): string {
  return join(LOG_DIR, `${String(n).padStart(6, '0')}.jsonl`);
}

export interface SchemaFile {
  format: string;
  schema: number;
  createdAt: string;
}

export interface MetaFile {
  /** Incremented by every committed transaction (readers use it to detect concurrent changes). */
  seq: number;
  next: { componentVersion: number; applicationVersion: number; deployment: number };
  /** The deployment log's committed end: bytes past `length` in segment `segment` are not committed. */
  log: { segment: number; length: number };
}

export function emptyMeta(): MetaFile {
  return { seq: 0, next: { componentVersion: 1, applicationVersion: 1, deployment: 1 }, log: { segment: 1, length: 0 } };
}
