/**
 * A loopback fake of the two Jenkins API calls shiplogDeploy's helper makes for a record-only deployment
 * (build JSON and the console log), for any job/build number. Requests without the expected basic auth get 401.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeJenkins {
  /** JENKINS_URL (with the trailing slash Jenkins uses). */
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeJenkins(opts: { user: string; token: string; consoleText: string }): Promise<FakeJenkins> {
  const requests: string[] = [];
  const expectedAuth = `Basic ${Buffer.from(`${opts.user}:${opts.token}`).toString('base64')}`;
  const server: Server = createServer((req, res) => {
    const line = `${req.method} ${req.url}`;
    requests.push(line);
    if (req.headers.authorization !== expectedAuth) {
      res.writeHead(401).end('unauthorized');
      return;
    }
    if (req.method === 'GET' && /^\/job\/[^?]+\/\d+\/api\/json/.test(req.url ?? '')) {
      const build = {
        result: null,
        actions: [
          {
            _class: 'hudson.model.CauseAction',
            causes: [{ shortDescription: 'Started by user Alice', userId: 'alice', userName: 'Alice' }],
          },
        ],
        changeSets: [{ items: [{ commitId: 'abc1234', author: { fullName: 'Alice' } }] }],
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(build));
    } else if (req.method === 'POST' && /^\/job\/[^?]+\/\d+\/logText\/progressiveText/.test(req.url ?? '')) {
      res.writeHead(200, { 'content-type': 'text/plain', 'x-more-data': 'false' }).end(opts.consoleText);
    } else {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}
