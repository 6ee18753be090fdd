/**
 * Transactions of the local store. A writer takes the inter-process lock, replays any journal a crashed
 * writer left, runs the caller's read-modify-write against a staging area, then commits:
 *   1. the redo journal (every file's new content + the log append + the new meta.json) is written atomically;
 *      its rename is the commit point;
 *   2. the log append is written at its recorded offset (truncating any torn tail first), then each file is
 *      replaced atomically (temp + fsync + rename), the touched directories are fsynced;
 *   3. the journal is deleted.
 * A SIGKILL before step 1 leaves the old state (plus garbage in tmp/ and past the log's committed end, both
 * cleaned by the next writer); after step 1 the next writer or reader replays the journal (idempotent).
 * Readers take no lock: they check meta.seq and the journal before and after reading and retry (then fall
 * back to the lock) when a transaction overlapped, so a read never mixes two states.
 *
 * Nothing is created, swept or truncated in a directory before its schema.json was found valid: a directory
 * that is missing or empty becomes a store by getting schema.json first (a temp file linked into place), and
 * a directory holding anything else without schema.json is refused untouched (it is not a store).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, lstat, mkdir, open, readdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BackendError, ConfigError, SchemaVersionError, ShiplogError } from '../../errors.js';
import { fsyncPath, isErrno, writeFileAtomic } from './durable-file.js';
import { truncateUncommitted, writeSegmentAt } from './deployment-log.js';
import {
  ENV_DIR,
  JOURNAL_FILE,
  JOURNAL_PATH,
  LOCK_FILE,
  LOG_DIR,
  META_FILE,
  SCHEMA_FILE,
  SCHEMA_VERSION,
  STORE_FORMAT,
  TMP_DIR,
  emptyMeta,
  segmentPath,
  type MetaFile,
  type SchemaFile,
} from './layout.js';
import { StoreEntries } from './store-entries.js';
import { acquireStoreLock, processAlive } from './store-lock.js';

export interface Journal {
  seq: number;
  writes: { path: string; data: string }[];
  append?: { segment: number; offset: number; data: string };
}

export interface StoreOptions {
  lockTimeoutMs: number;
  /** Roll the deployment log to a new segment past this size (bytes). */
  segmentBytes: number;
  now: () => Date;
}

/** Staged changes of one transaction; reads see the staged content first. */
export class Transaction {
  private readonly staged = new Map<string, string>();
  private readonly appended: string[] = [];

  constructor(
    private readonly store: LocalStore,
    readonly meta: MetaFile,
  ) {}

  async get<T>(rel: string): Promise<T | undefined> {
    const s = this.staged.get(rel);
    if (s !== undefined) return JSON.parse(s) as T;
    return this.store.readObject<T>(rel);
  }

  put(rel: string, value: unknown): void {
    this.staged.set(rel, `${JSON.stringify(value)}\n`);
  }

  /** Appends one record to the deployment log (one JSON line). */
  appendLog(record: unknown): void {
    this.appended.push(`${JSON.stringify(record)}\n`);
  }

  get dirty(): boolean {
    return this.staged.size > 0 || this.appended.length > 0;
  }

  /** The journal committing this transaction (meta.json included). */
  toJournal(segmentBytes: number): Journal {
    const meta: MetaFile = { ...this.meta, seq: this.meta.seq + 1, log: { ...this.meta.log } };
    let append: Journal['append'];
    if (this.appended.length) {
      const data = this.appended.join('');
      const bytes = Buffer.byteLength(data, 'utf8');
      let { segment, length: offset } = meta.log;
      if (offset > 0 && offset + bytes > segmentBytes) {
        segment++;
        offset = 0;
      }
      append = { segment, offset, data };
      meta.log = { segment, length: offset + bytes };
    }
    const writes = [...this.staged].map(([path, data]) => ({ path, data }));
    writes.push({ path: META_FILE, data: `${JSON.stringify(meta)}\n` });
    return { seq: meta.seq, writes, append };
  }
}

export class LocalStore {
  private prepared = false;
  /** Every path inside the store goes through here: no symbolic link is ever followed (store-entries.ts). */
  readonly entries: StoreEntries;

  constructor(
    readonly root: string,
    private readonly opts: StoreOptions,
  ) {
    this.entries = new StoreEntries(root);
  }

  /**
   * The gate before anything is read, created or swept: 'ok' for a valid store, 'absent' for a missing or
   * empty directory (a new store); ConfigError for a directory that holds anything else but no schema.json,
   * SchemaVersionError for an unknown or newer format. Reads only.
   */
  async inspect(): Promise<'absent' | 'ok'> {
    if ((await this.checkSchema()) === 'ok') return 'ok';
    if (!(await holdsForeignEntries(this.root))) return 'absent';
    // A shiplog that created the store after our first look made its entries only after linking schema.json.
    if ((await this.checkSchema()) === 'ok') return 'ok';
    throw notAStore(this.root);
  }

