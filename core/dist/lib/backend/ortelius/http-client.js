/**
 * HTTP session with an Ortelius/DeployHub server (shared/ortelius-api.md sections 2-4):
 * form login, then only `Cookie: token=<jwt>`; one re-login when the token is refused; per-request timeout;
 * bounded retries with exponential backoff and jitter for network errors, 5xx and 429 on idempotent calls;
 * envelope checks and the mapping of failures onto the error catalogue.
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import axios from 'axios';
import { AuthError, BackendError } from '../../errors.js';
import { AUTH_REFUSED, NOT_FOUND, businessError, malformed, tokenFromCookies, tryParse } from './envelopes.js';
import { buildQuery, enc } from './url-encoding.js';
export { enc, buildQuery };
export class OrteliusHttp {
    host;
    opts;
    /** HTTP requests sent (attempts, login included): the benchmark's unit. */
    requestCount = 0;
    token;
    loginPromise;
    axios;
    agents;
    constructor(host, opts) {
        this.host = host;
        this.opts = opts;
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
            transformResponse: [(d) => d],
            validateStatus: () => true,
        });
    }
    close() {
        for (const a of this.agents)
            a.destroy();
    }
    async get(path, opts) {
        return this.call('GET', path, opts);
    }
    async post(path, opts) {
        return this.call('POST', path, opts);
    }
    /** GetTasks answers a bare array. */
    async getArray(path, opts) {
        const r = await this.call('GET', path, { ...opts, envelope: 'array' });
        return r?.items ?? [];
    }
    async ensureLogin() {
        if (this.token)
            return;
        this.loginPromise ??= this.login().finally(() => {
            this.loginPromise = undefined;
        });
        await this.loginPromise;
    }
    async login() {
        const body = `user=${enc(this.opts.user)}&pass=${enc(this.opts.password)}`;
        const res = await this.send('POST', '/dmadminweb/API/login', { body, contentType: 'application/x-www-form-urlencoded' }, true, false);
        const data = this.parse(res, 'POST /dmadminweb/API/login');
        if (res.status !== 200) {
            throw new BackendError(`Ortelius answered HTTP ${res.status} to POST /dmadminweb/API/login`, { status: res.status, hint: 'is DHURL the server\'s base URL?' });
        }
        if (data.success !== true) {
            const why = typeof data.error === 'string' && data.error ? data.error : 'no success flag';
            throw new AuthError(`Ortelius login as "${this.opts.user}" failed: ${why}`, {
                hint: 'check DHUSER/DHPASS (or --dhuser/--dhpass) and DHURL',
            });
        }
        const token = typeof data.token === 'string' && data.token ? data.token : tokenFromCookies(res.headers['set-cookie']);
        if (!token)
            throw new BackendError('Ortelius login answered without a token', { status: res.status });
        this.host.redactor.add(token);
        this.token = token;
    }
    async call(method, path, opts) {
        const what = `${method} ${path}`;
        const url = path + buildQuery(opts.query);
        const body = opts.rawJson ?? (opts.json === undefined ? undefined : JSON.stringify(opts.json));
        let relogged = false;
        for (;;) {
            await this.ensureLogin();
            const res = await this.send(method, url, { body, contentType: body === undefined ? undefined : 'application/json' }, opts.idempotent, true);
            if (this.refused(res) && !relogged) {
                this.host.log.debug(`ortelius: token refused on ${what}; logging in again`);
                this.token = undefined;
                relogged = true;
                continue;
            }
            if (this.refused(res)) {
                throw new AuthError(`Ortelius refused the session on ${what} right after logging in`, { hint: 'check the user\'s permissions and DHURL' });
            }
            return this.check(res, what, opts);
        }
    }
    refused(res) {
        // UI servlets answer an expired session with a redirect to the login page.
        if (res.status === 401 || res.status === 403 || (res.status >= 300 && res.status < 400))
            return true;
        if (res.status !== 200)
            return false;
        const data = tryParse(res.data);
        return !!data && !Array.isArray(data) && data.success === false && typeof data.error === 'string' && AUTH_REFUSED.test(data.error);
    }
    check(res, what, opts) {
        if (res.status >= 300 && res.status < 400) {
            throw new BackendError(`Ortelius answered a redirect (HTTP ${res.status}) to ${what}`, { status: res.status, hint: 'is DHURL the server\'s base URL?' });
        }
        if (res.status >= 400) {
            if (res.status === 404 && opts.notFoundOk)
                return undefined;
            throw new BackendError(`Ortelius answered HTTP ${res.status} to ${what}`, { status: res.status });
        }
        if (opts.envelope === 'status') {
            const data = tryParse(res.data);
            return data && !Array.isArray(data) ? data : {};
        }
        const data = this.parse(res, what, opts.envelope === 'array');
        switch (opts.envelope) {
            case 'array':
                if (!Array.isArray(data))
                    throw malformed(what, 'a JSON array');
                return { items: data };
            case 'result':
                if (typeof data.result !== 'boolean')
                    throw malformed(what, 'a `result` field');
                return data;
            case 'deploy':
                if (typeof data.errormsg === 'string' && data.errormsg)
                    throw businessError(data.errormsg, what);
                if (typeof data.deployid !== 'number' && typeof data.deployid !== 'string')
                    throw malformed(what, '`deployid` or `errormsg`');
                return data;
            case 'success':
            default:
                if (data.success === true)
                    return data;
                if (data.success === false) {
                    const msg = typeof data.error === 'string' && data.error ? data.error : 'unknown error';
                    if (opts.notFoundOk && NOT_FOUND.test(msg))
                        return undefined;
                    throw businessError(msg, what);
                }
                throw malformed(what, 'a `success` field');
        }
    }
    parse(res, what, allowArray = false) {
        const data = tryParse(res.data);
        if (data === undefined || (Array.isArray(data) && !allowArray)) {
            throw new BackendError(`Ortelius answered ${what} with something that is not a JSON object (HTTP ${res.status})`, { status: res.status });
        }
        return data;
    }
    /** One HTTP exchange with retries; network errors become BackendError after the last attempt. */
    async send(method, url, payload, idempotent, withToken) {
        const what = `${method} ${url.split('?')[0]}`;
        for (let attempt = 0;; attempt++) {
            const started = this.host.now().getTime();
            let res;
            let netErr;
            try {
                this.requestCount++;
                res = await this.axios.request({
                    method,
                    url,
                    data: payload.body,
                    headers: {
                        ...(payload.contentType ? { 'Content-Type': payload.contentType } : {}),
                        ...(withToken && this.token ? { Cookie: `token=${this.token}` } : {}),
                        Accept: 'application/json',
                    },
                });
            }
            catch (err) {
                netErr = err;
            }
            const ms = this.host.now().getTime() - started;
            this.host.log.debug(`ortelius: ${method} ${url} -> ${res ? `HTTP ${res.status}` : describeNetError(netErr)} (${ms} ms)`);
            const tlsProblem = !res && isTlsError(netErr);
            const retryable = res ? res.status >= 500 || res.status === 429 : !tlsProblem;
            if (!retryable && res)
                return res;
            if (retryable && idempotent && attempt < this.opts.retries) {
                await sleep(this.backoff(attempt));
                continue;
            }
            if (tlsProblem) {
                throw new BackendError(`cannot verify the TLS certificate of ${this.opts.baseUrl}: ${describeNetError(netErr)}`, {
                    hint: 'add the server\'s CA with --ca-cert FILE (or, knowingly, --insecure)',
                });
            }
            if (res) {
                throw new BackendError(`Ortelius answered HTTP ${res.status} to ${what}${attempt ? ` (after ${attempt + 1} attempts)` : ''}`, {
                    status: res.status,
                });
            }
            throw new BackendError(`cannot reach Ortelius at ${this.opts.baseUrl}: ${describeNetError(netErr)} on ${what}${attempt ? ` (after ${attempt + 1} attempts)` : ''}`, {
                hint: 'check DHURL and that the server is up',
            });
        }
    }
    backoff(attempt) {
        const cap = Math.min(this.opts.retryMaxMs, this.opts.retryBaseMs * 2 ** attempt);
        return Math.round(cap / 2 + (Math.random() * cap) / 2);
    }
}
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/;
function isTlsError(err) {
    const code = err?.code;
    return typeof code === 'string' && TLS_CODES.test(code);
}
function describeNetError(err) {
    if (axios.isAxiosError(err)) {
        if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT')
            return 'request timed out';
        return err.code ?? err.message;
    }
    return err instanceof Error ? err.message : String(err);
}
function sleep(ms) {
    return new Promise((r) => setTimeout(r, ms));
}
