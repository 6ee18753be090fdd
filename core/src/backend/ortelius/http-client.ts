/**
 * HTTP session with an Ortelius/DeployHub server (shared/ortelius-api.md sections 2-4):
 * form login, then only `Cookie: token=<jwt>`; one re-login when the token is refused; per-request timeout;
 * bounded retries with exponential backoff and jitter for network errors, 5xx and 429 on idempotent calls;
 * envelope checks and the mapping of failures onto the error catalogue.
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { Deadline } from '../../deadline.js';
import { AuthError, BackendError } from '../../errors.js';
import type { Host } from '../../host.js';
import { responseTooLarge } from '../../response-limit.js';
import { type Json, AUTH_REFUSED, NOT_FOUND, businessError, malformed, tokenFromCookies, tryParse } from './envelopes.js';
import { type Query, buildQuery, enc } from './url-encoding.js';

export { enc, buildQuery, type Query };

export interface HttpSessionOptions {
  /** Base URL without trailing slash and without credentials. */
  baseUrl: string;
  user: string;
  password: string;
  /** Extra CA (PEM text). */
  caPem?: string;
  insecure?: boolean;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Retries after the first attempt (idempotent calls only). */
  retries: number;
  /** First backoff delay; doubles per retry, capped at retryMaxMs, with jitter. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Largest answer read, in bytes: past it the request is dropped (ResponseTooLargeError, exit 4). */
  maxResponseBytes: number;
  /** The command's deadline: each request's timeout is what is left of it, and no retry starts past it. */
  deadline?: Deadline;
}

/**
 * How the answer proves success: `success` (GET /API/*), `result` (RunTask), `deploy` (POST /API/deploy:
 * deployid/errormsg), `array` (GetTasks), `status` (msapi and servlets whose body is ignored: 2xx is enough).
 */
export type Envelope = 'success' | 'result' | 'deploy' | 'array' | 'status';

export interface CallOptions {
  query?: Query;
  /** JSON body (POST). */
  json?: unknown;
  /** Raw body sent as application/json (an SBOM file as given). */
  rawJson?: string;
  envelope: Envelope;
  /** Safe to repeat: lookups and calls that set state absolutely. Only these are retried. */
  idempotent: boolean;
  /** A success:false answer whose error says "not found" yields undefined instead of throwing. */
  notFoundOk?: boolean;
  /** A success:false answer is the server refusing the operation (exit 1), not a server error (exit 4). */
  refusal?: boolean;
}

export class OrteliusHttp {
  /** HTTP requests sent (attempts, login included): the benchmark's unit. */
  requestCount = 0;
  private token: string | undefined;
  private loginPromise: Promise<void> | undefined;
  private readonly axios: AxiosInstance;
  private readonly agents: (http.Agent | https.Agent)[];

  constructor(
    private readonly host: Host,
    private readonly opts: HttpSessionOptions,
  ) {
    const httpAgent = new http.Agent({ keepAlive: true });
    const httpsAgent = new https.Agent({
      keepAlive: true,
      rejectUnauthorized: !opts.insecure,
      ...(opts.caPem ? { ca: [...tls.rootCertificates, opts.caPem] } : {}),
    });
    this.agents = [httpAgent, httpsAgent];
    this.axios = axios.create({
      baseURL: opts.baseUrl,
      timeout: opts.timeoutMs,
      httpAgent,
      httpsAgent,
      // Never read proxy settings from process.env (core touches no globals); redirects are answers to check.
      proxy: false,
      maxRedirects: 0,
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      // Counted while the answer streams in (after decompression): nothing past the limit is kept.
      maxContentLength: opts.maxResponseBytes,
      validateStatus: () => true,
    });
  }

  close(): void {
    for (const a of this.agents) a.destroy();
  }

  async get(path: string, opts: CallOptions): Promise<Json | undefined> {
    return this.call('GET', path, opts);
  }

  async post(path: string, opts: CallOptions): Promise<Json | undefined> {
    return this.call('POST', path, opts);
  }

