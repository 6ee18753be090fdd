/**
 * The outputs of the operations, in the same table as their inputs: a name, a description, the commands that
 * have it, how its value comes out of the operation's JSON result, and how each platform publishes it (GitHub
 * step outputs, Buildkite build meta-data `shiplog-<name>`; CircleCI and Jenkins hand over the whole result).
 * report/outputs.ts turns a result into these key/value pairs; the generators document them.
 */
import { ADAPTER_COMMANDS, type CommandName, type Platform } from '../inputs.js';
import { REPORTING_COMMANDS } from './report-publishing.js';

/** The one JSON object `shiplog --json` prints: `{ok:true, operation, ...}` or `{ok:false, error}`. */
export type JsonResult = Record<string, unknown> & { ok?: boolean };

export interface OutputSpec {
  name: string;
  description: string;
  commands: readonly CommandName[];
  /** The value in a result, or undefined when the result has none. */
  value(result: JsonResult): string | undefined;
  /** Per platform: another name, or false when the platform does not publish it. Absent: published as `name`. */
  expose?: Partial<Record<Platform, { name: string } | false>>;
  /**
   * Published whatever the verdict (a refused gate, a dry run, a failed apply that still says what it did) whenever
   * the result has a value: the release policy's verdict and apply's counts are what a pipeline branches on, and the
   * dashboard is written (and uploaded) after a failed operation too. Others are published only for what was recorded.
   */
  always?: boolean;
}

const rec = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** `name` of an object field, or the field itself when the result gives a plain name. */
export function nameOf(v: unknown): string | undefined {
  return str(v) ?? str(rec(v)?.name);
}

/** The deployment of a deploy result (also inside a failure). */
export function deploymentOf(result: JsonResult): Record<string, unknown> | undefined {
  return rec(result.deployment) ?? rec(rec(result.error)?.deployment);
}

/** The application version's full name an operation created, moved, approved or deployed. */
export function appVersionOf(result: JsonResult): string | undefined {
  return nameOf(result.appVersion) ?? nameOf(deploymentOf(result)?.appVersion);
}

/** The commit an operation recorded (its GitCommit attribute): what a report links, never another one. */
export function recordedCommitOf(result: JsonResult): string | undefined {
  const commit = rec(result.attributes)?.GitCommit;
  return typeof commit === 'string' ? commit : undefined;
}

/** The plan of a plan result, or the plan an apply result carries. */
function planOf(result: JsonResult): Record<string, unknown> | undefined {
  if (result.operation === 'plan' || rec(result.counts)?.deploy !== undefined) return rec(result.counts) ? result : undefined;
  return rec(result.plan);
}

/** Rows of a plan that are not up to date: to deploy, to undeploy, blocked. */
export function planChanges(result: JsonResult): number | undefined {
  const counts = rec(planOf(result)?.counts);
  if (!counts) return undefined;
  return ['deploy', 'undeploy', 'blocked'].reduce((n, k) => n + (typeof counts[k] === 'number' ? (counts[k] as number) : 0), 0);
}

/** An apply result's count of steps with this status. */
const stepCount = (r: JsonResult, status: string) => (r.steps !== undefined ? str(rec(r.counts)?.[status]) : undefined);

/** The commands whose results carry the release policy's verdict (`gatePassed`, `unmetRules`). */
export const GATED: readonly CommandName[] = ['version-update', 'move', 'approve', 'deploy', 'check-gate'];

/** The artifact a GitHub Action uploaded the dashboard to (the result's `report.artifact`). */
const reportArtifactOf = (r: JsonResult): Record<string, unknown> | undefined => rec(rec(r.report)?.artifact);

/** Buildkite meta-data keys are prefixed: `shiplog-app-version`. */
const meta = (name: string) => ({ buildkite: { name: `shiplog-${name}` }, circleci: false, jenkins: false }) as const;

