/**
 * buildReport(): an operation's JSON result -> its Report, once for every renderer. One builder per
 * operation says which facts matter (OPERATION_FACTS); failures, dry runs and refused gates are handled here for
 * all of them. A new operation adds its entry to OPERATION_FACTS and HEADLINES (or gets the generic report).
 */
import { COMMANDS, type CommandName } from '../inputs.js';
import { intentReport } from '../kit/intent-report.js';
import { deploymentOf, nameOf, type JsonResult } from '../kit/outputs.js';
import { gateVerdictOf, refusalHeadline, ruleLine } from './gate-verdict.js';
import { textOf, v, type Fact, type Report, type ReportContext, type ReportError, type Verdict } from './model.js';

type Rec = Record<string, unknown>;
const rec = (x: unknown): Rec => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Rec) : {});
const fact = (label: string, ...values: Fact['values']): Fact => ({ label, values });
const some = (f: Fact): boolean => f.values.some((x) => x.text !== '');
const createdNote = (created: unknown): string | undefined => (created === true ? 'created' : created === false ? 'reused' : undefined);

/** Codes of failures that are a gate saying no rather than something broken. */
export const BLOCKED_CODES: readonly string[] = ['APPROVAL_REQUIRED', 'APPROVAL_REJECTED', 'GATE_REFUSED', 'APPROVER_REFUSED'];

function deploymentFacts(d: Rec): Fact[] {
  const status = textOf(d.status);
  const logUrl = textOf(d.logUrl);
  return [
    fact('Application version', v.code(nameOf(d.appVersion))),
    fact('Environment', v.code(d.environment)),
    fact('Deployment', v.text(d.id === undefined || d.id === null ? '' : `#${textOf(d.id)}`)),
    fact('Status', status === 'success' || status === 'failed' ? { text: status, status } : v.text(status)),
    fact('Exit code', v.text(d.exitCode)),
    ...(logUrl ? [fact('Deployment log', { text: 'log', href: logUrl })] : []),
  ];
}

function variableNames(vars: unknown): string[] {
  if (Array.isArray(vars)) return vars.map((x) => textOf(x)).filter(Boolean);
  return Object.keys(rec(vars));
}

/** The facts of a successful result, per operation. */
const OPERATION_FACTS: Partial<Record<CommandName, (r: JsonResult) => Fact[]>> = {
  'version-update': (r) => [
    fact('Component version', v.code(nameOf(r.componentVersion), createdNote(r.componentVersionCreated))),
    fact('Application version', v.code(nameOf(r.appVersion), createdNote(r.appVersionCreated))),
    ...(r.deployment ? deploymentFacts(rec(r.deployment)) : []),
  ],
  move: (r) => [
    fact('Application version', v.code(r.appVersion)),
    fact('From', v.code(r.from)),
    fact('To', v.code(r.to)),
    ...(textOf(r.notes) ? [fact('Notes', v.text(r.notes))] : []),
  ],
  approve: (r) => [
    fact('Application version', v.code(r.appVersion)),
    fact('Stage', v.code(r.stage)),
    fact('Decision', v.text(r.approved === false ? 'rejected' : 'approved')),
    fact('By', v.code(rec(r.actor).id)),
    ...(textOf(r.notes) ? [fact('Notes', v.text(r.notes))] : []),
  ],
  deploy: (r) => deploymentFacts(deploymentOf(r) ?? {}),
  envscript: (r) => {
    const names = variableNames(r.variables);
    return [
      fact('File', v.code(textOf(r.file) || 'job log (no output file)')),
      fact('Variables', ...(names.length === 0 ? [v.text('none')] : names.map((n) => v.code(n)))),
    ];
  },
};