  /** GetTasks answers a bare array. */
  async getArray(path: string, opts: Omit<CallOptions, 'envelope'>): Promise<Json[]> {
    const r = await this.call('GET', path, { ...opts, envelope: 'array' });
    return (r?.items as Json[]) ?? [];
  }

  /**
   * GET whose answer is read as a stream (a deployment log can be many MB; the caller parses it as it arrives
   * and keeps what it needs). Status and session are checked as for get(); the JSON envelope is the caller's.
   * Network errors before the answer are retried like an idempotent call.
   */
  async getStream(path: string, query?: Query): Promise<NodeJS.ReadableStream> {
    const url = path + buildQuery(query);
    const what = `GET ${path}`;
    let relogged = false;
    for (let attempt = 0; ;) {
      await this.ensureLogin();
      const started = this.host.now().getTime();
      let res: AxiosResponse<NodeJS.ReadableStream> | undefined;
      let netErr: unknown;
      try {
        this.requestCount++;
        res = await this.axios.request<NodeJS.ReadableStream>({
          method: 'GET',
          url,
          responseType: 'stream',
          // The body is consumed as it arrives and never held whole: no size cap applies to it.
          maxContentLength: -1,
          headers: { ...(this.token ? { Cookie: `token=${this.token}` } : {}), Accept: 'application/json' },
        });
      } catch (err) {
        netErr = err;
      }
      this.host.log.debug(
        `ortelius: GET ${url} -> ${res ? `HTTP ${res.status} (streamed)` : describeNetError(netErr)} (${this.host.now().getTime() - started} ms)`,
      );
      if (!res) {
        if (attempt++ < this.opts.retries && !isTlsError(netErr)) {
          await sleep(this.backoff(attempt - 1));
          continue;
        }
        throw new BackendError(`cannot reach Ortelius at ${this.opts.baseUrl}: ${describeNetError(netErr)} on ${what}`, { cause: netErr });
      }
      const refused = res.status === 401 || res.status === 403 || (res.status >= 300 && res.status < 400);
      if (res.status !== 200) (res.data as unknown as { destroy?: () => void }).destroy?.();
      if (refused && !relogged) {
        this.token = undefined;
        relogged = true;
        continue;
      }
      if (refused)
        throw new AuthError(`Ortelius refused the session on ${what} right after logging in`, {
          hint: "check the user's permissions and DHURL",
        });
      if ((res.status >= 500 || res.status === 429) && attempt++ < this.opts.retries) {
        await sleep(this.backoff(attempt - 1));
        continue;
      }
      if (res.status !== 200) throw new BackendError(`Ortelius answered HTTP ${res.status} to ${what}`, { status: res.status });
      return res.data;
    }
  }

  async ensureLogin(): Promise<void> {
    if (this.token) return;
    this.loginPromise ??= this.login().finally(() => {
      this.loginPromise = undefined;
    });
    await this.loginPromise;
  }

  private async login(): Promise<void> {
    const body = `user=${enc(this.opts.user)}&pass=${enc(this.opts.password)}`;
    const res = await this.send('POST', '/dmadminweb/API/login', { body, contentType: 'application/x-www-form-urlencoded' }, true, false);
    // A refusal is a refusal whatever its body is (a text/plain "Unauthorized" page included).
    if (res.status === 401 || res.status === 403) {
      throw new AuthError(`Ortelius refused the login as "${this.opts.user}" (HTTP ${res.status})`, {
        hint: 'check DHUSER/DHPASS (or --dhuser/--dhpass) and DHURL',
      });
    }
    const data = this.parse(res, 'POST /dmadminweb/API/login');
    if (res.status !== 200) {
      throw new BackendError(`Ortelius answered HTTP ${res.status} to POST /dmadminweb/API/login`, {
        status: res.status,
        hint: "is DHURL the server's base URL?",
      });
    }
    if (data.success !== true) {
      const why = typeof data.error === 'string' && data.error ? data.error : 'no success flag';
      throw new AuthError(`Ortelius login as "${this.opts.user}" failed: ${why}`, {
        hint: 'check DHUSER/DHPASS (or --dhuser/--dhpass) and DHURL',
      });
    }
    const token = typeof data.token === 'string' && data.token ? data.token : tokenFromCookies(res.headers['set-cookie']);
    if (!token) throw new BackendError('Ortelius login answered without a token', { status: res.status });
    this.host.redactor.add(token);
    this.token = token;
  }

