/**
 * A TCP proxy on 127.0.0.1 that can stop forwarding: a server (or a network path) that stopped answering without
 * closing anything. After stall(), bytes in both directions of every connection, open or new, are taken and
 * dropped; resume() forwards new connections again. `open` counts client connections not yet closed by the
 * client (a test checks that a command closed its connections when it gave up).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface StallProxy {
  port: number;
  stall(): void;
  resume(): void;
  /** Client connections the client has not closed. */
  readonly open: number;
  close(): Promise<void>;
}

export async function startStallProxy(targetPort: number): Promise<StallProxy> {
  let stalled = false;
  const clients = new Set<Socket>();
  const all = new Set<Socket>();
  const server: Server = createServer((client) => {
    clients.add(client);
    all.add(client);
    client.on('close', () => (clients.delete(client), all.delete(client)));
    client.on('error', () => undefined);
    if (stalled) {
      // Taken, never answered, never forwarded.
      client.on('data', () => undefined);
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    all.add(upstream);
    upstream.on('close', () => all.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.on('data', (b: Buffer) => void (stalled || upstream.write(b)));
    upstream.on('data', (b: Buffer) => void (stalled || client.write(b)));
    upstream.on('end', () => stalled || client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    stall: () => void (stalled = true),
    resume: () => void (stalled = false),
    get open() {
      return clients.size;
    },
    close: async () => {
      for (const s of all) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
