/**
 * Generates the Jenkins library's manifests from the core's input table: resources/shiplog/inputs.json (read by
 * vars/shiplogCli.groovy to map named arguments to CLI flags) and vars/<step>.txt (the step help).
 */
import { OPERATIONS, inputsFor, isRequired, type InputSpec, type OperationName } from '../../../core/src/inputs.js';

/** Arguments every step takes that are Jenkins' own, not core inputs. */
export const JENKINS_ARGS: readonly { arg: string; type: string; description: string; default?: string }[] = [
  {
    arg: 'credentialsId',
    type: 'string',
    description:
      'Jenkins "Username with password" credentials for the Ortelius server: bound with withCredentials into DHUSER/DHPASS, never interpolated into a script.',
  },
  {
    arg: 'jenkinsCredentialsId',
    type: 'string',
    description:
      'shiplogDeploy only: Jenkins "Username with password" credentials (user + API token) used to attach this build\'s console log, causes and change sets to a record-only deployment.',
  },
  { arg: 'failOnError', type: 'boolean', default: 'true', description: 'Fail the build (error step) when shiplog exits non-zero; false returns the result Map with ok=false.' },
  { arg: 'nodeBinary', type: 'string', default: 'node', description: 'Node.js 20+ executable on the agent.' },
];

export function stepName(op: OperationName): string {
  return 'shiplog' + op.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

export function camel(name: string): string {
  return name.replace(/[-_]([a-z])/g, (_m, c: string) => c.toUpperCase());
}

export interface StepInput {
  arg: string;
  flag: string;
  type: InputSpec['type'];
  required: boolean;
  default?: string;
  values?: readonly string[];
  description: string;
}

/** Inputs a step accepts as named arguments: the table's, minus CLI-only flags and secrets (those go through credentialsId). */
export function stepInputs(op: OperationName): StepInput[] {
  return inputsFor(op)
    .filter((i) => !i.secret)
    .map((i) => ({
      arg: camel(i.name),
      flag: i.name,
      type: i.type,
      required: isRequired(i, op),
      ...(i.default !== undefined ? { default: i.default } : {}),
      ...(i.values ? { values: i.values } : {}),
      description: i.description,
    }));
}

export function inputsJson(): string {
  const steps: Record<string, { operation: OperationName; inputs: StepInput[] }> = {};
  for (const op of OPERATIONS) steps[stepName(op)] = { operation: op, inputs: stepInputs(op) };
  return JSON.stringify({ generatedFrom: 'core/src/inputs.ts', steps }, null, 2) + '\n';
}

export function stepHelp(op: OperationName): string {
  const lines: string[] = [];
  const step = stepName(op);
  lines.push(`<p>Runs <code>shiplog ${op}</code> and returns its JSON result as a Map.</p>`);
  lines.push('<p>Named arguments (generated from the shiplog input table):</p>');
  lines.push('<dl>');
  for (const i of stepInputs(op)) {
    const meta = [i.type + (i.values ? ` (${i.values.join(' | ')})` : ''), i.required ? 'required' : 'optional'];
    if (i.default !== undefined) meta.push(`default ${i.default}`);
    lines.push(`  <dt><code>${i.arg}</code> (${meta.join(', ')})</dt>`);
    lines.push(`  <dd>${escapeHtml(i.description)} CLI flag <code>--${i.flag}</code>.</dd>`);
  }
  for (const j of JENKINS_ARGS) {
    if (j.arg === 'jenkinsCredentialsId' && op !== 'deploy') continue;
    lines.push(`  <dt><code>${j.arg}</code> (${j.type}, optional${j.default ? `, default ${j.default}` : ''})</dt>`);
    lines.push(`  <dd>${escapeHtml(j.description)}</dd>`);
  }
  lines.push('</dl>');
  lines.push(`<p>Example: <code>def r = ${step}(${exampleArgs(op)})</code></p>`);
  return lines.join('\n') + '\n';
}

function exampleArgs(op: OperationName): string {
  switch (op) {
    case 'version-update':
      return "componentName: 'GLOBAL.Acme.Store.cart', componentVersion: \"v1.2.${env.BUILD_NUMBER}\", application: 'GLOBAL.Acme.Store.shop'";
    case 'approve':
      return "application: 'GLOBAL.Acme.Store.shop', appVersion: '3', stage: 'prod'";
    case 'move':
      return "application: 'GLOBAL.Acme.Store.shop', to: 'qa'";
    case 'deploy':
      return "application: 'GLOBAL.Acme.Store.shop', env: 'qa', command: 'helm upgrade --install shop ./chart'";
    case 'envscript':
      return "output: 'shiplog.env'";
  }
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
