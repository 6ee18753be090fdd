/**
 * The release-policy keys of shiplog.toml (docs/policy.md): per [[stage]] the lifecycle (after, optional,
 * require_success, all_environments, branches, wait), the approval rule (approval, approvers, min_approvals,
 * allow_self_approval, expires, trust) and allow_override; [groups] of approvers. pipeline-config.ts reads the
 * file and calls these; every problem is pushed so that one error names them all.
 */
import type { PipelineConfig, PolicyDuration, Stage, StagePolicy } from '../model.js';
import { parseDuration } from '../operations/input-resolution.js';
import { isTrustValue } from './identity.js';

export const STAGE_POLICY_KEYS = [
  'after',
  'optional',
  'require_success',
  'all_environments',
  'branches',
  'wait',
  'approvers',
  'min_approvals',
  'allow_self_approval',
  'expires',
  'trust',
  'allow_override',
] as const;

/** A stage's policy keys as read, before the checks across stages. */
export interface RawPolicy {
  after?: string;
  approval?: boolean;
  optional?: boolean;
  requireSuccess?: boolean;
  allEnvironments?: boolean;
  branches?: string[];
  wait?: PolicyDuration;
  approvers?: string[];
  minApprovals?: number;
  allowSelfApproval?: boolean;
  expires?: PolicyDuration;
  trust?: string[];
  allowOverride?: boolean;
}

function bool(t: Record<string, unknown>, key: string, label: string, problems: string[]): boolean | undefined {
  const v = t[key];
  if (v === undefined) return undefined;
  if (typeof v === 'boolean') return v;
  problems.push(`${label}: "${key}" must be true or false`);
  return undefined;
}

function strings(t: Record<string, unknown>, key: string, label: string, problems: string[], what: string): string[] | undefined {
  const v = t[key];
  if (v === undefined) return undefined;
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.trim() !== ''))
    return (v as string[]).map((x) => x.trim());
  problems.push(`${label}: "${key}" must be a non-empty list of ${what}`);
  return undefined;
}

function duration(t: Record<string, unknown>, key: string, label: string, problems: string[]): PolicyDuration | undefined {
  const v = t[key];
  if (v === undefined) return undefined;
  const ms = typeof v === 'string' ? parseDuration(v) : undefined;
  if (ms === undefined) {
    problems.push(`${label}: "${key}" must be a duration like "30m", "12h" or "7d" (got ${JSON.stringify(v)})`);
    return undefined;
  }
  return { text: (v as string).trim(), ms };
}

/** Reads the policy keys of one [[stage]] table (`approval` included). */
export function readStagePolicy(t: Record<string, unknown>, label: string, problems: string[]): RawPolicy {
  const raw: RawPolicy = {};
  if (t.after !== undefined) {
    if (typeof t.after === 'string' && t.after.trim() !== '') raw.after = t.after.trim();
    else problems.push(`${label}: "after" must be the name of a stage`);
  }
  raw.approval = bool(t, 'approval', label, problems);
  raw.optional = bool(t, 'optional', label, problems);
  raw.requireSuccess = bool(t, 'require_success', label, problems);
  raw.allEnvironments = bool(t, 'all_environments', label, problems);
  raw.allowSelfApproval = bool(t, 'allow_self_approval', label, problems);
  raw.allowOverride = bool(t, 'allow_override', label, problems);
  raw.branches = strings(t, 'branches', label, problems, 'branch names or globs ("main", "release/*")');
  raw.approvers = strings(t, 'approvers', label, problems, 'identities ("alice@example.com", "github:octocat", "group:release")');
  raw.trust = strings(t, 'trust', label, problems, 'identity sources ("ci", "verified", "git", "os", "self-asserted")');
  for (const x of raw.trust ?? []) {
    if (!isTrustValue(x))
      problems.push(
        `${label}: trust "${x}" is not an identity source (ci, verified, git, os, self-asserted, ci:<platform>, verified:<platform>)`,
      );
  }
  raw.wait = duration(t, 'wait', label, problems);
  raw.expires = duration(t, 'expires', label, problems);
  if (t.min_approvals !== undefined) {
    const n = t.min_approvals;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0) raw.minApprovals = n;
    else problems.push(`${label}: "min_approvals" must be a whole number >= 0`);
  }
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as RawPolicy;
}

/** Reads [groups]: name -> members. Members are identities; a group cannot hold a group. */
export function readGroups(raw: unknown, problems: string[]): Record<string, string[]> {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || raw instanceof Date) {
    problems.push('"groups" must be a table of name = ["member", ...] ([groups])');
    return {};
  }
  const out: Record<string, string[]> = {};
  for (const [name, members] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(members) || !members.every((m) => typeof m === 'string' && m.trim() !== '')) {
      problems.push(`group "${name}" must be a list of identities`);
      continue;
    }
    const list = (members as string[]).map((m) => m.trim());
    for (const m of list) if (m.startsWith('group:')) problems.push(`group "${name}" holds "${m}": a group cannot hold another group`);
    out[name] = list;
  }
  return out;
}

