/**
 * The `ortelius` backend: the Backend interface over an Ortelius/DeployHub server's REST API
 * (shared/ortelius-api.md; docs/ortelius.md). Opened lazily by the CLI with `await import('./ortelius/index.js')`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Backend } from '../backend.js';
import { AuthError, ConfigError, InvalidInputError, NotSupportedError } from '../../errors.js';
import type { Deadline } from '../../deadline.js';
import type { Host } from '../../host.js';
import { maxResponseBytes } from '../../response-limit.js';
import { isLoopback } from '../loopback.js';
import { ApplicationFlow } from './application-flow.js';
import { Catalog } from './catalog.js';
import { ComponentFlow } from './component-flow.js';
import { DEFAULT_POLL, DeployFlow, type PollSettings } from './deploy-flow.js';
import { OrteliusHttp } from './http-client.js';
import { QueryFlow } from './queries.js';
import { RecordFlow } from './record-flow.js';
import { StageFlow } from './stage-flow.js';

export interface OrteliusOptions {
  url: string;
  user?: string;
  password?: string;
  /** PEM file with an extra CA (resolved against host.cwd). */
  caCert?: string;
  insecure?: boolean;
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number;
  /** Retries of idempotent calls after network errors, 5xx and 429 (default 3). */
  retries?: number;
  /** First retry delay, doubling per retry with jitter (default 300 ms, capped at retryMaxMs = 3 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Deployment polling (default: 1 s, x1.3 per poll, at most 10 s). */
  poll?: Partial<PollSettings>;
  /** The command's deadline (--timeout): no request or retry goes past it. */
  deadline?: Deadline;
  /** Largest answer read, in bytes (default 32 MiB). */
  maxResponseBytes?: number;
}

export interface OrteliusBackend extends Backend {
  readonly kind: 'ortelius';
  /** HTTP requests sent so far (attempts, logins included). */
  requestCount(): number;
}

export async function openOrteliusBackend(host: Host, opts: OrteliusOptions): Promise<OrteliusBackend> {
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
  let caPem: string | undefined;
  if (opts.caCert) {
    const file = path.resolve(host.cwd, opts.caCert);
    try {
      caPem = await fs.readFile(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`cannot read the CA certificate ${opts.caCert}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  }
  if (opts.insecure) host.log.warn('TLS certificate verification is off for the Ortelius server (--insecure)');
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    host.log.warn(`DHPASS and the session token go to ${url.host} over plain http, readable on the way: use an https DHURL`);
  }
  url.username = '';
  url.password = '';
  const location = url.toString().replace(/\/+$/, '');
  const http = new OrteliusHttp(host, {
    baseUrl: location,
    user: opts.user!,
    password: opts.password!,
    caPem,
    insecure: opts.insecure,
    timeoutMs: opts.timeoutMs ?? 60_000,
    retries: opts.retries ?? 3,
    retryBaseMs: opts.retryBaseMs ?? 300,
    retryMaxMs: opts.retryMaxMs ?? 3000,
    maxResponseBytes: opts.maxResponseBytes ?? maxResponseBytes(undefined),
    ...(opts.deadline ? { deadline: opts.deadline } : {}),
  });
  const components = new ComponentFlow(http);
  const apps = new ApplicationFlow(http);
  const deploys = new DeployFlow(host, http, apps, { ...DEFAULT_POLL, ...opts.poll });
  const stages = new StageFlow(host, http, apps);
  const queries = new QueryFlow(http, apps);
  const catalog = new Catalog(http);
  const records = new RecordFlow(apps, components);

  return {
    kind: 'ortelius',
    location,
    requestCount: () => http.requestCount,
    getComponentVersion: (full) => components.get(full),
    listComponentVersions: (base) => components.list(base),
    latestComponentVersion: (base) => components.latest(base),
    putComponentVersion: (spec) => components.put(spec),
    attachSboms: (cv, sboms) => components.sboms.upload(cv, sboms),
    probeSboms: async () => {
      await components.sboms.probe();
    },
    getApplicationVersion: (full) => apps.get(full),
    listApplicationVersions: (app) => apps.list(app),
    putApplicationVersion: (spec) => apps.put(spec),
    recordApproval: (a) => stages.approve(a),
    listApprovals: (appVersion) => stages.listApprovals(appVersion),
    applicationVersionRecord: (full, opts) => records.record(full, opts),
    listApplications: () => queries.applications(),
    moveApplicationVersion: (spec) => stages.move(spec),
    startDeployment: (av, env, o) => deploys.start(av, env, o),
    followDeployment: (id, o) => deploys.follow(id, o),
    recordDeployment: (spec) => deploys.record(spec),
    status: (filter) => queries.status(filter),
    history: (filter) => queries.history(filter),
    resolveEnvironment: (name, o) => catalog.environment(name, o),
    resolveDomain: (name, o) => catalog.domain(name, o),
    moveTasks: (domainId) => catalog.moveTasks(domainId),
    // Desired state (docs/intent.md): the server has no place for custom state, leases or undeployments.
    getCustomState: noPlace('custom state'),
    setCustomState: noPlace('custom state'),
    customStateHistory: noPlace('custom state'),
    getLease: noPlace('apply leases'),
    acquireLease: noPlace('apply leases'),
    renewLease: noPlace('apply leases'),
    releaseLease: noPlace('apply leases'),
    recordUndeployment: noPlace('undeployments'),
    close: async () => http.close(),
  };
}

/** A refusal, in one line, of what the server cannot hold (exit 2). */
function noPlace(what: string): () => Promise<never> {
  return () =>
    Promise.reject(
      new NotSupportedError(`the Ortelius server has no place for ${what}: use a store (local, git+..., postgres://...) for this command`, {
        hint: 'plan works against Ortelius; state and apply need a store (docs/intent.md "Works on every store")',
      }),
    );
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InvalidInputError(`DHURL "${raw}" is not a URL`, { hint: 'e.g. https://console.deployhub.com' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInputError(`DHURL "${url.protocol}//${url.host}" must be an http or https URL`);
  }
  url.search = '';
  url.hash = '';
  return url;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