  private async call(method: 'GET' | 'POST', path: string, opts: CallOptions): Promise<Json | undefined> {
    const what = `${method} ${path}`;
    const url = path + buildQuery(opts.query);
    const body = opts.rawJson ?? (opts.json === undefined ? undefined : JSON.stringify(opts.json));
    let relogged = false;
    for (;;) {
      await this.ensureLogin();
      const res = await this.send(
        method,
        url,
        { body, contentType: body === undefined ? undefined : 'application/json' },
        opts.idempotent,
        true,
      );
      if (this.refused(res) && !relogged) {
        this.host.log.debug(`ortelius: token refused on ${what}; logging in again`);
        this.token = undefined;
        relogged = true;
        continue;
      }
      if (this.refused(res)) {
        throw new AuthError(`Ortelius refused the session on ${what} right after logging in`, {
          hint: "check the user's permissions and DHURL",
        });
      }
      return this.check(res, what, opts);
    }
  }

  private refused(res: AxiosResponse<string>): boolean {
    // UI servlets answer an expired session with a redirect to the login page.
    if (res.status === 401 || res.status === 403 || (res.status >= 300 && res.status < 400)) return true;
    if (res.status !== 200) return false;
    const data = tryParse(res.data);
    return !!data && !Array.isArray(data) && data.success === false && typeof data.error === 'string' && AUTH_REFUSED.test(data.error);
  }

  private check(res: AxiosResponse<string>, what: string, opts: CallOptions): Json | undefined {
    if (res.status >= 300 && res.status < 400) {
      throw new BackendError(`Ortelius answered a redirect (HTTP ${res.status}) to ${what}`, {
        status: res.status,
        hint: "is DHURL the server's base URL?",
      });
    }
    if (res.status >= 400) {
      if (res.status === 404 && opts.notFoundOk) return undefined;
      throw new BackendError(`Ortelius answered HTTP ${res.status} to ${what}`, { status: res.status });
    }
    if (opts.envelope === 'status') {
      const data = tryParse(res.data);
      // The servlets answer {"success": true} or other JSON; a success:false among them is an error too.
      if (data && !Array.isArray(data) && data.success === false) {
        const msg = typeof data.error === 'string' && data.error ? data.error : 'unknown error';
        throw businessError(msg, what, opts.refusal);
      }
      return data && !Array.isArray(data) ? data : {};
    }
    const data = this.parse(res, what, opts.envelope === 'array');
    switch (opts.envelope) {
      case 'array':
        if (!Array.isArray(data) && data.success === false)
          throw businessError(typeof data.error === 'string' && data.error ? data.error : 'unknown error', what, opts.refusal);
        if (!Array.isArray(data)) throw malformed(what, 'a JSON array');
        return { items: data };
      case 'result':
        if (typeof data.result !== 'boolean') throw malformed(what, 'a `result` field');
        return data;
      case 'deploy':
        if (typeof data.errormsg === 'string' && data.errormsg) throw businessError(data.errormsg, what, true);
        if (data.success === false)
          throw businessError(typeof data.error === 'string' && data.error ? data.error : 'unknown error', what, true);
        if (typeof data.deployid !== 'number' && typeof data.deployid !== 'string') throw malformed(what, '`deployid` or `errormsg`');
        return data;
      case 'success':
      default:
        if (data.success === true) return data;
        if (data.success === false) {
          const msg = typeof data.error === 'string' && data.error ? data.error : 'unknown error';
          if (opts.notFoundOk && NOT_FOUND.test(msg)) return undefined;
          throw businessError(msg, what, opts.refusal);
        }
        throw malformed(what, 'a `success` field');
    }
  }