  /** 'absent' when there is no schema.json; throws SchemaVersionError for an unknown or newer format. */
  async checkSchema(): Promise<'absent' | 'ok'> {
    const text = await this.entries.readText(SCHEMA_FILE);
    if (text === undefined) return 'absent';
    let s: Partial<SchemaFile>;
    try {
      s = JSON.parse(text) as Partial<SchemaFile>;
    } catch {
      throw new SchemaVersionError(`state store ${this.root} has an unreadable ${SCHEMA_FILE}`, {
        hint: 'the directory is not a shiplog store, or was damaged; point --state-dir elsewhere',
      });
    }
    if (s.format !== STORE_FORMAT || typeof s.schema !== 'number') {
      throw new SchemaVersionError(`state store ${this.root} is not a ${STORE_FORMAT} (format ${JSON.stringify(s.format)})`, {
        hint: 'point --state-dir at a shiplog state directory',
      });
    }
    if (s.schema !== SCHEMA_VERSION) {
      const newer = s.schema > SCHEMA_VERSION;
      throw new SchemaVersionError(
        `state store ${this.root} has schema version ${s.schema}; this shiplog reads version ${SCHEMA_VERSION}`,
        { hint: newer ? 'it was written by a newer shiplog: upgrade shiplog' : 'unknown schema version' },
      );
    }
    return 'ok';
  }

