/**
 * Reads objects from the cache repository through one long-lived `git cat-file --batch` process: a request is
 * one line (`<commit>:<path>`), answers come back in order, so many reads can be in flight at once (history
 * and scan pipeline hundreds). Trees are parsed here (mode, name, 20-byte id entries).
 *
 * An object larger than the response size limit is refused from its header, before its bytes are held
 * (ResponseTooLargeError, exit 4); at the command's deadline the process group is stopped and every pending
 * read fails with TimeoutError (exit 5).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BackendError } from '../../errors.js';
import { responseTooLarge } from '../../response-limit.js';
import { stopProcessGroup, type StoreLimits } from '../store-limits.js';

export interface GitObject {
  type: string;
  data: Buffer;
}

export interface TreeEntry {
  mode: string;
  name: string;
  oid: string;
}

interface Pending {
  resolve: (o: GitObject | undefined) => void;
  reject: (e: Error) => void;
}

export class ObjectReader {
  private child: ChildProcessWithoutNullStreams | undefined;
  private queue: Pending[] = [];
  private buf: Buffer = Buffer.alloc(0);
  private failed: Error | undefined;

  private readonly onDeadline = () => {
    const child = this.child;
    if (!child) return;
    this.fail(this.limits.deadline!.error('git store: reading objects (git cat-file) did not finish'));
    stopProcessGroup(child);
  };

  constructor(
    private readonly env: Record<string, string>,
    private readonly limits: StoreLimits = {},
  ) {}

  private fail(e: Error): void {
    this.failed = e;
    this.child = undefined;
    this.limits.deadline?.signal.removeEventListener('abort', this.onDeadline);
    const q = this.queue;
    this.queue = [];
    this.buf = Buffer.alloc(0);
    for (const p of q) p.reject(e);
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const deadline = this.limits.deadline;
    if (deadline?.expired) throw deadline.error('git store: reading objects (git cat-file) not started');
    this.failed = undefined;
    const child = spawn('git', ['cat-file', '--batch'], { env: this.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    deadline?.signal.addEventListener('abort', this.onDeadline, { once: true });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.on('data', (b: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, b]) : b;
      this.drain();
    });
    child.stdin.on('error', () => undefined);
    child.on('error', (e) => {
      if (this.child === child) this.fail(new BackendError(`cannot run git cat-file: ${e.message}`, { cause: e }));
    });
    child.on('close', (code) => {
      if (this.child === child) this.fail(new BackendError(`git cat-file ended (exit ${code}): ${stderr.trim().slice(-300)}`));
    });
    this.child = child;
    return child;
  }

  private drain(): void {
    while (this.queue.length) {
      const nl = this.buf.indexOf(10);
      if (nl < 0) return;
      const header = this.buf.subarray(0, nl).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        this.buf = this.buf.subarray(nl + 1);
        this.queue.shift()!.resolve(undefined);
        continue;
      }
      const m = /^[0-9a-f]+ (\S+) (\d+)$/.exec(header);
      if (!m) {
        this.queue.shift()!.reject(new BackendError(`git cat-file answered "${header.slice(0, 100)}"`));
        this.buf = this.buf.subarray(nl + 1);
        continue;
      }
      const size = Number(m[2]);
      const limit = this.limits.maxResponseBytes;
      if (limit !== undefined && size > limit) {
        // The rest of the answer is not read: the process goes, and the next read starts a new one.
        const child = this.child;
        this.fail(responseTooLarge(`git store: object ${header.split(' ')[0].slice(0, 12)} (${size} bytes)`, limit));
        if (child) stopProcessGroup(child);
        return;
      }
      if (this.buf.length < nl + 1 + size + 1) return;
      const data = Buffer.from(this.buf.subarray(nl + 1, nl + 1 + size));
      this.buf = this.buf.subarray(nl + 1 + size + 1);
      this.queue.shift()!.resolve({ type: m[1], data });
    }
  }

  /** The object named `<commit>:<path>` (or any object name); undefined when it does not exist. */
  get(name: string): Promise<GitObject | undefined> {
    if (name.includes('\n')) return Promise.reject(new BackendError('object name with a newline'));
    let child: ChildProcessWithoutNullStreams;
    try {
      child = this.start();
    } catch (err) {
      return Promise.reject(err as Error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      child.stdin.write(`${name}\n`);
    });
  }

  async blob(name: string): Promise<Buffer | undefined> {
    const o = await this.get(name);
    return o && o.type === 'blob' ? o.data : undefined;
  }

  async json<T>(name: string): Promise<T | undefined> {
    const b = await this.blob(name);
    if (!b) return undefined;
    try {
      return JSON.parse(b.toString('utf8')) as T;
    } catch {
      throw new BackendError(`git store object ${name} is not valid JSON`);
    }
  }

  /** The entries of the tree `<commit>:<path>`, sorted by name; [] when absent. */
  async tree(name: string): Promise<TreeEntry[]> {
    const o = await this.get(name);
    return o && o.type === 'tree' ? parseTree(o.data) : [];
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    this.limits.deadline?.signal.removeEventListener('abort', this.onDeadline);
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('close', () => resolve());
      child.stdin.end();
    });
  }
}

export function parseTree(data: Buffer): TreeEntry[] {
  const out: TreeEntry[] = [];
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(32, i);
    const nul = data.indexOf(0, sp);
    if (sp < 0 || nul < 0 || nul + 21 > data.length) throw new BackendError('git store: malformed tree object');
    out.push({
      mode: data.subarray(i, sp).toString('utf8'),
      name: data.subarray(sp + 1, nul).toString('utf8'),
      oid: data.subarray(nul + 1, nul + 21).toString('hex'),
    });
    i = nul + 21;
  }
  return out;
}
