/**
 * Deployments on an Ortelius server (sections 5.1 and 6): start with `GET /API/deploy`, follow
 * `/API/log/<id>?checkcomplete=Y` with an adaptive interval (about 1 s, growing to 10 s) and a deadline,
 * streaming new log lines as they appear; record-only deployments with `POST /API/deploy`.
 */
import type { DeploymentRecordSpec, FollowOptions, ServerDeploymentFacts } from '../backend.js';
import type { Deployment } from '../../model.js';
import { OperationFailedError, TimeoutError } from '../../errors.js';
import type { Host } from '../../host.js';
import { deploymentFromSpec } from '../deployment-record.js';
import type { OrteliusHttp } from './http-client.js';
import type { ApplicationFlow } from './application-flow.js';
import { readDeploymentLog } from './log-reader.js';
import { recoverAfterLostAnswer } from './recovery.js';
import { API, num, serverId, str, toDeployment } from './server-json.js';
import { deploymentKey, encodeDeployment } from './shiplog-attributes.js';

export interface PollSettings {
  /** First interval between polls. */
  initialMs: number;
  /** The interval grows by this factor per poll... */
  factor: number;
  /** ...up to this. */
  maxMs: number;
}

export const DEFAULT_POLL: PollSettings = { initialMs: 1000, factor: 1.3, maxMs: 10_000 };

/** The wait after `current`: x factor, at most maxMs. */
export function nextPollInterval(current: number, poll: PollSettings): number {
  return Math.min(poll.maxMs, Math.round(current * poll.factor));
}

/** Lines of a followed deployment's log kept in memory (and in the result); the rest are streamed and dropped. */
export const KEPT_LOG_LINES = 5000;

/** A log longer than this many lines is read at most every BIG_LOG_READ_MS while the deployment runs. */
const BIG_LOG_LINES = 5000;
const BIG_LOG_READ_MS = 5000;

/** How far back a deployment whose start answer was lost is looked for (deployment ids, newest first)... */
const RECENT_DEPLOYMENTS = 20;
/** ...and how recent it must be (by its `started` time; clocks may differ a little). */
const RECENT_MS = 15 * 60_000;

export class DeployFlow {
  /** What this instance started, by deployment id: the application version and the facts to store at the end. */
  private readonly started = new Map<number, { name: string; id: string; components: string[]; facts?: ServerDeploymentFacts }>();

  constructor(
    private readonly host: Host,
    private readonly http: OrteliusHttp,
    private readonly apps: ApplicationFlow,
    private readonly poll: PollSettings,
  ) {}

  /**
   * `GET /API/deploy?app=&env=&wait=N`. With `opts.key` (the build's deployment key) the start is recorded on
   * the application version first (`ShiplogDeploy_<env>`), so that a re-run of the same build follows the
   * deployment it already started instead of starting a second one, even when the start's answer was lost.
   * `opts.facts` (who, an override, the CI context) are stored with the deployment when follow sees it finish.
   */
  async start(
    appVersion: { id: string; name: string; components: string[] },
    environment: string,
    opts: { key?: string; facts?: ServerDeploymentFacts } = {},
  ): Promise<{ id: number }> {
    const appId = await this.apps.idOf(appVersion.name, appVersion.id);
    const remember = (id: number) =>
      this.started.set(id, {
        name: appVersion.name,
        id: appVersion.id,
        components: [...appVersion.components],
        ...(opts.facts ? { facts: opts.facts } : {}),
      });
    const marker = deployMarkerKey(environment);
    if (opts.key) {
      const prev = parseMarker((await this.apps.attributes(appId))[marker]);
      if (prev?.key === opts.key) {
        const adopted = prev.id !== undefined ? prev.id : await this.findStarted(appVersion.name, environment);
        if (adopted !== undefined && !(await this.failed(adopted))) {
          this.host.log.info(
            `deployment ${adopted} of ${appVersion.name} to ${environment} was already started by this build; following it`,
          );
          if (prev.id === undefined) await this.apps.setAttributes(appId, { [marker]: JSON.stringify({ key: opts.key, id: adopted }) });
          remember(adopted);
          return { id: adopted };
        }
      }
      await this.apps.setAttributes(appId, { [marker]: JSON.stringify({ key: opts.key }) });
    }
    const call = `GET ${API}/deploy`;
    const r = await recoverAfterLostAnswer(
      () =>
        this.http.get(`${API}/deploy`, {
          query: { app: appId, env: environment, wait: 'N' },
          envelope: 'success',
          idempotent: false,
          refusal: true,
        }),
      async () => {
        const id = await this.findStarted(appVersion.name, environment);
        return id === undefined ? undefined : { success: true, deploymentid: id };
      },
    );
    const raw = num(r?.deploymentid);
    if (Number.isFinite(raw) && raw < 0) {
      throw new OperationFailedError(
        `Ortelius could not start the deployment of ${appVersion.name} to ${environment}: ${str(r?.error) || 'no deployment id'}`,
      );
    }
    const id = serverId(r?.deploymentid, 'deployment', call);
    if (opts.key) await this.apps.setAttributes(appId, { [marker]: JSON.stringify({ key: opts.key, id }) });
    remember(id);
    return { id };
  }

