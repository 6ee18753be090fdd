/**
 * `shiplog store copy`: every record of one store into another, of any engine (docs/store.md "Moving a
 * store"). Ids are kept (documents carry theirs; deployments keep their numbers; the destination's counters
 * end at least at the source's), so a copy is the same store on another engine.
 *
 *   1. a destination that already holds records must agree with the source: every record it has is in the
 *      source with the same content (an earlier, interrupted copy of it). Anything else is refused before a
 *      single write;
 *   2. records go across in batches, each one transaction of the destination (an interrupted copy leaves a
 *      prefix, which step 1 accepts on the re-run); records the destination already holds are skipped, so a
 *      re-run of a finished copy writes nothing;
 *   3. the destination is read back in full and compared with what was read from the source (counts and an
 *      order-independent digest of every record); the source's counters must not have moved meanwhile.
 * A finished copy's re-run reads each store once and writes nothing.
 */
import { OperationFailedError, StoreDisagreesError } from '../../errors.js';
import type { Counters, DocTx, DocumentStore, StoreEntry } from './document-store.js';
import { StoreFingerprint, entryDigest, entryKey, entryLabel } from './store-entries.js';

export interface CopyProgress {
  /** Records written so far (skipped ones not counted). */
  written: number;
  /** Records read from the source so far. */
  read: number;
}

export interface CopyOptions {
  /** Records per destination transaction (default 1000). */
  batchSize?: number;
  /** Also caps a batch by the JSON size of its records (default 8 MiB). */
  batchBytes?: number;
  onProgress?: (p: CopyProgress) => void;
}

export interface CopyReport {
  /** Records the destination held before (an earlier copy). */
  alreadyPresent: number;
  written: number;
  /** Per type, as read back from both stores after the copy. */
  counts: StoreFingerprint['counts'];
  next: Counters;
  digest: string;
  transactions: number;
}

export async function copyStore(from: DocumentStore, to: DocumentStore, opts: CopyOptions = {}): Promise<CopyReport> {
  const batchSize = opts.batchSize ?? 1000;
  const batchBytes = opts.batchBytes ?? 8 * 1024 * 1024;
  const [srcInfo, dstInfo] = await Promise.all([from.info(), to.info()]);

  // 1. What the destination holds (read in full: its counters alone do not tell an interrupted copy), and
  //    whether it agrees with the source.
  const present = new Map<string, string>();
  const dstBefore = new StoreFingerprint();
  if (dstInfo.schema !== 'absent') {
    for await (const e of to.scan()) {
      present.set(entryKey(e), entryDigest(e).toString('hex'));
      dstBefore.add(e);
    }
  }
  let srcRead: StoreFingerprint | undefined;
  if (present.size > 0) {
    srcRead = new StoreFingerprint();
    const differing: string[] = [];
    const seen = new Set<string>();
    for await (const e of from.scan()) {
      srcRead.add(e);
      const key = entryKey(e);
      const have = present.get(key);
      if (have === undefined) continue;
      seen.add(key);
      if (have !== entryDigest(e).toString('hex')) differing.push(entryLabel(e));
    }
    const extra = [...present.keys()].filter((k) => !seen.has(k)).map((k) => k.replace(/\0/g, ' '));
    if (differing.length > 0 || extra.length > 0) {
      const parts = [
        ...(differing.length
          ? [
              `${differing.length} record(s) differ from the source (${differing.slice(0, 3).join(', ')}${differing.length > 3 ? ', ...' : ''})`,
            ]
          : []),
        ...(extra.length
          ? [`${extra.length} record(s) are not in the source (${extra.slice(0, 3).join(', ')}${extra.length > 3 ? ', ...' : ''})`]
          : []),
      ];
      throw new StoreDisagreesError(
        `destination ${to.location} is not empty and disagrees with ${from.location}: ${parts.join('; ')}; nothing was copied`,
        {
          hint: 'copy into an empty store (a new directory, ref or database), or into the store an earlier copy of this source started',
        },
      );
    }
  }

  // 2. The copy, in batches (skipped when the destination already holds everything: a finished copy's re-run).
  let written = 0;
  let transactions = 0;
  let dstAfter = dstBefore;
  const complete = srcRead !== undefined && srcRead.equals(dstBefore) && countersCover(dstInfo.next, srcInfo.next);
  if (!complete) {
    const read = new StoreFingerprint();
    let batch: StoreEntry[] = [];
    let bytes = 0;
    const flush = async (last: boolean) => {
      if (batch.length === 0 && !last) return;
      const entries = batch;
      batch = [];
      bytes = 0;
      written += await to.transact({ title: `store copy: ${entries.length} record(s) from ${from.location}` }, (tx) =>
        applyBatch(tx, entries, present, last ? srcInfo.next : undefined),
      );
      transactions++;
      opts.onProgress?.({ written, read: read.total });
    };
    for await (const e of from.scan()) {
      read.add(e);
      batch.push(e);
      bytes += JSON.stringify(e.value).length;
      if (batch.length >= batchSize || bytes >= batchBytes) await flush(false);
    }
    await flush(true);
    srcRead = read;
    // 3. Read the destination back.
    dstAfter = new StoreFingerprint();
    for await (const e of to.scan()) dstAfter.add(e);
  }
  const srcNow = await from.info();
  if (!srcRead!.equals(dstAfter) || !countersCover(srcInfo.next, srcNow.next)) {
    throw new OperationFailedError(
      `store copy: ${to.location} does not match ${from.location} after the copy (source ${JSON.stringify(srcRead!.counts)}, destination ${JSON.stringify(dstAfter.counts)})`,
      { hint: 'the source changed during the copy (writers still running?): stop the writers and run the copy again' },
    );
  }
  const after = complete ? dstInfo : await to.info();
  return { alreadyPresent: present.size, written, counts: dstAfter.counts, next: after.next, digest: dstAfter.digest, transactions };
}

