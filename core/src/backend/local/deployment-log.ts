/**
 * The deployment history: an append-only log of JSON lines split into segments (log/000001.jsonl, ...).
 * Only bytes below the committed end recorded in meta.json count; anything past it is an interrupted append
 * and is truncated by the next writer. History is read newest first, backwards in chunks, and stops as soon
 * as the caller has enough: memory and time depend on what is returned, not on the log's size.
 */
import { constants } from 'node:fs';
import { ConfigError } from '../../errors.js';
import type { Deployment } from '../../model.js';
import { isErrno } from './durable-file.js';
import { segmentPath, type MetaFile } from './layout.js';
import { symlinkRefused, type StoreEntries } from './store-entries.js';

const CHUNK = 256 * 1024;

/** Writes `data` at `offset` of a segment, dropping anything after it first; fsyncs. Idempotent (journal replay). */
export async function writeSegmentAt(entries: StoreEntries, segment: number, offset: number, data: string): Promise<void> {
  const rel = segmentPath(segment);
  const fh = await entries.open(rel, constants.O_RDWR).catch((err) => {
    if (isErrno(err, 'ENOENT')) return entries.open(rel, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL);
    throw err;
  });
  try {
    const st = await fh.stat();
    if (st.size < offset) {
      throw new ConfigError(`deployment log ${segmentPath(segment)} is shorter (${st.size} bytes) than its committed length ${offset}`);
    }
    if (st.size !== offset) await fh.truncate(offset);
    const buf = Buffer.from(data, 'utf8');
    await fh.write(buf, 0, buf.length, offset);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Cuts an interrupted append: bytes past the committed end of the current segment. */
export async function truncateUncommitted(entries: StoreEntries, log: MetaFile['log']): Promise<void> {
  const rel = segmentPath(log.segment);
  const st = await entries.lstat(rel);
  if (!st) {
    if (log.length > 0) throw new ConfigError(`deployment log ${segmentPath(log.segment)} is missing`);
    return;
  }
  if (st.isSymbolicLink()) throw symlinkRefused(entries.root, rel);
  if (st.size < log.length) {
    throw new ConfigError(
      `deployment log ${segmentPath(log.segment)} is shorter (${st.size} bytes) than its committed length ${log.length}`,
    );
  }
  if (st.size > log.length) {
    const fh = await entries.open(rel, constants.O_RDWR);
    try {
      await fh.truncate(log.length);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
}

/** Committed deployments, newest first, lazily: the caller stops iterating when it has enough. */
export async function* readDeploymentsNewestFirst(entries: StoreEntries, log: MetaFile['log']): AsyncGenerator<Deployment> {
  for (let seg = log.segment; seg >= 1; seg--) {
    const rel = segmentPath(seg);
    let end: number;
    if (seg === log.segment) end = log.length;
    else {
      const st = await entries.lstat(rel);
      if (!st) throw new ConfigError(`deployment log ${rel} is missing`);
      if (st.isSymbolicLink()) throw symlinkRefused(entries.root, rel);
      end = st.size;
    }
    if (end === 0) continue;
    for await (const line of linesBackward(entries, rel, end)) {
      if (line === '') continue;
      try {
        yield JSON.parse(line) as Deployment;
      } catch {
        throw new ConfigError(`deployment log ${segmentPath(seg)} holds a malformed record`);
      }
    }
  }
}

/** The lines of bytes [0, end) of a file, last first. */
async function* linesBackward(entries: StoreEntries, path: string, end: number): AsyncGenerator<string> {
  const fh = await entries.open(path, constants.O_RDONLY);
  try {
    let pos = end;
    let carry: Buffer = Buffer.alloc(0);
    while (pos > 0) {
      const size = Math.min(CHUNK, pos);
      pos -= size;
      const buf = Buffer.alloc(size);
      const { bytesRead } = await fh.read(buf, 0, size, pos);
      if (bytesRead !== size) throw new ConfigError(`deployment log ${path} changed while being read`);
      let block = carry.length ? Buffer.concat([buf, carry]) : buf;
      // Every complete line after the first newline in this block; the head may continue in the previous chunk.
      let stop = block.length;
      if (block[stop - 1] === 0x0a) stop--;
      for (let i = stop - 1; i >= 0; i--) {
        if (block[i] === 0x0a) {
          yield block.subarray(i + 1, stop).toString('utf8');
          stop = i;
        }
      }
      carry = Buffer.from(block.subarray(0, stop));
      block = Buffer.alloc(0);
    }
    if (carry.length) yield carry.toString('utf8');
  } finally {
    await fh.close();
  }
}
