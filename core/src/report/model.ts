/**
 * The report model: what an operation's result says, decided once (report/build.ts) and drawn by every
 * renderer: markdown (GitHub job summary, Buildkite annotation), plain text (CircleCI and Jenkins logs, the
 * Jenkins build description), HTML (escaped; for a dashboard) and platform outputs (key/value). Adapters choose
 * a renderer and a sink; none decides what a result says.
 */
import type { CommandName } from '../inputs.js';
import type { JsonResult } from '../kit/outputs.js';
import type { GateVerdict } from './gate-verdict.js';

/** success; dry-run (nothing written); blocked (a gate or an approval said no); failed. */
export type Verdict = 'success' | 'dry-run' | 'blocked' | 'failed';

/** One value of a fact: plain text, or a name shown as code, with an optional note, link or status mark. */
export interface ReportValue {
  text: string;
  /** A name (component version, stage, file): shown as code. */
  code?: boolean;
  /** Said after the value: `created`, `reused`. */
  note?: string;
  /** http(s) only; anything else is shown as text. */
  href?: string;
  /** A status shown with its mark (✅ success, ❌ failed). */
  status?: 'success' | 'failed';
}

export interface Fact {
  label: string;
  values: ReportValue[];
}

export interface ReportTable {
  title: string;
  columns: string[];
  rows: string[][];
}

export interface ReportLink {
  /** What it is: Build, Commit, Trigger. */
  label: string;
  /** Its text: `CI run #17`, the short commit. */
  text: string;
  href?: string;
}

export interface ReportError {
  code: string;
  message: string;
  exitCode: number;
  problems?: string[];
}

export interface Report {
  /** Undefined when the run failed before the command was known (a bad operation input). */
  command?: CommandName;
  verdict: Verdict;
  /** `shiplog deploy`. */
  title: string;
  /** One line that says it all: the Jenkins build description, the first line of the text report. */
  headline: string;
  facts: Fact[];
  tables: ReportTable[];
  links: ReportLink[];
  /** Policy rules the operation did not meet (a refused gate lists them), one line each: `rule: message (next: step)`. */
  unmetRules: string[];
  /** The release policy's verdict, when the operation asked the gate (report/gate-verdict.ts). */
  gate?: GateVerdict;
  /** What to do next (the error's hint). */
  nextStep?: string;
  error?: ReportError;
  /** A Mermaid flowchart (the application's lineage, plan's waves) for renderers that draw diagrams. */
  diagram?: string;
  /** Its heading (default `Lineage`). */
  diagramTitle?: string;
  /** The result the report was built from (already redacted): outputs are read from it. */
  result: JsonResult;
}

/** What an adapter adds from its platform: links to the run, facts of its own integration, a diagram. */
export interface ReportContext {
  links?: ReportLink[];
  facts?: Fact[];
  diagram?: string;
}

export const v = {
  text: (text: unknown): ReportValue => ({ text: textOf(text) }),
  code: (text: unknown, note?: string): ReportValue => ({ text: textOf(text), code: true, ...(note ? { note } : {}) }),
};

export function textOf(x: unknown): string {
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  if (x !== null && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string') return (x as { name: string }).name;
  return '';
}
