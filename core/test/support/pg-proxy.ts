/**
 * A TCP proxy on 127.0.0.1 in front of a PostgreSQL server that can cut a client's connection at the moment
 * that matters for exactly-once writes: around a transaction's COMMIT. It reads the client's protocol messages
 * (plain TCP: use sslmode=disable through it) to recognise the COMMIT, then either
 *  - 'before-commit': drops both sides before the server sees the COMMIT (the transaction rolls back), or
 *  - 'after-commit': forwards the COMMIT, waits for the server's CommandComplete, and drops the client without
 *    passing it on (the transaction committed, the client cannot know).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type CommitCut = 'before-commit' | 'after-commit';

export interface PgProxy {
  port: number;
  /** Cuts the next COMMIT's connection this way (once). */
  arm(cut: CommitCut): void;
  /** How many connections were cut so far. */
  readonly cuts: number;
  close(): Promise<void>;
}

export async function startPgProxy(targetPort: number): Promise<PgProxy> {
  let armed: CommitCut | undefined;
  let cuts = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const kill = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => (sockets.delete(client), upstream.end()));
    upstream.on('close', () => (sockets.delete(upstream), client.end()));
    client.on('error', kill);
    upstream.on('error', kill);
    let startup = true;
    let pending = Buffer.alloc(0);
    let awaitingCommit = false;
    /** Prepared statement name -> SQL (the driver prepares COMMIT once per connection, then only binds it). */
    const statements = new Map<string, string>();
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      // Forward whole messages only, so a COMMIT can be held back.
      for (;;) {
        if (startup) {
          if (pending.length < 4) return;
          const len = pending.readUInt32BE(0);
          if (pending.length < len) return;
          upstream.write(pending.subarray(0, len));
          pending = pending.subarray(len);
          startup = false;
          continue;
        }
        if (pending.length < 5) return;
        const len = pending.readUInt32BE(1) + 1;
        if (pending.length < len) return;
        const msg = pending.subarray(0, len);
        pending = pending.subarray(len);
        const commit = isCommit(msg, statements);
        if (armed && commit) {
          const cut = armed;
          armed = undefined;
          cuts++;
          if (cut === 'before-commit') return kill();
          awaitingCommit = true;
        }
        upstream.write(msg);
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      if (awaitingCommit) {
        if (chunk.includes(Buffer.from('COMMIT\0'))) {
          // The server committed; the client never hears of it.
          client.destroy();
          upstream.end();
        }
        return;
      }
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    arm: (cut) => void (armed = cut),
    get cuts() {
      return cuts;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/**
 * A simple-protocol Query whose SQL is COMMIT, or an extended-protocol Bind of a statement whose SQL is COMMIT
 * (Parse messages are remembered in `statements`: the execution starts with the Bind).
 */
function isCommit(msg: Buffer, statements: Map<string, string>): boolean {
  const type = String.fromCharCode(msg[0]);
  const body = msg.subarray(5);
  const cstr = (from: number): [string, number] => {
    const end = body.indexOf(0, from);
    return [body.subarray(from, end).toString('utf8'), end + 1];
  };
  const commit = (sql: string | undefined) => sql !== undefined && /^\s*commit\s*;?\s*$/i.test(sql);
  if (type === 'Q') return commit(cstr(0)[0]);
  if (type === 'P') {
    const [name, next] = cstr(0);
    statements.set(name, cstr(next)[0]);
    return false;
  }
  if (type === 'B') {
    const [, next] = cstr(0);
    return commit(statements.get(cstr(next)[0]));
  }
  return false;
}
