// The plugin's work for one hook, in ONE node process: configuration -> shiplog CLI arguments
// (config-args.ts), the secrets registered with the agent's redactor in every form the core's Redactor knows,
// the operation run by the committed CLI bundle in this same process (its exported main(), not a second node),
// and the result reported to Buildkite: the core's report as a markdown annotation and its outputs as build
// meta-data. The build bundles this file (with the parts of @shiplog/core it uses) into lib/hook.mjs.
//
// Usage: node lib/hook.mjs command|post-command
//   command       no step command: runs the operation and reports; exits with the CLI's exit code.
//                 with a step command (wrapper mode): checks the configuration and registers the password,
//                 exit 0; the bash hook then runs the step command itself.
//   post-command  wrapper mode only: records the step command's exit status as a deployment and reports;
//                 exits 0 once the deployment is stored (a failed one too), else with the CLI's exit code.
// envscript without `output` prints the script on stdout (the job log), as `shiplog envscript` would.
// Bad configuration: one line on stderr, exit 2.
//
// Secrets: credential values are copied into DHURL/DHUSER/DHPASS/SHIPLOG_STORE_PASSWORD only in the environment
// object handed to the CLI (never argv, a file, or this process's environment); the redactor input goes to the
// agent through a pipe.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildkiteAnnotation, buildkiteReportCalls, platformParams, publishedReportOf, Redactor, type Env } from '@shiplog/core/kit';
import { report } from './annotation.js';
import { ConfigError, planFor, type Plan } from './config-args.js';

const EXIT_INVALID = 2;
const EXIT_FAILED = 1;
const BUNDLE = fileURLToPath(new URL('../dist/shiplog.mjs', import.meta.url));

type Io = { argv: string[]; env: Env; cwd: string; stdout: (t: string) => void; stderr: (t: string) => void };
type Main = (io: Io) => Promise<number>;

function warn(message: string): void {
  process.stderr.write(`shiplog: warning: ${message}\n`);
}

/** `buildkite-agent ARGS...` with `input` on stdin; false (and a warning) when it could not be done. */
function agent(args: string[], input: string, what: string): boolean {
  const r = spawnSync('buildkite-agent', args, { input, stdio: ['pipe', 'ignore', 'inherit'] });
  if (r.error || r.status !== 0) {
    const code = (r.error as NodeJS.ErrnoException | undefined)?.code;
    warn(`${what}${r.error ? ` (${code === 'ENOENT' ? 'buildkite-agent is not on PATH' : r.error.message})` : ''}`);
    return false;
  }
  return true;
}

/** The secret credentials' variables: their values in every form the core's Redactor masks, keyed for the agent. */
export function redactorInput(env: Env, plan: Plan): string {
  const out: Record<string, string> = {};
  for (const p of platformParams('buildkite', plan.operation)) {
    if (p.channel !== 'env-name' || !p.spec.secret) continue;
    const name = plan.credentials[p.name];
    const redactor = new Redactor();
    redactor.add(env[name]);
    redactor.values().forEach((form, n) => (out[`${name}_${n}`] = form));
  }
  return JSON.stringify(out);
}

/** Registers the secrets with the agent's log redactor, through stdin. */
function registerSecrets(redact: string): void {
  if (redact === '{}') return;
  agent(['redactor', 'add', '--format', 'json'], redact, "could not register the password with the agent's redactor (this agent may lack 'buildkite-agent redactor add')");
}

/**
 * The environment the CLI sees: the job's, with each credential (DHURL, DHUSER, DHPASS, SHIPLOG_STORE_PASSWORD)
 * taken from the variable the configuration names. Only the named variables count: a renamed one that is unset
 * leaves the CLI without that credential.
 */
export function cliEnv(env: Env, plan: Plan): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  for (const p of platformParams('buildkite', plan.operation)) {
    if (p.channel !== 'env-name') continue;
    const target = p.envDefault!;
    const source = plan.credentials[p.name];
    if (env[source] !== undefined) out[target] = env[source];
    else if (source !== target) delete out[target];
  }
  return out;
}

