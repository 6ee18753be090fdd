/**
 * Approvals and moves (section 5.4, with the reference's bugs fixed): ids are sent as numbers,
 * GetTasks is read as the bare array it is, and RunTask's `result` decides success.
 */
import type { MoveSpec } from '../backend.js';
import type { Approval } from '../../model.js';
import { ApprovalRejectedError, ApprovalRequiredError, BackendError, NotFoundError, OperationFailedError } from '../../errors.js';
import { enc, type OrteliusHttp } from './http-client.js';
import type { ApplicationFlow } from './application-flow.js';
import { API, UI, num, resultOf, str } from './server-json.js';

export class StageFlow {
  /** Domain ids by name, learned by this instance. */
  private readonly domains = new Map<string, number>();

  constructor(
    private readonly http: OrteliusHttp,
    private readonly apps: ApplicationFlow,
  ) {}

  async approve(approval: Approval): Promise<Approval> {
    const appId = await this.apps.idOf(approval.appVersion);
    await this.http.get(`${API}/approve/${appId}`, {
      query: { approve: approval.approved ? 'Y' : 'N', notes: approval.notes ?? '' },
      envelope: 'success',
      idempotent: false,
    });
    return approval;
  }

  async move(spec: MoveSpec): Promise<{ from: string; to: string }> {
    const appId = await this.apps.idOf(spec.appVersion.name, spec.appVersion.id);
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
      query: { f: 'run', tid: num(task.id), notes: '', id: appId, pid: domainId },
      envelope: 'result',
      idempotent: false,
    });
    if (r?.result !== true) {
      const output = str(r?.output) || 'no output';
      const text = `Ortelius refused to move ${spec.appVersion.name} from ${spec.from.name} to ${spec.to.name}: ${output}`;
      if (/reject/i.test(output)) throw new ApprovalRejectedError(text);
      if (/approv/i.test(output)) throw new ApprovalRequiredError(text, { hint: `run shiplog approve for ${spec.to.name} first` });
      throw new OperationFailedError(text);
    }
    return { from: spec.from.name, to: spec.to.name };
  }

  private async domainId(name: string): Promise<number> {
    const cached = this.domains.get(name);
    if (cached !== undefined) return cached;
    const r = await this.http.get(`${API}/domain/${enc(name)}`, { envelope: 'success', idempotent: true });
    const id = num(resultOf(r).id);
    if (!Number.isFinite(id)) throw new BackendError(`Ortelius answered the lookup of domain ${name} without result.id`);
    this.domains.set(name, id);
    return id;
  }
}