/** The one line that says it all, per operation (success and dry run). */
const HEADLINES: Partial<Record<CommandName, (r: JsonResult) => string>> = {
  'version-update': (r) => `${nameOf(r.componentVersion) ?? ''}${nameOf(r.appVersion) ? ` in ${nameOf(r.appVersion)}` : ''}`,
  move: (r) =>
    r.moved === false && r.dryRun !== true
      ? `${textOf(r.appVersion)} stays in ${textOf(r.to)}`
      : `moved ${textOf(r.appVersion)} ${textOf(r.from)} -> ${textOf(r.to)}`,
  approve: (r) =>
    `${r.approved === false ? 'rejected' : 'approved'} ${textOf(r.appVersion)}${textOf(r.stage) ? ` for ${textOf(r.stage)}` : ''}`,
  deploy: (r) => {
    const d = deploymentOf(r) ?? {};
    return `${nameOf(d.appVersion) ?? ''} to ${textOf(d.environment)} ${textOf(d.status)}${d.id === undefined || d.id === null ? '' : ` (#${textOf(d.id)})`}`;
  },
  envscript: (r) => {
    const n = variableNames(r.variables).length;
    return `${n} variable${n === 1 ? '' : 's'}${textOf(r.file) ? ` in ${textOf(r.file)}` : ''}`;
  },
  report: (r) => {
    const d = rec(r.dashboard);
    const apps = Array.isArray(d.applications) ? d.applications.length : 0;
    const envs = Array.isArray(d.environments) ? d.environments.length : 0;
    const file = textOf(rec(r.html).path);
    return `dashboard of ${apps} application${apps === 1 ? '' : 's'} x ${envs} environment${envs === 1 ? '' : 's'}${file ? ` in ${file}` : ''}`;
  },
};

/** A passed gate: said in one row (and that an override passed it). */
function gateFact(result: JsonResult): Fact {
  const override = rec(result.override);
  const rules = Array.isArray(override.rules) ? override.rules.map((r) => textOf(rec(r).rule) || textOf(r)).filter(Boolean) : [];
  return fact(
    'Release policy',
    override.reason !== undefined
      ? v.text(`passed by override (${rules.join(', ') || 'refused rules'}): ${textOf(override.reason)}`)
      : { text: 'gate passed', status: 'success' },
  );
}

function errorOf(result: JsonResult): ReportError | undefined {
  if (result.ok !== false) return undefined;
  const e = rec(result.error);
  const problems = Array.isArray(e.problems) ? e.problems.map((p) => textOf(p)) : undefined;
  return {
    code: textOf(e.code) || 'INTERNAL',
    message: textOf(e.message) || 'shiplog failed without a message',
    exitCode: typeof e.exitCode === 'number' ? e.exitCode : 1,
    ...(problems && problems.length > 1 ? { problems } : {}),
  };
}

function isCommand(x: unknown): x is CommandName {
  return typeof x === 'string' && (COMMANDS as readonly string[]).includes(x);
}

/**
 * The report of one result. `command` is the operation that ran (undefined when the run failed before it was
 * known); `context` adds what only the platform knows (links to the run, its own integration's facts, a diagram).
 */
export function buildReport(command: CommandName | undefined, result: JsonResult, context: ReportContext = {}): Report {
  const op = command ?? (isCommand(result.operation) ? result.operation : undefined);
  const title = op ? `shiplog ${op}` : 'shiplog';
  const error = errorOf(result);
  const dryRun = result.dryRun === true;
  const verdict: Verdict = error ? (BLOCKED_CODES.includes(error.code) ? 'blocked' : 'failed') : dryRun ? 'dry-run' : 'success';
  const e = rec(result.error);
  const gate = gateVerdictOf(result);
  const unmetRules = (gate?.rules ?? []).map(ruleLine);
  // plan and apply: their table, blocked rules and waves, on success and on failure alike.
  const intent = intentReport(op, result);
  if (intent) unmetRules.push(...intent.unmetRules);
  let facts: Fact[];
  let headline: string;
  if (error) {
    const deployment = deploymentOf(result);
    const recorded = op !== undefined && deployment !== undefined && deployment.id !== undefined && deployment.id !== null;
    facts = [
      fact('Error', v.code(error.code), v.text(error.message)),
      ...(recorded ? deploymentFacts(deployment) : []),
      ...(intent?.facts ?? []),
    ];
    headline = recorded
      ? `${title}: ${nameOf(deployment.appVersion) ?? ''} to ${textOf(deployment.environment)} FAILED (#${textOf(deployment.id)})`
      : gate && !gate.passed && gate.rules.length > 0
        ? refusalHeadline(title, gate)
        : `${title} failed: ${error.message}`;
  } else {
    facts = intent ? intent.facts : op && OPERATION_FACTS[op] ? OPERATION_FACTS[op](result) : [];
    const line = intent ? intent.headline : op && HEADLINES[op] ? HEADLINES[op](result) : 'ok';
    headline = `${title}${dryRun ? ' (dry run)' : ''}: ${line}`;
  }
  const hint = textOf(e.hint);
  return {
    ...(op ? { command: op } : {}),
    verdict,
    title,
    headline,
    facts: [...facts.filter(some), ...(gate?.passed && !error ? [gateFact(result)] : []), ...(context.facts ?? [])],
    tables: [
      ...(error?.problems ? [{ title: 'Problems', columns: ['Problem'], rows: error.problems.map((p) => [p]) }] : []),
      ...(intent?.tables ?? []),
    ],
    links: context.links ?? [],
    unmetRules,
    ...(gate ? { gate } : {}),
    ...(hint ? { nextStep: hint } : {}),
    ...(error ? { error } : {}),
    ...((context.diagram ?? intent?.diagram) && verdict === 'success'
      ? { diagram: (context.diagram ?? intent?.diagram)!, ...(!context.diagram && intent ? { diagramTitle: intent.diagramTitle } : {}) }
      : {}),
    result,
  };
}

/** A report for a run that ended without a result (the CLI crashed or printed nothing). */
export function noResultReport(command: CommandName | undefined, exitCode: number): Report {
  const message = `shiplog ${command ?? ''} failed with exit ${exitCode} and no result: see the job log`.replace('  ', ' ');
  return buildReport(command, { ok: false, ...(command ? { operation: command } : {}), error: { code: 'NO_RESULT', message, exitCode } });
}
