/**
 * The job summary (GITHUB_STEP_SUMMARY) of one operation: a table of what was created, moved, approved or
 * deployed, links to the run, commit, trigger and deployment log, and the application's lineage as Mermaid
 * (the core's `graph` query). Pure: returns markdown; main.ts redacts and writes it.
 */
import type { OperationName } from '../../../core/src/inputs.js';
import { deploymentOf, failureOf, type JsonResult } from './action-outputs.js';

export interface RunLinks {
  /** The workflow run, e.g. https://github.com/o/r/actions/runs/1/attempts/1 */
  runUrl?: string;
  runLabel?: string;
  commitUrl?: string;
  commit?: string;
  /** What triggered the run (from the event payload): a pull request, a push, ... */
  triggerLabel?: string;
  triggerUrl?: string;
}

export interface SummaryInput {
  /** Undefined when the run failed before the operation was known (a bad operation input). */
  operation: OperationName | undefined;
  result: JsonResult;
  links: RunLinks;
  /** Mermaid flowchart text of the application's lineage, when the graph query answered. */
  mermaid?: string;
  /** The GitHub Deployment made for a deploy (with github-token). */
  githubDeployment?: { id: number; environmentUrl?: string };
}

type Row = [string, string];

const rec = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/** A value shown as inline code, safe inside a table cell. */
export function code(v: unknown): string {
  const s = text(v) ?? text(rec(v).name) ?? '';
  return s === '' ? '' : '`' + s.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n/g, ' ') + '`';
}

/** Plain text safe inside a table cell (no markup, no HTML). */
export function plain(v: unknown): string {
  return (text(v) ?? '')
    .replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

/** A markdown link, or plain text when the URL is not http(s). */
export function link(label: string, url: string | undefined): string {
  if (!url || !/^https?:\/\/[^\s()<>]+$/.test(url)) return plain(label);
  return `[${plain(label)}](${url})`;
}

const created = (v: unknown): string => (rec(v).created === true ? ' (created)' : rec(v).created === false ? ' (reused)' : '');

function operationRows(op: OperationName, result: JsonResult): Row[] {
  switch (op) {
    case 'version-update':
      return [
        ['Component version', code(result.componentVersion) + created(result.componentVersion)],
        ['Application version', code(result.appVersion) + created(result.appVersion)],
      ];
    case 'move':
      return [
        ['Application version', code(result.appVersion)],
        ['From', code(result.from)],
        ['To', code(result.to)],
      ];
    case 'approve':
      return [
        ['Application version', code(result.appVersion)],
        ['Stage', code(result.stage)],
        ['Decision', result.approved === false ? 'rejected' : 'approved'],
        ...(text(result.notes) ? ([['Notes', plain(result.notes)]] as Row[]) : []),
      ];
    case 'deploy': {
      const d = deploymentOf(result) ?? {};
      const status = text(d.status);
      return [
        ['Application version', code(d.appVersion)],
        ['Environment', code(d.environment)],
        ['Deployment', d.id === undefined ? '' : `#${plain(d.id)}`],
        ['Status', status === 'success' ? '✅ success' : status === 'failed' ? '❌ failed' : plain(status)],
        ['Exit code', plain(d.exitCode)],
        ...(text(d.logUrl) ? ([['Deployment log', link('log', text(d.logUrl))]] as Row[]) : []),
      ];
    }
    case 'envscript': {
      const vars = result.variables;
      const names = Array.isArray(vars) ? vars.map((v) => text(v) ?? text(rec(v).name) ?? '') : Object.keys(rec(vars));
      return [
        ['File', code(result.file) || 'stdout'],
        ['Variables', names.length === 0 ? 'none' : names.filter(Boolean).map(code).join(' ')],
      ];
    }
  }
}

export function summaryMarkdown(input: SummaryInput): string {
  const { operation, result, links } = input;
  const failure = failureOf(result);
  const name = operation ? `shiplog ${operation}` : 'shiplog';
  const title = failure ? `❌ ${name} failed` : `${name}${result.dryRun === true ? ' (dry run)' : ''}`;
  const rows: Row[] = failure
    ? [
        ['Error', `${code(failure.code)} ${plain(failure.message)}`],
        ...(failure.hint ? ([['Hint', plain(failure.hint)]] as Row[]) : []),
        ...(operation === 'deploy' && deploymentOf(result) ? operationRows(operation, result) : []),
      ]
    : operation
      ? operationRows(operation, result)
      : [];
  if (input.githubDeployment) {
    const env = input.githubDeployment.environmentUrl;
    rows.push(['GitHub Deployment', `#${input.githubDeployment.id}${env ? ` ${link('environment', env)}` : ''}`]);
  }
  if (links.runUrl) rows.push(['Build', link(links.runLabel ?? 'workflow run', links.runUrl)]);
  if (links.commit) rows.push(['Commit', link(links.commit.slice(0, 7), links.commitUrl)]);
  if (links.triggerLabel) rows.push(['Trigger', link(links.triggerLabel, links.triggerUrl)]);

  const out = [`### ${title}`, '', '| | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`), ''];
  if (input.mermaid) {
    out.push('#### Lineage', '', '```mermaid', input.mermaid.trimEnd(), '```', '');
  }
  return out.join('\n');
}
