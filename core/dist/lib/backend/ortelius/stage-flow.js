import { ApprovalRejectedError, ApprovalRequiredError, BackendError, InvalidInputError, NotFoundError, OperationFailedError, } from '../../errors.js';
import { enc } from './http-client.js';
import { API, UI, num, resultOf, str } from './server-json.js';
import { STAGE_KEY, approvalKey, approvalsFrom, encodeApproval } from './shiplog-attributes.js';
export class StageFlow {
    host;
    http;
    apps;
    /** Domain ids by name, learned by this instance. */
    domains = new Map();
    constructor(host, http, apps) {
        this.host = host;
        this.http = http;
        this.apps = apps;
    }
    async approve(approval) {
        const appId = await this.apps.idOf(approval.appVersion);
        const clean = this.host.redactor.redactValue(approval);
        await this.http.get(`${API}/approve/${appId}`, {
            query: { approve: clean.approved ? 'Y' : 'N', notes: clean.notes ?? '' },
            envelope: 'success',
            idempotent: false,
        });
        await this.apps.setAttributes(appId, { [approvalKey(clean.stage)]: encodeApproval(clean) });
        return clean;
    }
    async listApprovals(appVersion) {
        const appId = await this.apps.idOf(appVersion).catch((err) => {
            if (err instanceof NotFoundError)
                return undefined;
            throw err;
        });
        if (appId === undefined)
            return [];
        return approvalsFrom(appVersion, await this.apps.attributes(appId));
    }
    async move(spec) {
        const name = spec.appVersion.name;
        const appId = await this.apps.idOf(name, spec.appVersion.id);
        const attrs = await this.apps.attributes(appId);
        const stage = attrs[STAGE_KEY];
        if (stage && stage !== spec.from.name) {
            throw new InvalidInputError(`${name} is in stage "${stage}", not "${spec.from.name}"`, { hint: 'omit --from to move from the current stage' });
        }
        if (spec.requiresApproval) {
            const decision = approvalsFrom(name, attrs).find((a) => a.stage === spec.to.name);
            if (!decision) {
                throw new ApprovalRequiredError(`${name} has no approval for ${spec.to.name}`, { hint: `run shiplog approve --stage ${spec.to.name} first` });
            }
            if (!decision.approved) {
                throw new ApprovalRejectedError(`${name} was rejected for ${spec.to.name} by ${decision.by} at ${decision.at}`);
            }
        }
        const domainId = await this.domainId(spec.from.domain);
        const tasks = await this.http.getArray(`${UI}/GetTasks`, { query: { domainid: domainId }, idempotent: true });
        const task = tasks.find((t) => str(t.name) === spec.task);
        if (!task) {
            const names = tasks.map((t) => `"${str(t.name)}"`).join(', ') || 'none';
            throw new NotFoundError(`no task "${spec.task}" in Ortelius domain ${spec.from.domain} (tasks: ${names})`, {
                hint: 'set the stage\'s task in shiplog.toml, or pass --task',
            });
        }
        const r = await this.http.get(`${UI}/RunTask`, {
            query: { f: 'run', tid: num(task.id), notes: this.host.redactor.redact(spec.notes ?? ''), id: appId, pid: domainId },
            envelope: 'result',
            idempotent: false,
        });
        if (r?.result !== true) {
            const output = str(r?.output) || 'no output';
            const text = `Ortelius refused to move ${name} from ${spec.from.name} to ${spec.to.name}: ${output}`;
            if (/reject/i.test(output))
                throw new ApprovalRejectedError(text);
            if (/approv/i.test(output))
                throw new ApprovalRequiredError(text, { hint: `run shiplog approve --stage ${spec.to.name} first` });
            throw new OperationFailedError(text);
        }
        await this.apps.setAttributes(appId, { [STAGE_KEY]: spec.to.name });
        return { from: spec.from.name, to: spec.to.name };
    }
    async domainId(name) {
        const cached = this.domains.get(name);
        if (cached !== undefined)
            return cached;
        const r = await this.http.get(`${API}/domain/${enc(name)}`, { envelope: 'success', idempotent: true });
        const id = num(resultOf(r).id);
        if (!Number.isFinite(id))
            throw new BackendError(`Ortelius answered the lookup of domain ${name} without result.id`);
        this.domains.set(name, id);
        return id;
    }
}