/** a's counters are at least b's (an unchanged source has equal ones). */
function countersCover(a: Counters, b: Counters): boolean {
  return a.componentVersion >= b.componentVersion && a.applicationVersion >= b.applicationVersion && a.deployment >= b.deployment;
}

/** Stages one batch; returns how many records it wrote. Pure over tx (the engine may run it more than once). */
async function applyBatch(
  tx: DocTx,
  entries: StoreEntry[],
  present: Map<string, string>,
  finalNext: Counters | undefined,
): Promise<number> {
  let n = 0;
  for (const e of entries) {
    const known = present.get(entryKey(e));
    if (known !== undefined && known === entryDigest(e).toString('hex')) continue;
    if (e.type === 'doc') {
      tx.put(e.kind, e.name, e.value);
      // Counters follow the ids copied so far, so that a store left by an interrupted copy never hands out an id twice.
      const id = (e.value as { value?: { id?: unknown } }).value?.id;
      if (e.kind === 'component-version') tx.next.componentVersion = Math.max(tx.next.componentVersion, idNumber(id, 'cv:') + 1);
      if (e.kind === 'application-version') tx.next.applicationVersion = Math.max(tx.next.applicationVersion, idNumber(id, 'av:') + 1);
    } else if (e.type === 'env-state') {
      tx.putEnvState(e.value);
    } else {
      if (e.value.id < tx.next.deployment) continue; // already in the destination (checked in step 1)
      tx.appendDeployment(e.value);
      tx.next.deployment = Math.max(tx.next.deployment, e.value.id + 1);
    }
    n++;
  }
  if (finalNext) {
    tx.next.componentVersion = Math.max(tx.next.componentVersion, finalNext.componentVersion);
    tx.next.applicationVersion = Math.max(tx.next.applicationVersion, finalNext.applicationVersion);
    tx.next.deployment = Math.max(tx.next.deployment, finalNext.deployment);
  }
  return n;
}

function idNumber(id: unknown, prefix: string): number {
  const n = typeof id === 'string' && id.startsWith(prefix) ? Number(id.slice(prefix.length)) : NaN;
  return Number.isSafeInteger(n) ? n : 0;
}