/** Approver entries with `group:<name>` replaced by the group's members, without repeats. */
export function expandApprovers(entries: readonly string[], groups: Readonly<Record<string, string[]>> | undefined): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const members = e.startsWith('group:') ? (groups?.[e.slice('group:'.length)] ?? []) : [e];
    for (const m of members) if (!out.some((o) => o.toLowerCase() === m.toLowerCase())) out.push(m);
  }
  return out;
}

/**
 * Turns the raw policies into each stage's StagePolicy, checking what spans stages: `after` names a stage, the
 * `after` links form no cycle, approver groups exist, min_approvals fits the approver list. `requireSuccess`
 * is the default of require_success (true in a file).
 */
export function finishPolicies(
  stages: { stage: Stage; raw: RawPolicy }[],
  groups: Record<string, string[]>,
  problems: string[],
  requireSuccess = true,
): void {
  const names = new Set(stages.map((s) => s.stage.name));
  stages.forEach(({ stage, raw }, i) => {
    const label = `stage "${stage.name}"`;
    let after = raw.after;
    if (after !== undefined && i === 0) {
      problems.push(`${label}: the first stage cannot have "after" (new versions start in it)`);
      after = undefined;
    } else if (after !== undefined && !names.has(after)) {
      problems.push(`${label}: after = "${after}" is not a stage (stages: ${[...names].join(', ')})`);
      after = undefined;
    } else if (after === undefined && i > 0) {
      after = stages[i - 1].stage.name;
    }
    let unknownGroup = false;
    for (const a of raw.approvers ?? []) {
      if (a.startsWith('group:') && !(a.slice('group:'.length) in groups)) {
        unknownGroup = true;
        problems.push(
          `${label}: approver "${a}" names a group that does not exist (groups: ${Object.keys(groups).join(', ') || 'none; define them under [groups]'})`,
        );
      }
    }
    const wantsApproval = raw.approvers !== undefined || (raw.minApprovals ?? 0) > 0;
    if (raw.approval === false && wantsApproval)
      problems.push(`${label}: approval = false, but approvers or min_approvals ask for approvals`);
    const minApprovals = raw.minApprovals ?? (raw.approval === true || raw.approvers !== undefined ? 1 : 0);
    if (raw.approval === true && raw.minApprovals === 0) problems.push(`${label}: approval = true, but min_approvals = 0`);
    // With a group missing the list is unknown: its size would only repeat that problem.
    if (raw.approvers && !unknownGroup) {
      const people = expandApprovers(raw.approvers, groups);
      if (minApprovals > people.length) {
        problems.push(
          `${label}: min_approvals = ${minApprovals} is larger than the approver list (${people.length}: ${people.join(', ') || 'nobody'})`,
        );
      }
    }
    const policy: StagePolicy = {
      ...(after !== undefined ? { after } : {}),
      optional: raw.optional ?? false,
      requireSuccess: raw.requireSuccess ?? requireSuccess,
      allEnvironments: raw.allEnvironments ?? false,
      ...(raw.branches ? { branches: raw.branches } : {}),
      ...(raw.wait ? { wait: raw.wait } : {}),
      ...(raw.approvers ? { approvers: raw.approvers } : {}),
      minApprovals,
      allowSelfApproval: raw.allowSelfApproval ?? true,
      ...(raw.expires ? { expires: raw.expires } : {}),
      ...(raw.trust ? { trust: raw.trust } : {}),
      allowOverride: raw.allowOverride ?? false,
    };
    stage.policy = policy;
    stage.requiresApproval = minApprovals > 0;
  });
  reportCycles(
    stages.map((s) => s.stage),
    problems,
  );
}

/** Each cycle of `after` links once: `stages "qa" -> "prod" -> "qa" form a cycle`. */
function reportCycles(stages: Stage[], problems: string[]): void {
  const byName = new Map(stages.map((s) => [s.name, s]));
  const reported = new Set<string>();
  for (const start of stages) {
    const seen: string[] = [];
    let s: Stage | undefined = start;
    while (s && !seen.includes(s.name)) {
      seen.push(s.name);
      s = s.policy?.after !== undefined ? byName.get(s.policy.after) : undefined;
    }
    if (!s) continue;
    const loop = seen.slice(seen.indexOf(s.name));
    const key = [...loop].sort().join('\u0000');
    if (reported.has(key)) continue;
    reported.add(key);
    problems.push(
      `stages ${[...loop, s.name].map((n) => `"${n}"`).join(' -> ')} form a cycle (each "after" must lead back to the first stage)`,
    );
  }
}

/** The identities a stage's approvers list names, groups expanded; undefined when anyone may approve. */
export function approverList(config: PipelineConfig, policy: StagePolicy): string[] | undefined {
  return policy.approvers ? expandApprovers(policy.approvers, config.groups) : undefined;
}
