/**
 * The one connection a postgres store uses, and the rules that keep a transaction on it.
 *
 * The driver's pool reconnects by itself: a statement issued after the connection died runs on a new session, in
 * autocommit, outside the transaction it belonged to; and its begin()/reserve() write to a dead socket from a timer
 * (an uncaught exception) when the connection drops mid-transaction (porsager/postgres #1154, #1208, #1216). So the
 * store does not use them. Instead:
 * - one driver instance with a single connection (max 1), used by one caller at a time (a queue);
 * - transactions are plain BEGIN ... COMMIT statements, issued one after another, never pipelined: a statement
 *   is never left queued in the driver, where a reconnect would pick it up;
 * - the instance notes when its connection closes (the driver's onclose runs synchronously when the socket
 *   closes, before any reconnect), and from then on refuses every statement: a statement is either sent on the
 *   session that began the transaction or not at all;
 * - after any failure inside a transaction the instance is thrown away (closing the connection rolls the
 *   transaction back on the server) and the next call opens a new one.
 * - at the command's deadline (store-limits.ts) the statement in flight fails with TimeoutError (exit 5) and the
 *   connection is destroyed at once: a transaction it was in rolls back on the server, and nothing waits for a
 *   server (or a proxy) that stopped answering.
 */
import type { Sql } from 'postgres';
import { TimeoutError } from '../../errors.js';
import type { StoreLimits } from '../store-limits.js';
import type { PgSession, SqlParam } from './pg-sql.js';

export type DriverFactory = (onclose: () => void) => Sql;

interface Instance {
  sql: Sql;
  dead: boolean;
}

export class PgLink {
  private instance: Instance | undefined;
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly factory: DriverFactory,
    private readonly limits: StoreLimits = {},
    /** "postgres store <location>", for messages. */
    private readonly where = 'postgres store',
  ) {}

  private current(): Instance {
    if (this.closed) throw Object.assign(new Error('the store was closed'), { code: 'CONNECTION_ENDED' });
    if (!this.instance || this.instance.dead) {
      if (this.instance) void this.drop(this.instance);
      const inst: Instance = { sql: undefined as unknown as Sql, dead: false };
      inst.sql = this.factory(() => void (inst.dead = true));
      this.instance = inst;
    }
    return this.instance;
  }

  private session(inst: Instance): PgSession {
    return {
      unsafe: async (query: string, params: SqlParam[] = [], opts: { prepare?: boolean } = {}) => {
        if (inst.dead)
          throw Object.assign(new Error('write CONNECTION_CLOSED (the connection closed during the operation)'), {
            code: 'CONNECTION_CLOSED',
          });
        const deadline = this.limits.deadline;
        if (deadline?.expired) throw deadline.error(`${this.where}: a statement was not sent`);
        // Named prepared statements (the driver's unsafe() default is unnamed): after a statement's first use on the
        // connection it costs one round trip instead of two (describe, then execute).
        const pending = inst.sql.unsafe(query, params as never[], { prepare: true, ...opts }) as unknown as Promise<
          Record<string, unknown>[]
        >;
        if (!deadline) return await pending;
        return await new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const onDeadline = () => {
            reject(deadline.error(`${this.where}: the server did not answer`));
            void this.drop(inst);
          };
          deadline.signal.addEventListener('abort', onDeadline, { once: true });
          pending.then(resolve, reject).finally(() => deadline.signal.removeEventListener('abort', onDeadline));
        });
      },
    };
  }

  /** Waits for the previous caller, then holds the link until the returned release is called. */
  private async acquire(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const before = this.tail;
    this.tail = before.then(() => mine);
    await before;
    return release;
  }

  private async drop(inst: Instance): Promise<void> {
    inst.dead = true;
    if (this.instance === inst) this.instance = undefined;
    await inst.sql.end({ timeout: 0 }).catch(() => undefined);
  }

  /** Runs single statements (autocommit) exclusively. */
  async run<T>(fn: (s: PgSession) => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      const inst = this.current();
      try {
        return await fn(this.session(inst));
      } catch (err) {
        if (inst.dead) await this.drop(inst);
        throw err;
      }
    } finally {
      release();
    }
  }

  /**
   * BEGIN (with `begin`'s options, SET LOCAL statements and optionally a first query, sent as one simple query), fn,
   * COMMIT. fn gets the rows of the begin text's last statement. Any failure drops the connection: the server rolls
   * the transaction back, and nothing is sent on this session again.
   */
  async transaction<T>(begin: string, fn: (s: PgSession, opened: Record<string, unknown>[]) => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      const inst = this.current();
      const s = this.session(inst);
      let committing = false;
      try {
        const res = await s.unsafe(begin);
        // Several statements answer a list of row lists (the last is the last statement's); one, its rows.
        const opened = Array.isArray(res[0]) ? (res[res.length - 1] as unknown as Record<string, unknown>[]) : res;
        const result = await fn(s, opened);
        committing = true;
        await s.unsafe('commit');
        return result;
      } catch (err) {
        await this.drop(inst);
        if (committing && err instanceof TimeoutError) {
          throw new TimeoutError(`${err.message} to COMMIT: the operation may have been recorded`, {
            hint: 'check status or history before running it again; raise --timeout (SHIPLOG_TIMEOUT) if the server is slow but working',
          });
        }
        throw err;
      }
    } finally {
      release();
    }
  }

  /**
   * Holds the link and a transaction open for a caller that yields between statements (scan): returns the session
   * and the function that ends it (commit, or drop after a failure) and lets the next caller in.
   */
  async hold(begin: string): Promise<{ session: PgSession; end: (ok: boolean) => Promise<void> }> {
    const release = await this.acquire();
    let inst: Instance;
    try {
      inst = this.current();
      await this.session(inst).unsafe(begin);
    } catch (err) {
      if (this.instance) await this.drop(this.instance);
      release();
      throw err;
    }
    const session = this.session(inst);
    return {
      session,
      end: async (ok) => {
        try {
          if (ok) await session.unsafe('commit');
          else await this.drop(inst);
        } catch {
          await this.drop(inst);
        } finally {
          release();
        }
      },
    };
  }

  async close(): Promise<void> {
    const release = await this.acquire();
    try {
      this.closed = true;
      if (this.instance) {
        const inst = this.instance;
        this.instance = undefined;
        await inst.sql.end({ timeout: 1 }).catch(() => undefined);
      }
    } finally {
      release();
    }
  }
}
