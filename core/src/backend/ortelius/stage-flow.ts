/**
 * Approvals and moves (section 5.4, with the reference's bugs fixed): ids are sent as numbers,
 * GetTasks is read as the bare array it is, and RunTask's `result` decides success.
 * The server keeps no per-stage approval shiplog can read back, so every decision is also kept as an attribute
 * of the application version (shiplog-attributes.ts), and so are the moves and the stage a move lands in.
 * The release policy is judged by the core before these calls (policy/gate.ts; the server has no transaction to
 * re-check it in); the server's own approval check on RunTask still applies. A move without a gate (a library
 * caller) gets the legacy check, a standing approval, judged by the same gate function.
 */
import type { MoveSpec } from '../backend.js';
import type { Approval, Override } from '../../model.js';
import {
  ApprovalRejectedError,
  ApprovalRequiredError,
  BackendError,
  InvalidInputError,
  NotFoundError,
  OperationFailedError,
} from '../../errors.js';
import type { Host } from '../../host.js';
import { enforceGate, legacyMoveCheck } from '../../policy/enforce.js';
import { enc, type OrteliusHttp } from './http-client.js';
import type { ApplicationFlow } from './application-flow.js';
import { API, UI, num, resultOf, serverId, str } from './server-json.js';
import { answerLost, buildKeyOf, parseOnceMarker } from './recovery.js';
import { STAGE_KEY, approvalKey, approvalsFrom, decisionKey, encodeApproval, encodeMove, moveKey } from './shiplog-attributes.js';

export class StageFlow {
  /** Domain ids by name, learned by this instance. */
  private readonly domains = new Map<string, number>();

  constructor(
    private readonly host: Host,
    private readonly http: OrteliusHttp,
    private readonly apps: ApplicationFlow,
  ) {}

  async approve(approval: Approval): Promise<Approval> {
    const appId = await this.apps.idOf(approval.appVersion);
    let clean = this.host.redactor.redactValue(approval);
    const build = buildKeyOf(clean.provenance);
    // read only when needed: an approval may override the last rejection; in CI the marker is checked
    const attrs = clean.approved || build ? await this.apps.attributes(appId) : {};
    if (clean.approved) {
      const last = approvalsFrom(clean.appVersion, attrs)
        .filter((a) => a.stage === clean.stage)
        .pop();
      if (last && !last.approved) clean = { ...clean, overrides: { by: last.by, at: last.at } };
    }
    const once = {
      marker: approveMarkerKey(clean.stage),
      key: build && JSON.stringify([build, clean.stage, clean.approved, clean.notes ?? '']),
    };
    const sent = await this.sendOnce(appId, attrs, once, `approve ${clean.appVersion} for ${clean.stage}`, async () => {
      await this.http.get(`${API}/approve/${appId}`, {
        query: { approve: clean.approved ? 'Y' : 'N', notes: clean.notes ?? '' },
        envelope: 'success',
        idempotent: false,
        refusal: true,
      });
    });
    if (sent === 'done') return clean;
    const stored = encodeApproval(clean);
    await this.apps.setAttributes(appId, { [approvalKey(clean.stage)]: stored, [decisionKey(clean.at)]: stored, ...doneMarker(once) });
    return clean;
  }

  async listApprovals(appVersion: string): Promise<Approval[]> {
    const appId = await this.apps.idOf(appVersion).catch((err: unknown) => {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    });
    if (appId === undefined) return [];
    return approvalsFrom(appVersion, await this.apps.attributes(appId));
  }

