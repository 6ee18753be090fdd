/**
 * The release policy's verdict in a report (docs/policy.md, "platform gates"): read once from a result's
 * `gatePassed` / `unmetRules` (the same fields on a refusal, beside `error`), and drawn for each platform's own
 * surface: a section of the markdown report (GitHub job summary, Buildkite annotation), one annotation per unmet
 * rule (GitHub `::error` annotations), and plain lines (CircleCI step output, the Jenkins failure message).
 * Pure: the adapters only hand what these return to their platform's sink.
 */
import type { JsonResult } from '../kit/outputs.js';

/** One unmet rule as a result carries it (model.ts UnmetRule), reduced to what every surface shows. */
export interface GateRule {
  /** stage-order, approval, wait, freeze, ... (docs/policy.md) */
  rule: string;
  stage: string;
  environment?: string;
  /** What is wrong, one sentence. */
  message: string;
  /** The step that would meet the rule. */
  next?: string;
}

/** The verdict a result carries: passed, or refused with the rules that were not met. */
export interface GateVerdict {
  passed: boolean;
  rules: GateRule[];
}

/** A platform annotation: GitHub `core.error(message, {title})`, one per unmet rule. */
export interface GateAnnotation {
  title: string;
  message: string;
}

const rec = (x: unknown): Record<string, unknown> | undefined =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
const text = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() !== '' ? x : undefined);

/** An unmet rule of a result: a structured rule, or a plain sentence (older results, other producers). */
function ruleOf(x: unknown): GateRule | undefined {
  if (typeof x === 'string') return text(x) ? { rule: 'rule', stage: '', message: x } : undefined;
  const r = rec(x);
  const message = text(r?.message);
  if (!r || !message) return undefined;
  const environment = text(r.environment);
  const next = text(r.next);
  return {
    rule: text(r.rule) ?? 'rule',
    stage: text(r.stage) ?? '',
    ...(environment ? { environment } : {}),
    message,
    ...(next ? { next } : {}),
  };
}

/**
 * The verdict of a result, or undefined when the operation never asked the gate (a bad input, an envscript).
 * A refusal carries the fields at the top (ShiplogError.details) and, in older results, inside `error`.
 */
export function gateVerdictOf(result: JsonResult): GateVerdict | undefined {
  const e = rec(result.error);
  const passed = typeof result.gatePassed === 'boolean' ? result.gatePassed : typeof e?.gatePassed === 'boolean' ? e.gatePassed : undefined;
  const list = Array.isArray(result.unmetRules) ? result.unmetRules : Array.isArray(e?.unmetRules) ? e.unmetRules : undefined;
  if (passed === undefined && list === undefined) return undefined;
  const rules = (list ?? []).map(ruleOf).filter((r): r is GateRule => r !== undefined);
  return { passed: passed ?? rules.length === 0, rules };
}

/** Where a rule applies: `prod`, `prod (prod-eu)`. */
export function ruleWhere(r: GateRule): string {
  return r.environment && r.environment !== r.stage ? `${r.stage} (${r.environment})` : r.stage;
}

/** `approval: needs 1 more approval ... (next: shiplog approve ...)`: one line per rule, as the CLI says it. */
export function ruleLine(r: GateRule): string {
  const head = r.rule === 'rule' && !r.stage ? r.message : `${r.rule}: ${r.message}`;
  return r.next ? `${head} (next: ${r.next})` : head;
}

/** One annotation per unmet rule: the title names the rule and where, the message says what is missing and what to do. */
export function gateAnnotations(verdict: GateVerdict | undefined): GateAnnotation[] {
  if (!verdict || verdict.passed) return [];
  return verdict.rules.map((r) => ({
    title: r.rule === 'rule' && !r.stage ? 'shiplog: release policy' : `shiplog: ${r.rule}${r.stage ? ` (${ruleWhere(r)})` : ''}`,
    message: r.next ? `${r.message} (next: ${r.next})` : r.message,
  }));
}

/** The headline of a refusal: `shiplog move refused by the release policy: 2 unmet rules (approval, wait)`. */
export function refusalHeadline(title: string, verdict: GateVerdict): string {
  const kinds = [...new Set(verdict.rules.map((r) => r.rule).filter((k) => k !== 'rule'))];
  const n = verdict.rules.length;
  return `${title} refused by the release policy: ${n} unmet rule${n === 1 ? '' : 's'}${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}`;
}