  async follow(id: number, opts: FollowOptions): Promise<Deployment> {
    const started = this.host.now().getTime();
    const deadline = started + opts.timeoutMs;
    let interval = this.poll.initialMs;
    let seen = 0;
    let lastRead = 0;
    const redact = (lines: string[]) => lines.map((l) => this.host.redactor.redact(l));
    for (;;) {
      if (opts.signal?.aborted) throw new OperationFailedError(`following deployment ${id} was cancelled`);
      const check = await this.http.get(`${API}/log/${id}`, { query: { checkcomplete: 'Y' }, envelope: 'success', idempotent: true });
      const done = check?.iscomplete === true || check?.iscomplete === 'Y';
      // Every read answers the whole log: once it is long, new lines are read at most every few seconds
      // (and once more at the end), not at every poll.
      const due = seen < BIG_LOG_LINES || this.host.now().getTime() - lastRead >= BIG_LOG_READ_MS;
      if (done || (opts.onLog && due)) {
        lastRead = this.host.now().getTime();
        // Streamed: the lines already seen are skipped without being kept (log-reader.ts).
        const log = await readDeploymentLog(this.http, id, {
          seen,
          keep: KEPT_LOG_LINES,
          onNew: opts.onLog ? (lines) => opts.onLog!(redact(lines)) : undefined,
        });
        seen = Math.max(seen, log.total);
        if (done) {
          // Some server revisions name the application version without its domain in the log.
          const mine = this.started.get(id);
          const d = toDeployment(
            id,
            { ...log.header, logoutput: log.tail, complete: true, application: mine?.name ?? log.header.application },
            mine?.components ?? [],
          );
          const finished = { ...d, log: redact(d.log), ...stored(mine?.facts) };
          // Kept on the application version like a recorded deployment: who ran it, an override, the CI context.
          if (mine?.facts)
            await this.apps.setAttributes(await this.apps.idOf(mine.name, mine.id), {
              [deploymentKey(id)]: encodeDeployment(this.host.redactor.redactValue(finished)),
            });
          return finished;
        }
      }
      const now = this.host.now().getTime();
      if (now >= deadline) {
        throw new TimeoutError(`deployment ${id} did not complete within ${formatMs(opts.timeoutMs)}`, {
          hint: 'raise --timeout, or look at the deployment in Ortelius',
        });
      }
      // The log endpoint's only status while a deployment runs is "not complete"; the lines read so far tell more.
      opts.onStatus?.(`running (not complete), ${seen} log line${seen === 1 ? '' : 's'}`);
      await sleep(Math.min(interval, deadline - now), opts.signal);
      interval = nextPollInterval(interval, this.poll);
    }
  }