  async move(spec: MoveSpec): Promise<{ from: string; to: string; override?: Override }> {
    const name = spec.appVersion.name;
    const appId = await this.apps.idOf(name, spec.appVersion.id);
    const attrs = await this.apps.attributes(appId);
    const stage = attrs[STAGE_KEY];
    // A from-stage that is a domain of the server (dh's --from_domain, not a stage of the config) is trusted:
    // RunTask refuses a version that is not there.
    if (stage && stage !== spec.from.name && stage !== spec.from.domain && !spec.from.name.includes('.')) {
      throw new InvalidInputError(`${name} is in stage "${stage}", not "${spec.from.name}"`, {
        hint: 'omit --from to move from the current stage',
      });
    }
    const legacy = spec.gate ? undefined : legacyMoveCheck(spec);
    if (legacy) {
      const record = { appVersion: spec.appVersion, components: [], approvals: approvalsFrom(name, attrs), moves: [], deployments: [] };
      enforceGate(legacy, record, { action: 'move', from: spec.from.name, to: spec.to.name });
    }
    const domainId = await this.domainId(spec.from.domain);
    const tasks = await this.http.getArray(`${UI}/GetTasks`, { query: { domainid: domainId }, idempotent: true });
    const task = tasks.find((t) => str(t.name) === spec.task);
    if (!task) {
      const names = tasks.map((t) => `"${str(t.name)}"`).join(', ') || 'none';
      throw new NotFoundError(`no task "${spec.task}" in Ortelius domain ${spec.from.domain} (tasks: ${names})`, {
        hint: "set the stage's task in shiplog.toml, or pass --task",
      });
    }
    const build = buildKeyOf(spec.provenance);
    const once = { marker: moveMarkerKey(spec.to.name), key: build && JSON.stringify([build, spec.from.name, spec.to.name, spec.task]) };
    const sent = await this.sendOnce(appId, attrs, once, `move ${name} to ${spec.to.name} (RunTask)`, async () => {
      const r = await this.http.get(`${UI}/RunTask`, {
        query: { f: 'run', tid: num(task.id), notes: this.host.redactor.redact(spec.notes ?? ''), id: appId, pid: domainId },
        envelope: 'result',
        idempotent: false,
      });
      if (r?.result !== true) {
        const output = str(r?.output) || 'no output';
        const text = `Ortelius refused to move ${name} from ${spec.from.name} to ${spec.to.name}: ${output}`;
        if (/reject/i.test(output)) throw new ApprovalRejectedError(text);
        if (/approv/i.test(output)) throw new ApprovalRequiredError(text, { hint: `run shiplog approve --stage ${spec.to.name} first` });
        throw new OperationFailedError(text);
      }
    });
    const result = { from: spec.from.name, to: spec.to.name, ...(spec.override ? { override: spec.override } : {}) };
    if (sent === 'done') return result;
    const record = {
      from: spec.from.name,
      to: spec.to.name,
      task: spec.task,
      by: spec.by,
      ...(spec.actor ? { actor: spec.actor } : {}),
      at: spec.at,
      ...(spec.notes ? { notes: this.host.redactor.redact(spec.notes) } : {}),
      ...(spec.override ? { override: spec.override } : {}),
      provenance: spec.provenance,
    };
    await this.apps.setAttributes(appId, {
      [STAGE_KEY]: spec.to.name,
      [moveKey(spec.at)]: encodeMove(this.host.redactor.redactValue(record)),
      ...doneMarker(once),
    });
    return result;
  }

  /**
   * Sends a call the server cannot be asked about afterwards at most once per build (recovery.ts OnceMarker):
   * 'done' when this build already did the whole step, 'adopted' when it sent the call and lost the outcome,
   * else 'sent'. A lost answer within this run is exit 4: the outcome is unknown until a re-run adopts it.
   */
  private async sendOnce(
    appId: number,
    attrs: Record<string, string>,
    once: { marker: string; key: string | undefined },
    what: string,
    send: () => Promise<void>,
  ): Promise<'sent' | 'adopted' | 'done'> {
    const prev = parseOnceMarker(attrs[once.marker]);
    if (once.key !== undefined && prev?.key === once.key) {
      this.host.log.debug(`ortelius: ${what}: this build ${prev.done ? 'did it already' : 'sent it and lost the answer'}; not sent again`);
      return prev.done ? 'done' : 'adopted';
    }
    if (once.key !== undefined) await this.apps.setAttributes(appId, { [once.marker]: JSON.stringify({ key: once.key }) });
    try {
      await send();
    } catch (err) {
      if (!answerLost(err)) throw err;
      // The server may or may not have applied it, and it cannot be asked: fail (exit 4) rather than record an
      // outcome nobody saw. In CI the marker now says "sent": a re-run of this build adopts it without sending again.
      throw new BackendError(`Ortelius: ${what}: the answer was lost after the request was sent (${(err as Error).message})`, {
        cause: err,
        hint:
          once.key === undefined
            ? 'check on the Ortelius server whether it was applied before running the command again (outside CI a re-run sends it again)'
            : 're-run this step of the same build: it records the outcome without sending the request a second time',
      });
    }
    return 'sent';
  }

  private async domainId(name: string): Promise<number> {
    const cached = this.domains.get(name);
    if (cached !== undefined) return cached;
    const r = await this.http.get(`${API}/domain/${enc(name)}`, { envelope: 'success', idempotent: true });
    const id = serverId(resultOf(r).id, 'domain', `GET ${API}/domain/`);
    this.domains.set(name, id);
    return id;
  }
}

/** Per stage: the build that last sent an approval decision for it (recovery.ts OnceMarker). */
export function approveMarkerKey(stage: string): string {
  return `ShiplogApproveSent_${stage}`;
}

/** Per target stage: the build that last ran the move task into it (recovery.ts OnceMarker). */
export function moveMarkerKey(stage: string): string {
  return `ShiplogMoveSent_${stage}`;
}

function doneMarker(once: { marker: string; key: string | undefined }): Record<string, string> {
  return once.key === undefined ? {} : { [once.marker]: JSON.stringify({ key: once.key, done: true }) };
}