  async readObject<T>(rel: string): Promise<T | undefined> {
    const text = await this.entries.readText(rel);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ConfigError(`state store file ${rel} is malformed`, { hint: `in ${this.root}` });
    }
  }

  async readMeta(): Promise<MetaFile> {
    const meta = await this.readObject<unknown>(META_FILE);
    if (meta === undefined) return emptyMeta();
    if (!isMeta(meta)) {
      throw new ConfigError(`state store file ${META_FILE} does not have the shape of a store's meta.json`, { hint: `in ${this.root}` });
    }
    return meta;
  }

  private async journalExists(): Promise<boolean> {
    const st = await this.entries.lstat(JOURNAL_FILE);
    if (st?.isSymbolicLink()) await this.entries.check(JOURNAL_FILE);
    return st !== undefined;
  }

  /** Runs a read against one committed state (see the file comment). Creates nothing on a missing store. */
  async read<T>(fn: (meta: MetaFile) => Promise<T>): Promise<T> {
    return this.io(() => this.readUnwrapped(fn));
  }

  private async readUnwrapped<T>(fn: (meta: MetaFile) => Promise<T>): Promise<T> {
    for (let attempt = 0; attempt < 4; attempt++) {
      const before = await this.readMeta();
      if (await this.journalExists()) {
        await this.withLock(async () => undefined);
        continue;
      }
      let result: T;
      try {
        result = await fn(before);
      } catch (err) {
        // A half-applied transaction can make a read fail (a listed object not written yet): retry then.
        if (!(await this.journalExists()) && (await this.readMeta()).seq === before.seq) throw err;
        continue;
      }
      if (!(await this.journalExists()) && (await this.readMeta()).seq === before.seq) return result;
    }
    return this.withLock(async () => fn(await this.readMeta()));
  }

  /**
   * The committed meta for reading the append-only log: log bytes below its committed end never change,
   * so no retry is needed; a crashed writer's journal is replayed first so its deployment is visible.
   */
  async stableMeta(): Promise<MetaFile> {
    return this.io(async () => {
      if (await this.journalExists()) await this.withLock(async () => undefined);
      return this.readMeta();
    });
  }

  /** File system failures (permissions, full disk, read-only mount) become a BackendError naming the store. */
  private async io<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ShiplogError || typeof (err as NodeJS.ErrnoException)?.code !== 'string') throw err;
      const e = err as NodeJS.ErrnoException;
      throw new BackendError(`state store ${this.root}: ${e.code}: ${e.message}`, {
        cause: err,
        hint: e.code === 'EACCES' || e.code === 'EROFS' || e.code === 'EPERM' ? 'the state directory must be writable' : undefined,
      });
    }
  }

  /** Runs fn under the lock; commits what it staged. Creates the store on its first write. */
  async transact<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.io(async () => {
      if ((await this.inspect()) === 'absent') await this.create();
      return this.withLock(async () => {
        const tx = new Transaction(this, await this.readMeta());
        const result = await fn(tx);
        if (!tx.dirty) return result;
        const journal = tx.toJournal(this.opts.segmentBytes);
        await this.checkTargets(journal);
        const dirs = await writeFileAtomic(this.tmpDir, join(this.root, JOURNAL_FILE), JSON.stringify(journal));
        for (const d of new Set(dirs)) await fsyncPath(d);
        await this.applyJournal(journal);
        return result;
      });
    });
  }

  private get tmpDir(): string {
    return join(this.root, TMP_DIR);
  }

  /** Runs fn under the lock after recovery; only in a directory whose schema.json is valid (see inspect). */
  private async withLock<T>(fn: () => Promise<T>): Promise<T> {
    // The gate comes first: the lock file, tmp/ and log/ are made, and tmp/ swept and the log cut, in stores only.
    if ((await this.inspect()) !== 'ok') throw notAStore(this.root);
    // Before the first directory is made or the lock taken: nothing is touched in a store holding a link.
    for (const rel of FIXED_ENTRIES) await this.entries.check(rel);
    if (!this.prepared) {
      await mkdir(this.tmpDir, { recursive: true });
      await mkdir(join(this.root, LOG_DIR), { recursive: true });
      this.prepared = true;
    }
    const release = await acquireStoreLock(this.root, { timeoutMs: this.opts.lockTimeoutMs });
    try {
      if ((await this.checkSchema()) !== 'ok') throw notAStore(this.root);
      await this.recover();
      const result = await fn();
      await this.sweep();
      return result;
    } finally {
      await release();
    }
  }

  /**
   * Makes a missing or empty directory a store: schema.json before anything else, written to a temp file
   * beside it and linked into place (atomic, never replaces one a concurrent shiplog linked first).
   */
  private async create(): Promise<void> {
    const made = await mkdir(this.root, { recursive: true });
    const s: SchemaFile = { format: STORE_FORMAT, schema: SCHEMA_VERSION, createdAt: this.opts.now().toISOString() };
    const temp = join(this.root, `${SCHEMA_FILE}.${process.pid}.${randomBytes(6).toString('hex')}${SCHEMA_TEMP_SUFFIX}`);
    const fh = await open(temp, 'wx', 0o644);
    try {
      await fh.writeFile(`${JSON.stringify(s)}\n`, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await link(temp, join(this.root, SCHEMA_FILE));
    } catch (err) {
      if (!isErrno(err, 'EEXIST')) throw err;
      // another shiplog created the store meanwhile: the gate in withLock checks what it wrote
    } finally {
      await unlink(temp).catch(() => undefined);
    }
    await fsyncPath(this.root);
    if (made) {
      for (let d = dirname(this.root); ; d = dirname(d)) {
        await fsyncPath(d);
        if (d === dirname(made) || d === dirname(d)) break;
      }
    }
  }

  /** Under the lock: finishes a crashed writer's transaction and removes its leftovers. */
  private async recover(): Promise<void> {
    const text = await this.entries.readText(JOURNAL_FILE);
    if (text !== undefined) {
      let journal: unknown;
      try {
        journal = JSON.parse(text);
      } catch {
        throw new ConfigError(`state store ${this.root} has a malformed ${JOURNAL_FILE}`);
      }
      // A journal restored with the store is input like any file of it: it may only name the store's own files.
      if (!isJournal(journal))
        throw new ConfigError(`state store ${this.root} has a ${JOURNAL_FILE} that names files outside the store's layout`);
      await this.checkTargets(journal);
      await this.applyJournal(journal);
    }
    await truncateUncommitted(this.entries, (await this.readMeta()).log);
  }

  /**
   * Under the lock, once the caller's work is done (so that a transaction refused half-way, a link among its
   * files say, leaves the store as it found it): removes the temp files and lock candidates of dead writers.
   */
  private async sweep(): Promise<void> {
    // unlink removes a link itself, never what it points to; tmp/ itself was checked before (FIXED_ENTRIES)
    for (const f of await this.entries.list(TMP_DIR)) await unlink(join(this.tmpDir, f)).catch(() => undefined);
    await this.removeDeadLockCandidates();
  }

  /** Every file a journal replaces or appends to, and the directories above them: no link among them. */
  private async checkTargets(j: Journal): Promise<void> {
    if (j.append) await this.entries.check(segmentPath(j.append.segment));
    for (const w of j.writes) await this.entries.check(w.path);
  }

  /**
   * Lock candidates and schema temp files of processes that died (see create and store-lock.ts). A lock
   * candidate names its host: one of this host whose process is gone goes at once (a writer killed with
   * SIGKILL while waiting for the lock leaves one); others a minute old at least, as the pid may belong to
   * another host sharing the directory.
   */
  private async removeDeadLockCandidates(): Promise<void> {
    for (const f of await readdir(this.root)) {
      const prefix = [`${LOCK_FILE}.`, `${SCHEMA_FILE}.`].find((p) => f.startsWith(p));
      if (!prefix || !(f.endsWith('.cand') || f.endsWith(SCHEMA_TEMP_SUFFIX))) continue;
      const pid = Number(f.slice(prefix.length).split('.')[0]);
      if (!Number.isInteger(pid) || processAlive(pid)) continue;
      const st = await this.entries.lstat(f).catch(() => undefined);
      if (!st) continue;
      const local = f.endsWith('.cand') && (await this.candidateHost(f)) === hostname();
      if (local || Date.now() - st.mtimeMs > 60_000) await unlink(join(this.root, f)).catch(() => undefined);
    }
  }

  /** The host a lock candidate names (store-lock.ts writes its owner into it), if readable. */
  private async candidateHost(name: string): Promise<string | undefined> {
    try {
      const owner = JSON.parse((await this.entries.readText(name)) ?? '') as { host?: unknown };
      return typeof owner.host === 'string' ? owner.host : undefined;
    } catch {
      return undefined;
    }
  }

  private async applyJournal(j: Journal): Promise<void> {
    const dirs = new Set<string>();
    if (j.append) {
      await writeSegmentAt(this.entries, j.append.segment, j.append.offset, j.append.data);
      if (j.append.offset === 0) dirs.add(join(this.root, LOG_DIR));
    }
    for (const w of j.writes) {
      for (const d of await writeFileAtomic(this.tmpDir, join(this.root, w.path), w.data)) dirs.add(d);
    }
    for (const d of dirs) await fsyncPath(d);
    await unlink(join(this.root, JOURNAL_FILE));
    await fsyncPath(this.root);
  }
}

