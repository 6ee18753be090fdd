/**
 * A loopback fake of the GitHub REST API (127.0.0.1, port 0). It answers only the requests a test expects,
 * in order; anything else gets a 599 and is recorded, and verify() fails the test on unexpected or unused
 * expectations (renovate's HTTP mock discipline).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Expected {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeGithub {
  url: string;
  received: Received[];
  verify(): void;
  close(): Promise<void>;
}

export async function fakeGithub(expected: Expected[]): Promise<FakeGithub> {
  const queue = [...expected];
  const received: Received[] = [];
  const unexpected: string[] = [];
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      let body: unknown = data;
      try {
        body = data === '' ? undefined : JSON.parse(data);
      } catch {
        /* keep the raw text */
      }
      received.push({ method: req.method ?? '', path, headers: req.headers, body });
      const next = queue[0];
      if (!next || next.method !== req.method || next.path !== path) {
        unexpected.push(`${req.method} ${path}`);
        res.writeHead(599, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `unexpected request ${req.method} ${path}` }));
        return;
      }
      queue.shift();
      res.writeHead(next.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(next.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    verify() {
      const problems = [
        ...unexpected.map((u) => `unexpected request: ${u}`),
        ...queue.map((e) => `expected request never made: ${e.method} ${e.path}`),
      ];
      if (problems.length > 0) throw new Error(problems.join('\n'));
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
