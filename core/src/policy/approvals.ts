/**
 * The approval rule of a stage: who may decide (approvers, trust, self-approval), and which recorded decisions
 * count now (the latest rejection voids earlier approvals until a later approval by an allowed approver
 * overrides it; expired approvals no longer count; one identity counts once).
 */
import type { Actor, Approval, ApplicationVersion, PipelineConfig, Stage, UnmetRule } from '../model.js';
import { actorOrLegacy, creatorOf, describeActor, entryMatches, sameId, trusted } from './identity.js';
import { policyOf } from './lifecycle.js';
import { approverList } from './policy-config.js';

/** Why a recorded approval does not count. */
export interface IgnoredApproval {
  approval: Approval;
  why: string;
}

export interface ApprovalState {
  /** Approvals that count, one per identity, oldest first. */
  counted: Approval[];
  ignored: IgnoredApproval[];
  /** The latest rejection, when no counted approval came after it. */
  standingRejection?: Approval;
  /** The latest rejection a later approval overrode. */
  overriddenRejection?: Approval;
  needed: number;
}

/** Quoted full name for commands in messages. */
export function q(name: string): string {
  return `"${name}"`;
}

/**
 * The rules an identity breaks by deciding about `av` for `stage`: not an approver, an untrusted source, or (for an
 * approval) the identity that recorded the version when self-approval is off. Empty: it may decide.
 */
export function approverProblems(
  config: PipelineConfig,
  stage: Stage,
  av: ApplicationVersion,
  actor: Actor,
  opts: { rejecting?: boolean } = {},
): UnmetRule[] {
  const policy = policyOf(config, stage);
  const out: UnmetRule[] = [];
  const people = approverList(config, policy);
  const verb = opts.rejecting ? 'reject' : 'approve';
  if (people && !people.some((e) => entryMatches(e, actor))) {
    out.push({
      rule: 'approvers',
      stage: stage.name,
      message: `${describeActor(actor)} is not an approver of ${stage.name} (approvers: ${policy.approvers!.join(', ')}${people.length ? ` = ${people.join(', ')}` : ''})`,
      next: `ask one of ${people.join(', ') || 'the approvers'} to ${verb} it: shiplog approve --application ${q(av.name)} --stage ${stage.name}${opts.rejecting ? ' --reject' : ''}`,
    });
  }
  if (!trusted(policy.trust, actor.source)) {
    out.push({
      rule: 'trust',
      stage: stage.name,
      message: `${stage.name} takes decisions only from identities of ${policy.trust!.join(', ')}; ${describeActor(actor)} comes from ${actor.source}`,
      next: `${verb} from a CI job of a trusted platform (the platform names who acts; --as is self-asserted)`,
    });
  }
  const creator = creatorOf(av);
  if (!opts.rejecting && !policy.allowSelfApproval && creator && sameId(creator.id, actor.id)) {
    out.push({
      rule: 'self-approval',
      stage: stage.name,
      message: `${describeActor(actor)} recorded ${av.name}, and ${stage.name} does not allow self-approval (allow_self_approval = false)`,
      next: `ask another approver${people ? ` (${people.filter((p) => !entryMatches(p, actor)).join(', ')})` : ''} to approve it: shiplog approve --application ${q(av.name)} --stage ${stage.name}`,
    });
  }
  return out;
}

/** The decisions recorded for `stage` and which of them count at `now`. */
export function approvalState(
  config: PipelineConfig,
  stage: Stage,
  av: ApplicationVersion,
  approvals: readonly Approval[],
  now: Date,
): ApprovalState {
  const policy = policyOf(config, stage);
  const decisions = approvals
    .filter((a) => a.stage === stage.name || a.stage === stage.domain)
    .map((a, i) => ({ a, i }))
    .sort((x, y) => (x.a.at < y.a.at ? -1 : x.a.at > y.a.at ? 1 : x.i - y.i))
    .map((x) => x.a);
  let lastRejection = -1;
  decisions.forEach((d, i) => {
    if (!d.approved) lastRejection = i;
  });
  const counted: Approval[] = [];
  const ignored: IgnoredApproval[] = [];
  decisions.forEach((d, i) => {
    if (!d.approved) return;
    const actor = actorOrLegacy(d.actor, d.by);
    const problems = approverProblems(config, stage, av, actor);
    let why: string | undefined;
    if (i < lastRejection)
      why = `before the rejection by ${actorOrLegacy(decisions[lastRejection].actor, decisions[lastRejection].by).id} at ${decisions[lastRejection].at}`;
    else if (problems.length > 0) why = problems.map((p) => p.rule).join(', ');
    else if (policy.expires && Date.parse(d.at) + policy.expires.ms <= now.getTime()) {
      why = `expired at ${new Date(Date.parse(d.at) + policy.expires.ms).toISOString()} (expires = ${policy.expires.text})`;
    } else if (counted.some((c) => sameId(actorOrLegacy(c.actor, c.by).id, actor.id))) why = `${actor.id} already approved`;
    if (why) ignored.push({ approval: d, why });
    else counted.push(d);
  });
  const rejection = lastRejection >= 0 ? decisions[lastRejection] : undefined;
  return {
    counted,
    ignored,
    ...(rejection && counted.length === 0 ? { standingRejection: rejection } : {}),
    ...(rejection && counted.length > 0 ? { overriddenRejection: rejection } : {}),
    needed: policy.minApprovals,
  };
}

/** The unmet approval rules of entering `stage` (`approval`, `rejected`); `entering` false: only a standing rejection. */
export function approvalRules(
  config: PipelineConfig,
  stage: Stage,
  av: ApplicationVersion,
  approvals: readonly Approval[],
  now: Date,
  entering: boolean,
): UnmetRule[] {
  const state = approvalState(config, stage, av, approvals, now);
  const people = approverList(config, policyOf(config, stage));
  const by = people ? ` by one of ${people.join(', ')}` : '';
  const approve = `shiplog approve --application ${q(av.name)} --stage ${stage.name}`;
  if (state.standingRejection) {
    const r = state.standingRejection;
    const who = describeActor(actorOrLegacy(r.actor, r.by));
    return [
      {
        rule: 'rejected',
        stage: stage.name,
        message: `${av.name} was rejected for stage ${stage.name} by ${who} at ${r.at}${r.notes ? ` ("${r.notes}")` : ''}`,
        next: `a later approval${by} overrides the rejection: ${approve}`,
      },
    ];
  }
  if (!entering || state.counted.length >= state.needed) return [];
  const missing = state.needed - state.counted.length;
  const ignored = state.ignored.map((x) => `${actorOrLegacy(x.approval.actor, x.approval.by).id} (${x.why})`).join(', ');
  const from = people ? ` from ${policyOf(config, stage).approvers!.join(', ')}` : '';
  const message =
    state.counted.length === 0 && state.needed === 1
      ? `${av.name} needs an approval for stage ${stage.name}${from}${ignored ? ` (not counted: ${ignored})` : ''}`
      : `${av.name} needs ${missing} more approval${missing === 1 ? '' : 's'} for stage ${stage.name}${from} (${state.counted.length} of ${state.needed}${ignored ? `; not counted: ${ignored}` : ''})`;
  return [
    {
      rule: 'approval',
      stage: stage.name,
      message,
      next: `${approve}${by ? ` (${by.trim()})` : ''}`,
      missing,
    },
  ];
}
