/**
 * The outputs of the operations, in the same table as their inputs: a name, a description, the commands that
 * have it, how its value comes out of the operation's JSON result, and how each platform publishes it (GitHub
 * step outputs, Buildkite build meta-data `shiplog-<name>`; CircleCI and Jenkins hand over the whole result).
 * report/outputs.ts turns a result into these key/value pairs; the generators document them.
 */
import { OPERATIONS, type CommandName, type Platform } from '../inputs.js';

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
    value: (r) => nameOf(r.appVersion) ?? nameOf(deploymentOf(r)?.appVersion),
    expose: meta('app-version'),
  },
  {
    name: 'report-html',
    description:
      'With `report: true`: the release dashboard page written (`shiplog-report.html`, in the working directory), for a later upload step (GitHub: `actions/upload-artifact`); empty when none was written.',
    commands: ['version-update', 'move', 'approve', 'deploy'],
    value: (r) => str(rec(rec(r.report)?.html)?.path),
    expose: meta('report-html'),
  },
  {
    name: 'result',
    description:
      'The operation\'s result as one JSON object, as `shiplog --json` prints it (`{"ok":true,"operation":...}` or `{"ok":false,"error":{...}}`).',
    commands: OPERATIONS,
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