export const OUTPUTS: readonly OutputSpec[] = [
  {
    name: 'component-version',
    description: 'Full name of the component version created or reused, e.g. `GLOBAL.Acme.Store.cart;main;v1_2_0`.',
    commands: ['version-update'],
    value: (r) => nameOf(r.componentVersion),
    expose: meta('component-version'),
  },
  {
    name: 'deployment-id',
    description: 'Id of the recorded deployment.',
    commands: ['deploy'],
    value: (r) => str(deploymentOf(r)?.id),
    expose: meta('deployment-id'),
  },
  {
    name: 'deployment-status',
    description: '`success` or `failed`.',
    commands: ['deploy'],
    value: (r) => str(deploymentOf(r)?.status),
    expose: meta('deployment-status'),
  },
  {
    name: 'app-version',
    description: 'Full name of the application version the operation created, moved, approved or deployed.',
    commands: ['version-update', 'move', 'approve', 'deploy'],
    value: appVersionOf,
    expose: meta('app-version'),
  },
  {
    name: 'changes',
    description:
      'plan, apply: how many rows of the plan differ from the intent (to deploy, to undeploy, blocked by the release policy); `0` when every environment matches.',
    commands: ['plan', 'apply'],
    value: (r) => str(planChanges(r)),
    expose: meta('changes'),
    always: true,
  },
  {
    name: 'has-changes',
    description: 'plan, apply: `true` when the plan has work, drift or blocked rows, else `false`.',
    commands: ['plan', 'apply'],
    value: (r) => {
      const n = planChanges(r);
      return n === undefined ? undefined : String(n > 0);
    },
    expose: meta('has-changes'),
    always: true,
  },
  {
    name: 'deployed',
    description: 'apply: how many deployments (and undeployments) it made that succeeded.',
    commands: ['apply'],
    value: (r) => stepCount(r, 'succeeded'),
    expose: meta('deployed'),
    always: true,
  },
  {
    name: 'failed',
    description: 'apply: how many of its deployments failed (`not started` and `blocked` rows are not counted: see `result`).',
    commands: ['apply'],
    value: (r) => stepCount(r, 'failed'),
    expose: meta('failed'),
    always: true,
  },
  {
    name: 'apply-status',
    description:
      'apply: `success` (every environment matches the intent), `dry-run`, or `failed` (a deployment failed, or rows stayed blocked or not started).',
    commands: ['apply'],
    value: (r) => (r.ok === true ? (r.dryRun === true ? 'dry-run' : 'success') : r.ok === false ? 'failed' : undefined),
    expose: meta('apply-status'),
    always: true,
  },
  {
    name: 'report-html',
    description:
      'With `report: true`: the release dashboard page written (`shiplog-report.html`, in the working directory), also after a failed operation; empty when none was written. The page stays in the workspace whether or not it was uploaded.',
    commands: REPORTING_COMMANDS,
    value: (r) => str(rec(rec(r.report)?.html)?.path),
    expose: meta('report-html'),
    always: true,
  },
  {
    name: 'report-artifact-id',
    description:
      'With `report: true`: the id of the workflow-run artifact the action uploaded the dashboard to (`shiplog-report.html` and `.md`); empty when it was not uploaded (no artifact service on this runner, or the upload failed: a warning says which).',
    commands: REPORTING_COMMANDS,
    value: (r) => str(reportArtifactOf(r)?.id),
    expose: { buildkite: false, circleci: false, jenkins: false },
    always: true,
  },
  {
    name: 'report-artifact-url',
    description:
      "With `report: true`: the uploaded artifact's page, `https://github.com/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID/artifacts/<id>` (the job summary links it); empty when it was not uploaded.",
    commands: REPORTING_COMMANDS,
    value: (r) => str(reportArtifactOf(r)?.url),
    expose: { buildkite: false, circleci: false, jenkins: false },
    always: true,
  },
  {
    name: 'gate-passed',
    description:
      "The release policy's verdict (docs/policy.md): `true` when the gate passed (or was passed by `override`), `false` when it refused (the step fails with exit 1). Set on a refusal and on a dry run too; absent when the operation stopped before the gate was asked (bad input, no such version).",
    commands: GATED,
    value: (r) => (typeof r.gatePassed === 'boolean' ? String(r.gatePassed) : undefined),
    expose: { buildkite: { name: 'shiplog-gate-passed' }, circleci: { name: 'SHIPLOG_GATE_PASSED' }, jenkins: { name: 'gatePassed' } },
    always: true,
  },
  {
    name: 'unmet-rules',
    description:
      'Every rule the gate found unmet, as a JSON array `[{"rule","stage","environment"?,"message","next",...}]` (`[]` when it passed): what `fromJSON(...)` or `jq` can branch on. Set whenever `gate-passed` is.',
    commands: GATED,
    value: (r) => (typeof r.gatePassed === 'boolean' ? JSON.stringify(Array.isArray(r.unmetRules) ? r.unmetRules : []) : undefined),
    expose: { buildkite: { name: 'shiplog-unmet-rules' }, circleci: { name: 'SHIPLOG_UNMET_RULES' }, jenkins: { name: 'unmetRules' } },
    always: true,
  },
  {
    name: 'result',
    description:
      'The operation\'s result as one JSON object, as `shiplog --json` prints it (`{"ok":true,"operation":...}` or `{"ok":false,"error":{...}}`).',
    commands: ADAPTER_COMMANDS,
    value: (r) => JSON.stringify(r),
    expose: { buildkite: false, circleci: false, jenkins: false },
  },
];

/** The outputs `platform` publishes for `command`, with the platform's names. */
export function platformOutputs(platform: Platform, command: CommandName): { spec: OutputSpec; name: string }[] {
  return OUTPUTS.filter((o) => o.commands.includes(command) && o.expose?.[platform] !== false).map((spec) => {
    const e = spec.expose?.[platform];
    return { spec, name: e ? e.name : spec.name };
  });
}