/** Runs `shiplog <operation> <args> --json` in this process; the JSON is returned, human logs go to stderr. */
async function runOperation(plan: Plan): Promise<{ code: number; json: string }> {
  if (!existsSync(BUNDLE)) {
    process.stderr.write(`shiplog: error: the plugin's shiplog bundle is missing (${BUNDLE})\n`);
    return { code: EXIT_FAILED, json: '' };
  }
  let json = '';
  const { main } = (await import(pathToFileURL(BUNDLE).href)) as { main?: Main };
  if (typeof main !== 'function') {
    process.stderr.write(`shiplog: error: ${BUNDLE} does not export main(): the plugin's files are from different versions\n`);
    return { code: EXIT_FAILED, json: '' };
  }
  const code = await main({
    argv: [plan.operation, ...plan.args, '--json'],
    env: cliEnv(process.env, plan),
    cwd: process.cwd(),
    stdout: (text: string) => {
      json += text;
    },
    stderr: (text: string) => {
      process.stderr.write(text);
    },
  });
  return { code, json };
}

/** Annotation (style by outcome, one context per operation) and meta-data; problems here only warn. */
function reportToBuildkite(operation: string, code: number, json: string): void {
  const r = report(operation, code, json);
  agent(['annotate', '--style', r.style, '--context', `shiplog-${operation}`], r.annotation, 'buildkite-agent annotate failed');
  for (const [key, value] of r.metadata) agent(['meta-data', 'set', key, value], '', `buildkite-agent meta-data set ${key} failed`);
}

/** `report: true`: the page the core wrote as an artifact, then an annotation linking it (kit/report-publishing.ts). */
function publishDashboard(result: Result | undefined): void {
  const published = result ? publishedReportOf(result) : undefined;
  if (!published?.html) return;
  let markdown: string | undefined;
  try {
    markdown = published.markdown ? readFileSync(published.markdown.path, 'utf8') : undefined;
  } catch {
    markdown = undefined;
  }
  const [upload, annotate] = buildkiteReportCalls(published);
  if (agent(upload.argv, '', `buildkite-agent artifact upload ${published.html.path} failed`)) {
    agent(annotate.argv, buildkiteAnnotation(published, markdown), 'buildkite-agent annotate (release dashboard) failed');
  }
}

export async function runHook(phase: string | undefined): Promise<number> {
  if (phase !== 'command' && phase !== 'post-command') {
    process.stderr.write('usage: node hook.mjs command|post-command\n');
    return EXIT_INVALID;
  }
  let plan: Plan;
  try {
    plan = planFor(process.env, phase);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`shiplog: error: ${err.message}\n`);
    return EXIT_INVALID;
  }
  if (phase === 'post-command' && plan.mode !== 'wrap') return 0;
  registerSecrets(redactorInput(process.env, plan));
  if (phase === 'command' && plan.mode === 'wrap') return 0;

  process.stderr.write(`--- :rocket: shiplog ${plan.operation}\n`);
  let outcome: { code: number; json: string };
  try {
    outcome = await runOperation(plan);
  } catch (err) {
    // The CLI reports its own failures; this is a broken bundle or a bug: one line, and still an annotation.
    process.stderr.write(`shiplog: error: the shiplog CLI failed unexpectedly: ${err instanceof Error ? err.message : String(err)}\n`);
    outcome = { code: EXIT_FAILED, json: '' };
  }
  const { code, json } = outcome;
  const result = parseResult(json);
  printEnvscript(plan, code, result);
  reportToBuildkite(plan.operation, code, json);
  publishDashboard(result);
  return hookExit(phase, code, result);
}

type Result = { ok?: boolean; file?: unknown; script?: unknown; error?: { code?: unknown } };

function parseResult(json: string): Result | undefined {
  try {
    const r = JSON.parse(json);
    return r !== null && typeof r === 'object' ? r : undefined;
  } catch {
    return undefined;
  }
}

/**
 * envscript without `output`: `shiplog envscript` prints the script, but under --json the CLI puts the result
 * object on stdout instead, so the hook prints the script it carries. The job log is the only place it goes.
 */
function printEnvscript(plan: Plan, code: number, result: Result | undefined): void {
  if (plan.operation !== 'envscript' || code !== 0 || !result?.ok || result.file || typeof result.script !== 'string') return;
  process.stdout.write(result.script);
}

/**
 * The hook's exit status. post-command (wrapper mode) succeeds once the deployment is stored, a failed one
 * included (DEPLOY_FAILED, exit 1): the agent ends the job with a failing post-command's status before it looks
 * at the command's, and the step must keep the command's own exit status. Any other failure means nothing was
 * recorded, and the hook fails with it.
 */
function hookExit(phase: string, code: number, result: Result | undefined): number {
  if (phase === 'post-command' && code === EXIT_FAILED && result?.error?.code === 'DEPLOY_FAILED') {
    process.stderr.write('shiplog: recorded the failed deployment; the step keeps the command\'s exit status\n');
    return 0;
  }
  return code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runHook(process.argv[2]);
}
