/**
 * Reads `GET /API/log/<id>` (section 4 row 27) as a stream: the answer holds the whole log (the server has
 * no offset parameter), so a long deployment's log is many MB on every read. The JSON is parsed as it
 * arrives (@streamparser/json): the lines already seen are counted and dropped, new lines go out in batches,
 * and only the last `keep` lines stay in memory, so following a 10 MB log costs a few MB whatever its size.
 */
import { JSONParser } from '@streamparser/json';
import { BackendError } from '../../errors.js';
import { businessError, type Json } from './envelopes.js';
import type { OrteliusHttp } from './http-client.js';
import { API } from './server-json.js';

/** New lines are handed out in batches of at most this many. */
const BATCH = 500;

export interface LogRead {
  /** Every top-level field except the lines (exitcode, complete, application, ...). */
  header: Json;
  /** Lines in the log now (loglinecount when sent, else counted). */
  total: number;
  /** The last `keep` lines. */
  tail: string[];
}

/**
 * Reads the log of deployment `id`, calling `onNew` with the lines after the first `seen` (in batches).
 * A `success:false` answer is an error with the server's message.
 */
export async function readDeploymentLog(
  http: OrteliusHttp,
  id: number,
  opts: { seen: number; keep: number; onNew?: (lines: string[]) => void },
): Promise<LogRead> {
  const what = `GET ${API}/log/${id}`;
  const body = await http.getStream(`${API}/log/${id}`);
  const header: Json = {};
  let index = 0;
  let tail: string[] = [];
  let batch: string[] = [];
  const flush = () => {
    if (batch.length && opts.onNew) opts.onNew(batch);
    batch = [];
  };
  const parser = new JSONParser({ paths: ['$.*', '$.logoutput.*'], keepStack: false, stringBufferSize: 64 * 1024 });
  parser.onValue = ({ value, key, stack }) => {
    if (stack.length === 2 && typeof key === 'number') {
      // a line of logoutput
      const line = typeof value === 'string' ? value : String(value);
      if (index++ >= opts.seen) {
        batch.push(line);
        if (batch.length >= BATCH) flush();
      }
      tail.push(line);
      if (tail.length > opts.keep * 2) tail = tail.slice(-opts.keep);
    } else if (stack.length === 1 && typeof key === 'string' && key !== 'logoutput') {
      header[key] = value as unknown;
    }
  };
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      (body as unknown as { destroy?: () => void }).destroy?.();
      reject(err);
    };
    parser.onError = (err) => fail(new BackendError(`Ortelius answered ${what} with something that is not JSON: ${err.message}`));
    body.on('data', (chunk: Buffer) => {
      if (failed) return;
      try {
        parser.write(chunk);
      } catch (err) {
        fail(new BackendError(`Ortelius answered ${what} with something that is not JSON: ${(err as Error).message}`));
      }
    });
    body.on('error', (err: Error) => fail(new BackendError(`reading ${what} failed: ${err.message}`, { cause: err })));
    body.on('end', () => {
      if (failed) return;
      if (!parser.isEnded) return fail(new BackendError(`Ortelius answered ${what} with a truncated JSON object`));
      resolve();
    });
  });
  if (header.success !== true) {
    if (header.success === false)
      throw businessError(typeof header.error === 'string' && header.error ? header.error : 'unknown error', what);
    throw new BackendError(`Ortelius answered ${what} without a \`success\` field`);
  }
  flush();
  const count = typeof header.loglinecount === 'number' ? Math.max(header.loglinecount, index) : index;
  return { header, total: count, tail: tail.slice(-opts.keep) };
}
