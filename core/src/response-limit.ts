/**
 * The response size limit of every HTTP client (the Ortelius client here, the GitHub and Jenkins API clients
 * in their adapters): an answer larger than `--max-response-mib` (SHIPLOG_MAX_RESPONSE_MIB, default 32 MiB) is
 * refused as soon as that many bytes have arrived (or at once when Content-Length says so), with
 * ResponseTooLargeError (exit 4) naming the limit. Memory stays bounded by the limit, whatever the server sends.
 */
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { ResponseTooLargeError } from './errors.js';

export const DEFAULT_MAX_RESPONSE_MIB = 32;
export const MIB = 1024 * 1024;

/** The limit in bytes from the input's value (MiB); the default when absent. */
export function maxResponseBytes(mib: number | undefined): number {
  return Math.round((mib ?? DEFAULT_MAX_RESPONSE_MIB) * MIB);
}

export function describeLimit(bytes: number): string {
  return bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}

export function responseTooLarge(what: string, limitBytes: number): ResponseTooLargeError {
  return new ResponseTooLargeError(`${what}: the answer is larger than the response size limit of ${describeLimit(limitBytes)}`, {
    hint: 'the server sent far more than expected; if it is right, raise --max-response-mib (SHIPLOG_MAX_RESPONSE_MIB)',
  });
}

/**
 * A fetch whose answers are cut off at `limitBytes`: the body is counted as it streams and reading it fails with
 * responseTooLarge(`METHOD url`) past the limit (the connection is dropped); a Content-Length above it fails at once.
 * `onTooLarge` hears of it too, for callers whose client swallows errors while reading a body (octokit does).
 */
export function limitedFetch(
  limitBytes: number,
  onTooLarge?: (err: ResponseTooLargeError) => void,
  base: typeof fetch = globalThis.fetch,
): typeof fetch {
  return async (input, init) => {
    const res = await base(input, init);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const url = new URL(input instanceof Request ? input.url : String(input));
    const what = `${method} ${url.origin}${url.pathname}`;
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limitBytes) {
      await res.body?.cancel().catch(() => undefined);
      const err = responseTooLarge(what, limitBytes);
      onTooLarge?.(err);
      throw err;
    }
    if (!res.body || [101, 204, 205, 304].includes(res.status)) return res;
    let seen = 0;
    const counted = res.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > limitBytes) {
            const err = responseTooLarge(what, limitBytes);
            onTooLarge?.(err);
            controller.error(err);
          } else controller.enqueue(chunk);
        },
      }),
    );
    const limited = new Response(counted, { status: res.status, statusText: res.statusText, headers: res.headers });
    Object.defineProperty(limited, 'url', { value: res.url });
    return limited;
  };
}

/**
 * An http(s) Agent whose connections are cut off once `limitBytes` have been read from them (headers included):
 * for clients that take an agent but no size limit (the `jenkins` client of the Jenkins adapter). The request
 * fails with responseTooLarge(what()).
 */
export function limitedAgent(protocol: 'http:' | 'https:', limitBytes: number, what: () => string): http.Agent {
  const count = (socket: Duplex) => {
    let seen = 0;
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limitBytes) socket.destroy(responseTooLarge(what(), limitBytes));
    });
    return socket;
  };
  if (protocol === 'https:') {
    return new (class extends https.Agent {
      override createConnection(...args: Parameters<https.Agent['createConnection']>) {
        return count(super.createConnection(...args) as Duplex) as ReturnType<https.Agent['createConnection']>;
      }
    })();
  }
  return new (class extends http.Agent {
    override createConnection(...args: Parameters<http.Agent['createConnection']>) {
      return count(super.createConnection(...args) as Duplex) as ReturnType<http.Agent['createConnection']>;
    }
  })();
}
