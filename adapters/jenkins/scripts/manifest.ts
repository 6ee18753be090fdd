/**
 * Generates the Jenkins library's manifests from the core's input table, as the kit exposes it on Jenkins:
 * resources/shiplog/inputs.json (read by vars/shiplogCli.groovy to map named arguments to CLI flags and to bind
 * credentials), vars/<step>.txt (the step help) and vars/<step>.groovy (the step, one per adapter command).
 */
import {
  camelName,
  ADAPTER_COMMANDS,
  isRequired,
  platformParams,
  QUERIES,
  SECRET_INPUTS,
  type CommandName,
  type CredentialsBinding,
  type InputSpec,
  type AdapterCommandName,
  type QueryName,
} from '@shiplog/core';

/** A Jenkins-only argument of a step (credentialsId, failOnError, ...), from the table's platform inputs. */
export interface JenkinsArg {
  arg: string;
  type: string;
  description: string;
  default?: string;
  /** The withCredentials binding the step makes from the id this argument gives. */
  binds?: CredentialsBinding;
}

/** The Jenkins-only arguments `op` takes, in table order. */
export function jenkinsArgsFor(op: CommandName): JenkinsArg[] {
  return platformParams('jenkins', op)
    .filter((p) => p.spec.platform === 'jenkins')
    .map((p) => ({
      arg: p.name,
      type: p.spec.type,
      description: p.description,
      ...(p.default !== undefined ? { default: p.default } : {}),
      ...(p.exposure.binds ? { binds: p.exposure.binds } : {}),
    }));
}

export function stepName(op: AdapterCommandName): string {
  return (
    'shiplog' +
    op
      .split('-')
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join('')
  );
}

export const camel = camelName;

export interface StepInput {
  arg: string;
  flag: string;
  type: InputSpec['type'];
  required: boolean;
  default?: string;
  values?: readonly string[];
  description: string;
}

/** vars/shiplog<Operation>.groovy: the step, which hands its named arguments to shiplogCli.runOperation. */
export function stepSource(op: AdapterCommandName): string {
  const step = stepName(op);
  return [
    '// GENERATED from the commands of core/src/inputs.ts by `npm run build`: do not edit (`npm run check` fails when it drifts).',
    `// shiplog ${op} as a pipeline step: named arguments as in ${step}.txt; returns the JSON result as a Map.`,
    'def call(Map args = [:]) {',
    `    return shiplogCli.runOperation('${op}', '${step}', args)`,
    '}',
    '',
  ].join('\n');
}

/** The step that runs the queries (`shiplogCli(operation: 'status', ...)`). */
export const CLI_STEP = 'shiplogCli';

/**
 * Argument names a step refuses with "pass secrets through credentials": every secret input of the table (its
 * camelCase and kebab-case spellings) plus `password`.
 */
export function secretArgs(): string[] {
  return [...new Set([...SECRET_INPUTS.flatMap((n) => [camel(n), n]), 'password'])];
}

/** Inputs a step accepts as named arguments: the table's value inputs on Jenkins (secrets come through credentials). */
export function stepInputs(op: CommandName): StepInput[] {
  return platformParams('jenkins', op)
    .filter((p) => p.channel === 'value' && !p.spec.platform)
    .map((p) => p.spec)
    .map((i: InputSpec) => ({
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
  const steps: Record<string, { operation: AdapterCommandName; inputs: StepInput[]; args: JenkinsArg[] }> = {};
  for (const op of ADAPTER_COMMANDS) steps[stepName(op)] = { operation: op, inputs: stepInputs(op), args: jenkinsArgsFor(op) };
  const queries: Record<string, { inputs: StepInput[]; args: JenkinsArg[] }> = {};
  for (const q of QUERIES) queries[q] = { inputs: stepInputs(q), args: jenkinsArgsFor(q) };
  return JSON.stringify({ generatedFrom: 'core/src/inputs.ts', secretArgs: secretArgs(), steps, queries }, null, 2) + '\n';
}

function describeInput(i: StepInput, required = i.required): string[] {
  const meta = [i.type + (i.values ? ` (${i.values.join(' | ')})` : ''), required ? 'required' : 'optional'];
  if (i.default !== undefined) meta.push(`default ${i.default}`);
  return [
    `  <dt><code>${i.arg}</code> (${meta.join(', ')})</dt>`,
    `  <dd>${escapeHtml(i.description)} CLI flag <code>--${i.flag}</code>.</dd>`,
  ];
}

function describeJenkinsArgs(op: CommandName): string[] {
  return jenkinsArgsFor(op).flatMap((j) => [
    `  <dt><code>${j.arg}</code> (${j.type}, optional${j.default ? `, default ${j.default}` : ''})</dt>`,
    `  <dd>${escapeHtml(j.description)}</dd>`,
  ]);
}

/** vars/shiplogCli.txt: the query runner's help, one section per query, from the same table. */
export function cliHelp(): string {
  const lines: string[] = [];
  lines.push(`<p>Runs a shiplog query (<code>${QUERIES.join('</code>, <code>')}</code>) and returns its JSON result as a Map.`);
  lines.push(`The operations have their own steps (${ADAPTER_COMMANDS.map((op) => `<code>${stepName(op)}</code>`).join(', ')}).</p>`);
  lines.push('<p>Named arguments (generated from the shiplog input table); any other argument is refused before shiplog runs:</p>');
  lines.push('<dl>');
  lines.push(`  <dt><code>operation</code> (enum (${QUERIES.join(' | ')}), required)</dt>`);
  lines.push('  <dd>The query to run.</dd>');
  lines.push('</dl>');
  for (const q of QUERIES) {
    lines.push(`<p><code>operation: '${q}'</code> (<code>shiplog ${q}</code>):</p>`);
    lines.push('<dl>');
    for (const i of stepInputs(q)) lines.push(...describeInput(i));
    lines.push('</dl>');
  }
  lines.push('<p>Every query also takes:</p>');
  lines.push('<dl>');
  lines.push(...describeJenkinsArgs('status'));
  lines.push('</dl>');
  lines.push(
    `<p>Secrets are never arguments: ${secretArgs()
      .map((a) => `<code>${a}</code>`)
      .join(', ')} are refused; pass them through <code>credentialsId</code> and <code>storeCredentialsId</code>.</p>`,
  );
  lines.push(`<p>Example: <code>def s = ${CLI_STEP}(operation: 'status', application: 'GLOBAL.Acme.Store.shop')</code></p>`);
  return lines.join('\n') + '\n';
}

/** Arguments a query accepts (the shiplogCli check and help use the same list). */
export function queryArgs(q: QueryName): string[] {
  return ['operation', ...stepInputs(q).map((i) => i.arg), ...jenkinsArgsFor(q).map((j) => j.arg)];
}

export function stepHelp(op: AdapterCommandName): string {
  const lines: string[] = [];
  const step = stepName(op);
  lines.push(`<p>Runs <code>shiplog ${op}</code> and returns its JSON result as a Map.</p>`);
  lines.push('<p>Named arguments (generated from the shiplog input table):</p>');
  lines.push('<dl>');
  for (const i of stepInputs(op)) lines.push(...describeInput(i));
  lines.push(...describeJenkinsArgs(op));
  lines.push('</dl>');
  lines.push(`<p>Example: <code>def r = ${step}(${exampleArgs(op)})</code></p>`);
  return lines.join('\n') + '\n';
}

function exampleArgs(op: AdapterCommandName): string {
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
    case 'plan':
      return "env: ['qa', 'prod'], passOnChanges: true";
    case 'apply':
      return "parallel: 4, lockTimeout: '30m'";
  }
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
