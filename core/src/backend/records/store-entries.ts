/**
 * Engine-independent identities of a store's entries (document-store.ts StoreEntry), for `store copy` and
 * `store check`: a key naming the record, and a digest of its content that does not depend on how an engine
 * orders object keys (PostgreSQL's jsonb sorts them; the file and git engines keep insertion order).
 */
import { createHash } from 'node:crypto';
import type { StoreEntry } from './document-store.js';

export type EntryType = StoreEntry['type'];

export function entryKey(e: StoreEntry): string {
  switch (e.type) {
    case 'doc':
      return `doc\0${e.kind}\0${e.name}`;
    case 'env-state':
      return `env\0${e.value.name}\0${e.value.application}`;
    case 'deployment':
      return `dep\0${e.value.id}`;
  }
}

/** A key for messages: "application-version GLOBAL.Acme.shop;3", "state of GLOBAL.Acme.shop in prod", "deployment 12". */
export function entryLabel(e: StoreEntry): string {
  switch (e.type) {
    case 'doc':
      return `${e.kind} ${e.name}`;
    case 'env-state':
      return `state of ${e.value.application} in ${e.value.name}`;
    case 'deployment':
      return `deployment ${e.value.id}`;
  }
}

/** JSON with object keys sorted at every level (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function entryDigest(e: StoreEntry): Buffer {
  return createHash('sha256').update(entryKey(e)).update('\0').update(canonicalJson(e.value)).digest();
}

/** Counts per entry type and an order-independent digest of a whole store (XOR of the entry digests). */
export class StoreFingerprint {
  readonly counts: Record<'documents' | 'environmentStates' | 'deployments', number> = {
    documents: 0,
    environmentStates: 0,
    deployments: 0,
  };
  private readonly acc = Buffer.alloc(32);

  add(e: StoreEntry): void {
    if (e.type === 'doc') this.counts.documents++;
    else if (e.type === 'env-state') this.counts.environmentStates++;
    else this.counts.deployments++;
    const d = entryDigest(e);
    for (let i = 0; i < 32; i++) this.acc[i] ^= d[i];
  }

  get total(): number {
    return this.counts.documents + this.counts.environmentStates + this.counts.deployments;
  }

  get digest(): string {
    return this.acc.toString('hex');
  }

  equals(other: StoreFingerprint): boolean {
    return this.digest === other.digest && JSON.stringify(this.counts) === JSON.stringify(other.counts);
  }
}
