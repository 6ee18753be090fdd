import { createServer, type IncomingMessage, type Server } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD, TOKEN } from '../../../core/test/support/jenkins-build-fixture.js';
import { collectBuildFacts } from '../ts/jenkins-context.js';

/** A loopback fake of the two Jenkins API calls; any other request fails the test. */
interface Fake {
  url: string;
  requests: string[];
  unexpected: string[];
  close(): Promise<void>;
}

async function startFakeJenkins(): Promise<Fake> {
  const requests: string[] = [];
  const unexpected: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const line = `${req.method} ${req.url}`;
    requests.push(line);
    const auth = req.headers.authorization ?? '';
    if (auth !== `Basic ${Buffer.from(`ci-bot:${TOKEN}`).toString('base64')}`) {
      res.writeHead(401).end('unauthorized');
      return;
    }
    if (req.method === 'GET' && req.url === '/job/shop/job/main/7/api/json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(BUILD));
    } else if (req.method === 'POST' && req.url === '/job/shop/job/main/7/logText/progressiveText') {
      res
        .writeHead(200, { 'content-type': 'text/plain', 'x-more-data': 'false' })
        .end(
          `Started by user Alice\n+ helm upgrade\ntoken ${TOKEN} masked?\n> Authorization: Basic ${Buffer.from(`ci-bot:${TOKEN}`).toString('base64')}\n` +
            `url ${encodeURIComponent(TOKEN)}\nFinished\n`,
        );
    } else {
      unexpected.push(line);
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    requests,
    unexpected,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Runs the bundled helper asynchronously (the fake server lives in this process: spawnSync would deadlock). */
function runHelper(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

// What the helper decides (the attributes of a build's JSON, its environment, its answer): core/test/kit-jenkins-helpers.test.ts.
describe('Jenkins API helper', () => {
  let fake: Fake;
  let dir: string;
  beforeEach(async () => {
    fake = await startFakeJenkins();
    dir = mkdtempSync(join(tmpdir(), 'shiplog-jenkins-'));
  });
  afterEach(async () => {
    expect(fake.unexpected).toEqual([]);
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads build info and console text with the API token in the header only', async () => {
    const facts = await collectBuildFacts({ url: fake.url, job: 'shop/main', number: 7, user: 'ci-bot', token: TOKEN });
    expect(facts.consoleText).toContain('+ helm upgrade');
    expect(facts.attributes.CommitAuthors).toBe('Alice,Bob');
    expect(fake.requests.sort()).toEqual(['GET /job/shop/job/main/7/api/json', 'POST /job/shop/job/main/7/logText/progressiveText']);
  });

  it('the bundled helper writes the console log (token masked) and prints the attributes', async () => {
    const bundle = join(__dirname, '../resources/shiplog/jenkins-context.mjs');
    const r = await runHelper([bundle, '--out', dir], {
      PATH: process.env.PATH,
      JENKINS_URL: fake.url,
      JOB_NAME: 'shop/main',
      BUILD_NUMBER: '7',
      SHIPLOG_JENKINS_USER: 'ci-bot',
      SHIPLOG_JENKINS_TOKEN: TOKEN,
    });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, attributes: { JobTriggeredBy: 'Started by user Alice' } });
    const log = readFileSync(out.logFile, 'utf8');
    expect(log).toContain('+ helm upgrade');
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain(Buffer.from(`ci-bot:${TOKEN}`).toString('base64'));
    expect(log).not.toContain(Buffer.from(TOKEN).toString('base64').slice(0, 20));
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('degrades to a warning without credentials or when the server refuses', async () => {
    const bundle = join(__dirname, '../resources/shiplog/jenkins-context.mjs');
    const none = await runHelper([bundle, '--out', dir], { PATH: process.env.PATH });
    expect(none.status).toBe(0);
    expect(JSON.parse(none.stdout)).toMatchObject({ ok: false, warning: expect.stringContaining('JENKINS_URL') });
    const bad = await runHelper([bundle, '--out', dir], {
      PATH: process.env.PATH,
      JENKINS_URL: fake.url,
      JOB_NAME: 'shop/main',
      BUILD_NUMBER: '7',
      SHIPLOG_JENKINS_USER: 'ci-bot',
      SHIPLOG_JENKINS_TOKEN: 'wrong-token-value',
    });
    expect(bad.status).toBe(0);
    const out = JSON.parse(bad.stdout);
    expect(out.ok).toBe(false);
    expect(bad.stdout).not.toContain('wrong-token-value');
  });
});

// Issue 21: every HTTP client has a response size limit; a console log of gigabytes must not fill the memory.
describe('Jenkins API helper: response size limit', () => {
  it('an answer past the limit fails naming it, after reading little more than the limit', async () => {
    let sent = 0;
    const server = createServer((req, res) => {
      res.on('error', () => undefined);
      if (req.url?.endsWith('/api/json')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(1 << 16, 'x');
      const pump = () => {
        while (sent < 64 << 20) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    try {
      const err = await collectBuildFacts({
        url,
        job: 'shop/main',
        number: 7,
        user: 'ci-bot',
        token: TOKEN,
        maxResponseBytes: 2 << 20,
      }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(err?.message).toContain('larger than the response size limit of 2 MiB');
      expect(sent).toBeLessThan(32 << 20);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
