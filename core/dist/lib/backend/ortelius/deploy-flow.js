import { OperationFailedError, ShiplogError, TimeoutError } from '../../errors.js';
import { deploymentFromSpec } from '../deployment-record.js';
import { API, num, str, toDeployment } from './server-json.js';
import { deploymentKey, encodeDeployment } from './shiplog-attributes.js';
/** onWait is called at most this often (progress lines, not one per poll). */
const WAIT_REPORT_MS = 30_000;
export const DEFAULT_POLL = { initialMs: 1000, factor: 1.3, maxMs: 10_000 };
/** The wait after `current`: x factor, at most maxMs. */
export function nextPollInterval(current, poll) {
    return Math.min(poll.maxMs, Math.round(current * poll.factor));
}
export class DeployFlow {
    host;
    http;
    apps;
    poll;
    /** Components of the application versions this instance started deployments of, by deployment id. */
    started = new Map();
    constructor(host, http, apps, poll) {
        this.host = host;
        this.http = http;
        this.apps = apps;
        this.poll = poll;
    }
    async start(appVersion, environment) {
        const appId = await this.apps.idOf(appVersion.name, appVersion.id);
        const r = await this.http.get(`${API}/deploy`, { query: { app: appId, env: environment, wait: 'N' }, envelope: 'success', idempotent: false });
        const id = num(r?.deploymentid);
        if (!Number.isFinite(id) || id < 0) {
            throw new OperationFailedError(`Ortelius could not start the deployment of ${appVersion.name} to ${environment}: ${str(r?.error) || 'no deployment id'}`);
        }
        this.started.set(id, { name: appVersion.name, components: [...appVersion.components] });
        return { id };
    }
    async follow(id, opts) {
        const started = this.host.now().getTime();
        const deadline = started + opts.timeoutMs;
        let interval = this.poll.initialMs;
        let seen = 0;
        let lastWait = started;
        for (;;) {
            if (opts.signal?.aborted)
                throw new OperationFailedError(`following deployment ${id} was cancelled`);
            const check = await this.http.get(`${API}/log/${id}`, { query: { checkcomplete: 'Y' }, envelope: 'success', idempotent: true });
            const done = check?.iscomplete === true || check?.iscomplete === 'Y';
            if (done || opts.onLog) {
                const log = await this.http.get(`${API}/log/${id}`, { envelope: 'success', idempotent: true });
                const lines = Array.isArray(log?.logoutput) ? log.logoutput.map(str) : [];
                if (lines.length > seen && opts.onLog)
                    opts.onLog(lines.slice(seen).map((l) => this.host.redactor.redact(l)));
                seen = Math.max(seen, lines.length);
                if (done && log) {
                    // Some server revisions name the application version without its domain in the log.
                    const mine = this.started.get(id);
                    const d = toDeployment(id, { ...log, complete: true, application: mine?.name ?? log.application }, mine?.components ?? []);
                    return { ...d, log: d.log.map((l) => this.host.redactor.redact(l)) };
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
    async record(spec) {
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
        if (!Number.isFinite(id))
            throw new ShiplogError(`Ortelius answered POST /API/deploy with deployid ${str(r?.deployid)}`);
        const appVersion = str(r?.application) || spec.appVersion.name;
        const d = deploymentFromSpec(spec, { id, appVersionName: appVersion, log });
        // The log endpoint keeps neither how the deployment ran nor where from: keep them on the app version.
        const appId = Number.isFinite(num(r?.appid)) ? num(r?.appid) : await this.apps.idOf(appVersion, spec.appVersion.id);
        await this.apps.setAttributes(appId, { [deploymentKey(id)]: encodeDeployment(this.host.redactor.redactValue(d)) });
        return d;
    }
}
function formatMs(ms) {
    return ms % 60_000 === 0 && ms >= 60_000 ? `${ms / 60_000} min` : ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
function sleep(ms, signal) {
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
