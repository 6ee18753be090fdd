/**
 * What a plan or an apply result says in CI (docs/intent.md "In CI"): its facts, its one-line headline, the plan
 * or the deployments as a table, the blocked rows' unmet rules, and the waves as a Mermaid diagram. The report
 * builder (report/build.ts) asks here for `plan` and `apply`, on success and on failure (a failed apply still
 * shows what it did), and every renderer draws it: the GitHub job summary (with the Mermaid waves), the Buildkite
 * annotation, the Jenkins build description and console, the CircleCI step output. Pure: results in, text out.
 */
import type { CommandName } from '../inputs.js';
import type { Fact, ReportTable } from '../report/model.js';
import { planChanges, type JsonResult } from './outputs.js';

type Rec = Record<string, unknown>;
const rec = (x: unknown): Rec => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Rec) : {});
const arr = (x: unknown): Rec[] => (Array.isArray(x) ? x.map(rec) : []);
const text = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '');
const num = (x: unknown): number => (typeof x === 'number' ? x : 0);

/** What the intent commands add to their report. */
export interface IntentReport {
  headline: string;
  facts: Fact[];
  tables: ReportTable[];
  unmetRules: string[];
  /** The waves as a Mermaid flowchart. */
  diagram?: string;
  diagramTitle: string;
}

/** `GLOBAL.Acme.Store.shop;3` -> `3`; null -> `-`. */
function version(full: unknown): string {
  const s = text(full);
  if (s === '') return '-';
  const i = s.lastIndexOf(';');
  return i < 0 ? s : s.slice(i + 1);
}

/** 1234 -> "1.2 s", 95000 -> "1m 35s" (as apply's progress lines say it). */
export function durationText(ms: unknown): string {
  if (typeof ms !== 'number') return '';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

/** Rows a report table shows at most (a 200 x 10 plan stays far under the GitHub summary's and Buildkite annotation's 1 MiB). */
export const MAX_TABLE_ROWS = 300;

/** The first MAX_TABLE_ROWS rows, and a last one that says how many more the JSON result holds. */
function capped(rows: string[][], width: number): string[][] {
  if (rows.length <= MAX_TABLE_ROWS) return rows;
  const more = [`... ${rows.length - MAX_TABLE_ROWS} more rows in the JSON result`, ...Array<string>(width - 1).fill('')];
  return [...rows.slice(0, MAX_TABLE_ROWS), more];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 to deploy, 1 blocked, 2 up to date" or "nothing to do, 6 up to date" (plan-render.ts's summary, from JSON). */
export function planHeadline(plan: Rec): string {
  const c = rec(plan.counts);
  const parts = [
    num(c.deploy) ? `${num(c.deploy)} to deploy` : '',
    num(c.undeploy) ? `${num(c.undeploy)} to undeploy` : '',
    num(c.blocked) ? `${num(c.blocked)} blocked` : '',
    `${num(c.nothing)} up to date`,
  ].filter(Boolean);
  return `${planChanges(plan) ? '' : 'nothing to do, '}${parts.join(', ')}`;
}

function planFacts(plan: Rec): Fact[] {
  const envs = arr(plan.environments).map((e) => text(e.name));
  return [
    { label: 'Intent', values: [{ text: text(plan.intent), code: true }] },
    { label: 'Environments', values: envs.length ? envs.map((e) => ({ text: e, code: true })) : [{ text: 'none' }] },
    { label: 'Changes', values: [{ text: String(planChanges(plan) ?? 0) }] },
    { label: 'Waves', values: [{ text: String(arr(plan.waves).length) }] },
  ];
}

function planTable(plan: Rec): ReportTable {
  return {
    title: 'Plan',
    columns: ['Environment', 'Wave', 'Application', 'Current', 'Desired', 'Action', 'Reason'],
    rows: capped(
      arr(plan.rows).map((r) => [
        text(r.environment),
        text(r.wave),
        text(r.application),
        version(r.current),
        r.desired === null ? 'none' : version(r.desired),
        text(r.action),
        text(r.reason),
      ]),
      7,
    ),
  };
}

/** Every unmet rule of every blocked row: `prod-eu GLOBAL.Acme.Store.shop 3: approval: ...`. */
function blockedRules(plan: Rec): string[] {
  return arr(plan.rows)
    .filter((r) => r.action === 'blocked')
    .flatMap((r) =>
      arr(r.unmetRules).map(
        (u) =>
          `${text(r.environment)} ${text(r.application)} ${version(r.desired)}: ${text(u.rule)}: ${text(u.message)}${text(u.next) ? ` (next: ${text(u.next)})` : ''}`,
      ),
    );
}

function stepsTable(steps: Rec[]): ReportTable {
  return {
    title: 'Deployments',
    columns: ['Environment', 'Wave', 'Application', 'Version', 'Action', 'Status', 'Duration', 'Deployment', 'Note'],
    rows: capped(
      steps.map((s) => [
        text(s.environment),
        text(s.wave),
        text(s.application),
        version(s.appVersion),
        text(s.action),
        s.status === 'skipped' ? 'not started' : text(s.status),
        durationText(s.durationMs),
        s.deploymentId === null || s.deploymentId === undefined ? '' : `#${text(s.deploymentId)}`,
        text(s.message),
      ]),
      9,
    ),
  };
}

function applyHeadline(result: JsonResult): string {
  const c = rec(result.counts);
  if (result.dryRun === true) return `would carry out: ${planHeadline(rec(result.plan))}`;
  if (num(c.succeeded) === 0 && num(c.failed) === 0) return 'nothing to do: every environment matches the intent';
  return `${plural(num(c.succeeded), 'deployment')} made, ${num(c.unchanged)} already matched`;
}

function applyFacts(result: JsonResult): Fact[] {
  const c = rec(result.counts);
  const lease = rec(result.lease);
  const n = (label: string, key: string): Fact[] => (num(c[key]) ? [{ label, values: [{ text: String(num(c[key])) }] }] : []);
  return [
    { label: 'Intent', values: [{ text: text(rec(result.plan).intent), code: true }] },
    { label: 'Deployed', values: [{ text: String(num(c.succeeded)) }] },
    ...n('Failed', 'failed'),
    ...n('Not started', 'skipped'),
    ...n('Blocked', 'blocked'),
    { label: 'Already matched', values: [{ text: String(num(c.unchanged)) }] },
    ...(text(lease.holder) ? [{ label: 'Lease holder', values: [{ text: text(lease.holder) }] }] : []),
  ];
}

/**
 * The intent part of a plan or apply report; undefined for any other command, or for a result that carries no
 * plan (an apply refused before it planned: only its error is reported).
 */
export function intentReport(command: CommandName | undefined, result: JsonResult): IntentReport | undefined {
  if (command === 'plan' && Array.isArray(result.rows)) {
    return {
      headline: planHeadline(result),
      facts: planFacts(result),
      tables: [planTable(result)],
      unmetRules: blockedRules(result),
      diagram: text(result.mermaid) || undefined,
      diagramTitle: 'Waves',
    };
  }
  if (command === 'apply' && Array.isArray(result.steps)) {
    const plan = rec(result.plan);
    const dry = result.dryRun === true;
    const worked = arr(result.steps).filter((s) => s.status !== 'unchanged');
    return {
      headline: applyHeadline(result),
      facts: applyFacts(result),
      tables: dry ? [planTable(plan)] : worked.length ? [stepsTable(worked)] : [],
      unmetRules: blockedRules(plan),
      diagram: text(plan.mermaid) || undefined,
      diagramTitle: 'Waves',
    };
  }
  return undefined;
}
