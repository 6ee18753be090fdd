/**
 * Deployments on an Ortelius server (sections 5.1 and 6): start with `GET /API/deploy`, follow
 * `/API/log/<id>?checkcomplete=Y` with an adaptive interval (about 1 s, growing to 10 s) and a deadline,
 * streaming new log lines as they appear; record-only deployments with `POST /API/deploy`.
 */
import type { DeploymentRecordSpec, FollowOptions, ServerDeploymentFacts } from '../backend.js';
import type { Deployment } from '../../model.js';
import { OperationFailedError, ShiplogError, TimeoutError } from '../../errors.js';
import type { Host } from '../../host.js';
import { deploymentFromSpec } from '../deployment-record.js';
import type { OrteliusHttp } from './http-client.js';
import type { ApplicationFlow } from './application-flow.js';
import { API, num, str, toDeployment } from './server-json.js';
import { deploymentKey, encodeDeployment } from './shiplog-attributes.js';

export interface PollSettings {
  /** First interval between polls. */
  initialMs: number;
  /** The interval grows by this factor per poll... */
  factor: number;
  /** ...up to this. */
  maxMs: number;
}

/** onWait is called at most this often (progress lines, not one per poll). */
const WAIT_REPORT_MS = 30_000;

export const DEFAULT_POLL: PollSettings = { initialMs: 1000, factor: 1.3, maxMs: 10_000 };

/** The wait after `current`: x factor, at most maxMs. */
export function nextPollInterval(current: number, poll: PollSettings): number {
  return Math.min(poll.maxMs, Math.round(current * poll.factor));
}

export class DeployFlow {
  /** What this instance started, by deployment id: the application version and the facts to store at the end. */
  private readonly started = new Map<number, { name: string; id: string; components: string[]; facts?: ServerDeploymentFacts }>();

  constructor(
    private readonly host: Host,
    private readonly http: OrteliusHttp,
    private readonly apps: ApplicationFlow,
    private readonly poll: PollSettings,
  ) {}

  async start(appVersion: { id: string; name: string; components: string[] }, environment: string, facts?: ServerDeploymentFacts): Promise<{ id: number }> {
    const appId = await this.apps.idOf(appVersion.name, appVersion.id);
    const r = await this.http.get(`${API}/deploy`, { query: { app: appId, env: environment, wait: 'N' }, envelope: 'success', idempotent: false });
    const id = num(r?.deploymentid);
    if (!Number.isFinite(id) || id < 0) {
      throw new OperationFailedError(`Ortelius could not start the deployment of ${appVersion.name} to ${environment}: ${str(r?.error) || 'no deployment id'}`);
    }
    this.started.set(id, { name: appVersion.name, id: appVersion.id, components: [...appVersion.components], ...(facts ? { facts } : {}) });
    return { id };
  }

  async follow(id: number, opts: FollowOptions): Promise<Deployment> {
    const started = this.host.now().getTime();
    const deadline = started + opts.timeoutMs;
    let interval = this.poll.initialMs;
    let seen = 0;
    let lastWait = started;
    for (;;) {
      if (opts.signal?.aborted) throw new OperationFailedError(`following deployment ${id} was cancelled`);
      const check = await this.http.get(`${API}/log/${id}`, { query: { checkcomplete: 'Y' }, envelope: 'success', idempotent: true });
      const done = check?.iscomplete === true || check?.iscomplete === 'Y';
      if (done || opts.onLog) {
        const log = await this.http.get(`${API}/log/${id}`, { envelope: 'success', idempotent: true });
        const lines = Array.isArray(log?.logoutput) ? log.logoutput.map(str) : [];
        if (lines.length > seen && opts.onLog) opts.onLog(lines.slice(seen).map((l) => this.host.redactor.redact(l)));
        seen = Math.max(seen, lines.length);
        if (done && log) {
          // Some server revisions name the application version without its domain in the log.
          const mine = this.started.get(id);
          const d = toDeployment(id, { ...log, complete: true, application: mine?.name ?? log.application }, mine?.components ?? []);
          const done = { ...d, log: d.log.map((l) => this.host.redactor.redact(l)), ...stored(mine?.facts) };
          // Kept on the application version like a recorded deployment: who ran it, an override, the CI context.
          if (mine?.facts) await this.apps.setAttributes(await this.apps.idOf(mine.name, mine.id), { [deploymentKey(id)]: encodeDeployment(this.host.redactor.redactValue(done)) });
          return done;
        }
      }
      const now = this.host.now().getTime();
      if (now >= deadline) {
        throw new TimeoutError(`deployment ${id} did not complete within ${formatMs(opts.timeoutMs)}`, {
          hint: 'raise --timeout, or look at the deployment in Ortelius',
        });
      }
      if (now - lastWait >= WAIT_REPORT_MS) {
        lastWait = now;
        opts.onWait?.(now - started);
      }
      await sleep(Math.min(interval, deadline - now), opts.signal);
      interval = nextPollInterval(interval, this.poll);
    }
  }

  async record(spec: DeploymentRecordSpec): Promise<Deployment> {
    const log = spec.log.map((l) => this.host.redactor.redact(l));
    const r = await this.http.post(`${API}/deploy`, {
      json: {
        application: spec.appVersion.name,
        environment: spec.environment,
        compversion: spec.appVersion.components,
        rc: spec.exitCode,
        log: log.join('%0A'),
        skipdeploy: 'Y',
      },
      envelope: 'deploy',
      idempotent: false,
    });
    const id = num(r?.deployid);
    if (!Number.isFinite(id)) throw new ShiplogError(`Ortelius answered POST /API/deploy with deployid ${str(r?.deployid)}`);
    const appVersion = str(r?.application) || spec.appVersion.name;
    const d = deploymentFromSpec(spec, { id, appVersionName: appVersion, log });
    // The log endpoint keeps neither how the deployment ran nor where from: keep them on the app version.
    const appId = Number.isFinite(num(r?.appid)) ? num(r?.appid) : await this.apps.idOf(appVersion, spec.appVersion.id);
    await this.apps.setAttributes(appId, { [deploymentKey(id)]: encodeDeployment(this.host.redactor.redactValue(d)) });
    return d;
  }
}

function stored(facts: ServerDeploymentFacts | undefined): Partial<Deployment> {
  if (!facts) return {};
  return {
    ...(facts.actor ? { actor: facts.actor } : {}),
    ...(facts.override ? { override: facts.override } : {}),
    ...(facts.provenance ? { provenance: facts.provenance } : {}),
  };
}

function formatMs(ms: number): string {
  return ms % 60_000 === 0 && ms >= 60_000 ? `${ms / 60_000} min` : ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
