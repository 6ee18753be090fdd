/**
 * The `ortelius` backend: the Backend interface over an Ortelius/DeployHub server's REST API
 * (shared/ortelius-api.md; docs/ortelius.md). Opened lazily by the CLI with `await import('./ortelius/index.js')`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { AuthError, ConfigError, InvalidInputError } from '../../errors.js';
import { ApplicationFlow } from './application-flow.js';
import { ComponentFlow } from './component-flow.js';
import { DEFAULT_POLL, DeployFlow } from './deploy-flow.js';
import { OrteliusHttp } from './http-client.js';
import { QueryFlow } from './queries.js';
import { StageFlow } from './stage-flow.js';
export async function openOrteliusBackend(host, opts) {
    host.redactor.add(opts.password);
    const url = parseUrl(opts.url);
    // Credentials inside DHURL are secrets too.
    host.redactor.add(url.password);
    host.redactor.add(safeDecode(url.password));
    const missing = [!opts.user ? 'user (DHUSER or --dhuser)' : '', !opts.password ? 'password (DHPASS or --dhpass)' : ''].filter(Boolean);
    if (missing.length) {
        throw new AuthError(`the ortelius backend needs a ${missing.join(' and a ')}`, {
            hint: 'set DHUSER and DHPASS (prefer the DHPASS environment variable over --dhpass)',
        });
    }
    let caPem;
    if (opts.caCert) {
        const file = path.resolve(host.cwd, opts.caCert);
        try {
            caPem = await fs.readFile(file, 'utf8');
        }
        catch (err) {
            throw new ConfigError(`cannot read the CA certificate ${opts.caCert}: ${err.code ?? String(err)}`);
        }
    }
    if (opts.insecure)
        host.log.warn('TLS certificate verification is off for the Ortelius server (--insecure)');
    url.username = '';
    url.password = '';
    const location = url.toString().replace(/\/+$/, '');
    const http = new OrteliusHttp(host, {
        baseUrl: location,
        user: opts.user,
        password: opts.password,
        caPem,
        insecure: opts.insecure,
        timeoutMs: opts.timeoutMs ?? 60_000,
        retries: opts.retries ?? 3,
        retryBaseMs: opts.retryBaseMs ?? 300,
        retryMaxMs: opts.retryMaxMs ?? 3000,
    });
    const components = new ComponentFlow(http);
    const apps = new ApplicationFlow(http);
    const deploys = new DeployFlow(host, http, apps, { ...DEFAULT_POLL, ...opts.poll });
    const stages = new StageFlow(host, http, apps);
    const queries = new QueryFlow(http, apps);
    return {
        kind: 'ortelius',
        location,
        requestCount: () => http.requestCount,
        getComponentVersion: (full) => components.get(full),
        listComponentVersions: (base) => components.list(base),
        latestComponentVersion: (base) => components.latest(base),
        putComponentVersion: (spec) => components.put(spec),
        getApplicationVersion: (full) => apps.get(full),
        listApplicationVersions: (app) => apps.list(app),
        putApplicationVersion: (spec) => apps.put(spec),
        recordApproval: (a) => stages.approve(a),
        listApprovals: (appVersion) => stages.listApprovals(appVersion),
        moveApplicationVersion: (spec) => stages.move(spec),
        startDeployment: (av, env) => deploys.start(av, env),
        followDeployment: (id, o) => deploys.follow(id, o),
        recordDeployment: (spec) => deploys.record(spec),
        status: (filter) => queries.status(filter),
        history: (filter) => queries.history(filter),
        close: async () => http.close(),
    };
}
function parseUrl(raw) {
    let url;
    try {
        url = new URL(raw.trim());
    }
    catch {
        throw new InvalidInputError(`DHURL "${raw}" is not a URL`, { hint: 'e.g. https://console.deployhub.com' });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new InvalidInputError(`DHURL "${url.protocol}//${url.host}" must be an http or https URL`);
    }
    url.search = '';
    url.hash = '';
    return url;
}
function safeDecode(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}