const SCHEMA_TEMP_SUFFIX = '.new';

/** The entries checked for links before a writer makes a directory, takes the lock or sweeps anything. */
const FIXED_ENTRIES = [
  SCHEMA_FILE,
  META_FILE,
  JOURNAL_FILE,
  LOCK_FILE,
  TMP_DIR,
  LOG_DIR,
  'objects',
  'objects/cb',
  'objects/cv',
  'objects/ab',
  'objects/av',
  ENV_DIR,
];

/** The files a journal may replace: meta.json and the object files of layout.ts. */

function isJournal(j: unknown): j is Journal {
  if (!j || typeof j !== 'object') return false;
  const { seq, writes, append } = j as Partial<Journal>;
  if (!Number.isInteger(seq) || !Array.isArray(writes)) return false;
  if (!writes.every((w) => w && typeof w.path === 'string' && JOURNAL_PATH.test(w.path) && typeof w.data === 'string')) return false;
  if (append === undefined) return true;
  return (
    Number.isInteger(append.segment) &&
    append.segment >= 1 &&
    Number.isInteger(append.offset) &&
    append.offset >= 0 &&
    typeof append.data === 'string'
  );
}

const count = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;

/** meta.json as this code writes it: a damaged or hand-made one is refused (exit 2) before it is used. */
function isMeta(m: unknown): m is MetaFile {
  if (!m || typeof m !== 'object' || Array.isArray(m)) return false;
  const { seq, next, log } = m as Partial<MetaFile>;
  return (
    count(seq) &&
    !!next &&
    typeof next === 'object' &&
    count(next.componentVersion) &&
    count(next.applicationVersion) &&
    count(next.deployment) &&
    !!log &&
    typeof log === 'object' &&
    Number.isSafeInteger(log.segment) &&
    log.segment >= 1 &&
    count(log.length)
  );
}
/** A schema.json being created (create): `schema.json.<pid>.<hex>.new`. */
const SCHEMA_TEMP = /^schema\.json\.\d+\.[0-9a-f]+\.new$/;

function notAStore(root: string): ConfigError {
  return new ConfigError(`state directory ${root} is not a shiplog store: it is not empty and has no ${SCHEMA_FILE}`, {
    hint: 'point --state-dir (SHIPLOG_STATE_DIR) at an existing store, or at a new or empty directory',
  });
}

/**
 * True when a directory without schema.json holds something a new store may not take over: anything but a
 * schema.json being created by another shiplog, and tmp/ or log/ directories that are empty.
 */
async function holdsForeignEntries(root: string): Promise<boolean> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch (err) {
    if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR')) return false;
    throw err;
  }
  for (const name of names) {
    if (SCHEMA_TEMP.test(name)) continue;
    if ((name === TMP_DIR || name === LOG_DIR) && (await isEmptyDir(join(root, name)))) continue;
    return true;
  }
  return false;
}

async function isEmptyDir(path: string): Promise<boolean> {
  try {
    // A link is not an empty directory of ours, whatever it points to.
    if ((await lstat(path)).isSymbolicLink()) return false;
    return (await readdir(path)).length === 0;
  } catch (err) {
    if (isErrno(err, 'ENOTDIR')) return false;
    if (isErrno(err, 'ENOENT')) return true;
    throw err;
  }
}