  private parse(res: AxiosResponse<string>, what: string, allowArray = false): Json {
    const data = tryParse(res.data);
    if (data === undefined || (Array.isArray(data) && !allowArray)) {
      throw new BackendError(`Ortelius answered ${what} with something that is not a JSON object (HTTP ${res.status})`, {
        status: res.status,
      });
    }
    return data as Json;
  }

  /** One HTTP exchange with retries; network errors become BackendError after the last attempt. */
  private async send(
    method: 'GET' | 'POST',
    url: string,
    payload: { body?: string; contentType?: string },
    idempotent: boolean,
    withToken: boolean,
  ): Promise<AxiosResponse<string>> {
    const what = `${method} ${url.split('?')[0]}`;
    const deadline = this.opts.deadline;
    for (let attempt = 0; ; attempt++) {
      deadline?.check(`${what} not sent`);
      const started = this.host.now().getTime();
      let res: AxiosResponse<string> | undefined;
      let netErr: unknown;
      try {
        this.requestCount++;
        res = await this.axios.request<string>({
          method,
          url,
          ...(deadline
            ? { timeout: Math.max(1, Math.min(this.opts.timeoutMs, deadline.remaining())), signal: deadline.requestSignal() }
            : {}),
          data: payload.body,
          headers: {
            ...(payload.contentType ? { 'Content-Type': payload.contentType } : {}),
            ...(withToken && this.token ? { Cookie: `token=${this.token}` } : {}),
            Accept: 'application/json',
          },
        });
      } catch (err) {
        netErr = err;
      }
      const ms = this.host.now().getTime() - started;
      this.host.log.debug(`ortelius: ${method} ${url} -> ${res ? `HTTP ${res.status}` : describeNetError(netErr)} (${ms} ms)`);
      if (!res && isTooLarge(netErr)) throw responseTooLarge(`Ortelius answered ${what}`, this.opts.maxResponseBytes);
      if (!res && deadline?.expired) throw deadline.error(`${what} got no complete answer`);
      const tlsProblem = !res && isTlsError(netErr);
      const retryable = res ? res.status >= 500 || res.status === 429 : !tlsProblem;
      if (!retryable && res) return res;
      if (retryable && idempotent && attempt < this.opts.retries) {
        const wait = this.backoff(attempt);
        if (deadline && wait >= deadline.remaining()) throw deadline.error(`${what} failed and no time is left to retry`);
        await sleep(wait);
        continue;
      }
      if (tlsProblem) {
        throw new BackendError(`cannot verify the TLS certificate of ${this.opts.baseUrl}: ${describeNetError(netErr)}`, {
          hint: "add the server's CA with --ca-cert FILE (or, knowingly, --insecure)",
        });
      }
      if (res) {
        throw new BackendError(`Ortelius answered HTTP ${res.status} to ${what}${attempt ? ` (after ${attempt + 1} attempts)` : ''}`, {
          status: res.status,
        });
      }
      throw new BackendError(
        `cannot reach Ortelius at ${this.opts.baseUrl}: ${describeNetError(netErr)} on ${what}${attempt ? ` (after ${attempt + 1} attempts)` : ''}`,
        {
          hint: 'check DHURL and that the server is up',
          // recovery.ts tells a lost answer (the request may have been applied) from a request never sent.
          cause: netErr,
        },
      );
    }
  }

  private backoff(attempt: number): number {
    const cap = Math.min(this.opts.retryMaxMs, this.opts.retryBaseMs * 2 ** attempt);
    return Math.round(cap / 2 + (Math.random() * cap) / 2);
  }
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/;

function isTlsError(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && TLS_CODES.test(code);
}

/** axios' own error when an answer passed maxContentLength. */
function isTooLarge(err: unknown): boolean {
  return axios.isAxiosError(err) && /maxContentLength/.test(err.message);
}

function describeNetError(err: unknown): string {
  if (axios.isAxiosError(err)) {
    if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT') return 'request timed out';
    return err.code ?? err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