  /**
   * `POST /API/deploy` (skipdeploy), then the facts the server does not keep on the application version. With
   * `key`, a re-run of the same build that already recorded this deployment records nothing new.
   */
  async record(spec: DeploymentRecordSpec): Promise<Deployment> {
    const opts = { key: spec.key };
    const log = spec.log.map((l) => this.host.redactor.redact(l));
    const marker = deployMarkerKey(spec.environment);
    let knownAppId: number | undefined;
    if (opts.key) {
      knownAppId = await this.apps.idOf(spec.appVersion.name, spec.appVersion.id);
      const prev = parseMarker((await this.apps.attributes(knownAppId))[marker]);
      const adopted = prev?.key === opts.key ? (prev.id ?? (await this.findStarted(spec.appVersion.name, spec.environment))) : undefined;
      if (adopted !== undefined) {
        this.host.log.info(`deployment ${adopted} of ${spec.appVersion.name} to ${spec.environment} was already recorded by this build`);
        const d = deploymentFromSpec(spec, { id: adopted, appVersionName: spec.appVersion.name, log });
        await this.apps.setAttributes(knownAppId, {
          [marker]: JSON.stringify({ key: opts.key, id: adopted }),
          [deploymentKey(adopted)]: encodeDeployment(this.host.redactor.redactValue(d)),
        });
        return d;
      }
      await this.apps.setAttributes(knownAppId, { [marker]: JSON.stringify({ key: opts.key }) });
    }
    const call = `POST ${API}/deploy`;
    const r = await recoverAfterLostAnswer(
      () =>
        this.http.post(`${API}/deploy`, {
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
        }),
      async () => {
        const id = await this.findStarted(spec.appVersion.name, spec.environment);
        return id === undefined ? undefined : { deployid: id };
      },
    );
    const id = serverId(r?.deployid, 'deployment', call);
    const appVersion = str(r?.application) || spec.appVersion.name;
    const d = deploymentFromSpec(spec, { id, appVersionName: appVersion, log });
    // The log endpoint keeps neither how the deployment ran nor where from: keep them on the app version.
    // An `appid` the server sent must be a real id: 0, null or a negative one is never written to.
    const appId =
      r && 'appid' in r ? serverId(r.appid, 'application', call) : (knownAppId ?? (await this.apps.idOf(appVersion, spec.appVersion.id)));
    await this.apps.setAttributes(appId, {
      ...(opts.key ? { [marker]: JSON.stringify({ key: opts.key, id }) } : {}),
      [deploymentKey(id)]: encodeDeployment(this.host.redactor.redactValue(d)),
    });
    return d;
  }

  /** A deployment that completed with a non-zero exit code (a re-run starts a new one then). */
  private async failed(id: number): Promise<boolean> {
    const r = await this.http.get(`${API}/log/${id}`, {
      query: { filelist: 'Y' },
      envelope: 'success',
      idempotent: true,
      notFoundOk: true,
    });
    if (!r) return true;
    const complete = r.complete === true || r.complete === 'Y';
    return complete && num(r.exitcode) !== 0;
  }

  /**
   * The newest deployment of this application version to this environment among the last few: the one a start
   * (or a record) whose answer was lost made. Log headers only (`filelist=Y`): no log lines are read.
   */
  private async findStarted(appVersion: string, environment: string): Promise<number | undefined> {
    const newest = await newestDeploymentId(this.http);
    const short = appVersion.slice(appVersion.lastIndexOf('.', appVersion.indexOf(';') < 0 ? undefined : appVersion.indexOf(';')) + 1);
    for (let id = newest; id >= 1 && id > newest - RECENT_DEPLOYMENTS; id--) {
      const r = await this.http.get(`${API}/log/${id}`, {
        query: { filelist: 'Y' },
        envelope: 'success',
        idempotent: true,
        notFoundOk: true,
      });
      if (!r) continue;
      const app = str(r.application);
      if ((app !== appVersion && app !== short) || str(r.environment) !== environment) continue;
      const at = Date.parse(str(r.started));
      return Number.isNaN(at) || at >= this.host.now().getTime() - RECENT_MS ? id : undefined;
    }
    return undefined;
  }
}

/** The attribute that keeps, per environment, which build started (or recorded) the last deployment. */
export function deployMarkerKey(environment: string): string {
  return `ShiplogDeploy_${environment}`;
}

function parseMarker(v: string | undefined): { key: string; id?: number } | undefined {
  if (!v) return undefined;
  try {
    const o = JSON.parse(v) as { key?: unknown; id?: unknown };
    if (typeof o.key !== 'string') return undefined;
    const id = num(o.id);
    return { key: o.key, ...(Number.isInteger(id) && id > 0 ? { id } : {}) };
  } catch {
    return undefined;
  }
}

/** The highest deployment id: exponential probe, then binary search (ids are dense from 1). */
export async function newestDeploymentId(http: OrteliusHttp): Promise<number> {
  const exists = async (id: number) =>
    !!(await http.get(`${API}/log/${id}`, { query: { checkcomplete: 'Y' }, envelope: 'success', idempotent: true, notFoundOk: true }));
  if (!(await exists(1))) return 0;
  let lo = 1;
  let hi = 2;
  while (await exists(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await exists(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
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
