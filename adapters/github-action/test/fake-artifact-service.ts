/**
 * A loopback emulator (127.0.0.1, port 0) of what @actions/artifact talks to when it uploads: the results
 * service's twirp endpoints (CreateArtifact, FinalizeArtifact; JSON, `Authorization: Bearer <runtime token>`)
 * and the blob store the signed upload URL points at (Azure block blob: `PUT ?comp=block&blockid=..` per block,
 * then `PUT ?comp=blocklist` with the XML list). Anything else is answered 404 and recorded; verify() fails on it.
 * `refuseCreate` answers CreateArtifact as the service does for a name already used in the run (409).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/';

export interface TwirpCall {
  method: 'CreateArtifact' | 'FinalizeArtifact';
  authorization?: string;
  body: Record<string, unknown>;
}

export interface FakeArtifactService {
  /** ACTIONS_RESULTS_URL */
  url: string;
  calls: TwirpCall[];
  /** The committed blobs (the zipped artifact), by the path of their signed URL. */
  blobs: Map<string, Buffer>;
  /** Every request, as `METHOD path`. */
  requests: string[];
  refuseCreate: boolean;
  verify(): void;
  close(): Promise<void>;
}

/** A JWT-shaped runtime token whose `scp` claim carries the results scope (the service never checks the signature here). */
export function runtimeToken(workflowRunId: string, jobRunId: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'RS256' })}.${part({ scp: `Actions.GenericRead:0 Actions.Results:${workflowRunId}:${jobRunId}`, exp: 4102444800 })}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
}

export const ARTIFACT_ID = '9876';

export async function fakeArtifactService(): Promise<FakeArtifactService> {
  const unexpected: string[] = [];
  const blocks = new Map<string, Buffer>();
  const svc = { calls: [] as TwirpCall[], blobs: new Map<string, Buffer>(), requests: [] as string[], refuseCreate: false };
  let base = '';
  const answer = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const data = Buffer.concat(chunks);
      svc.requests.push(`${req.method} ${url.pathname}`);
      if (req.method === 'POST' && url.pathname.startsWith(TWIRP)) {
        const method = url.pathname.slice(TWIRP.length) as TwirpCall['method'];
        const body = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
        svc.calls.push({ method, authorization: req.headers.authorization, body });
        if (method === 'CreateArtifact' && svc.refuseCreate)
          return answer(res, 409, { code: 'already_exists', msg: 'an artifact with this name already exists on the workflow run' });
        if (method === 'CreateArtifact')
          return answer(res, 200, {
            ok: true,
            signed_upload_url: `${base}/devstoreaccount1/actions-results/run-1/${String(body.name)}.zip?sig=c2lnbmVk&se=2099-01-01`,
          });
        if (method === 'FinalizeArtifact') return answer(res, 200, { ok: true, artifact_id: ARTIFACT_ID });
      }
      if (req.method === 'PUT' && url.pathname.startsWith('/devstoreaccount1/')) {
        const comp = url.searchParams.get('comp');
        if (comp === 'block') {
          blocks.set(`${url.pathname}#${url.searchParams.get('blockid') ?? ''}`, data);
          return answer(res, 201);
        }
        if (comp === 'blocklist') {
          const ids = [...data.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map((m) => m[1]);
          svc.blobs.set(url.pathname, Buffer.concat(ids.map((id) => blocks.get(`${url.pathname}#${id}`) ?? Buffer.alloc(0))));
          return answer(res, 201);
        }
      }
      unexpected.push(`${req.method} ${url.pathname}${url.search}`);
      answer(res, 404, { code: 'not_found', msg: 'the emulator does not know this request' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(svc, {
    url: `${base}/`,
    verify() {
      if (unexpected.length > 0) throw new Error(`unexpected requests to the artifact service:\n${unexpected.join('\n')}`);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}
