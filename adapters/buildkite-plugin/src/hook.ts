// The plugin's work for one hook, in ONE node process: configuration -> shiplog CLI arguments (config-args.ts),
// the secrets registered with the agent's redactor, the operation run by the committed CLI bundle in this same
// process (its exported main(), not a second node), and the result reported to Buildkite through the kit's step
// report (annotation, build meta-data) and the dashboard's publishing calls. The build bundles this file (with
// the parts of @shiplog/core it uses) into lib/hook.mjs.
//
// Usage: node lib/hook.mjs command|post-command
//   command       no step command: runs the operation and reports; exits with the CLI's exit code.
//                 with a step command (wrapper mode): checks the configuration, registers the password, then
//                 runs the step command (step-command.ts) and exits with its status.
//   post-command  wrapper mode only: records the step command's exit status as a deployment and reports;
//                 exits 0 once the deployment is stored (a failed one too), else with the CLI's exit code.
// Bad configuration: one line on stderr, exit 2. Credential values reach the CLI only in the environment object
// handed to it (never argv, a file, or this process's environment); the redactor input goes through a pipe.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  buildkiteReportCalls,
  buildkiteStepReport,
  ConfigError,
  envNameEnv,
  envNameSecretForms,
  parseResult,
  publishedReportOf,
  type Env,
  type JsonResult,
} from '@shiplog/core/kit';
import { planFor, type Plan } from './config-args.js';
import { runStepCommand } from './step-command.js';

const BUNDLE = fileURLToPath(new URL('../dist/shiplog.mjs', import.meta.url));
type Main = (io: { argv: string[]; env: Env; cwd: string; stdout: (t: string) => void; stderr: (t: string) => void }) => Promise<number>;

function fail(message: string): void {
  process.stderr.write(`shiplog: error: ${message}\n`);
}

/** `buildkite-agent ARGS...` with `input` on stdin; false (and a warning) when it could not be done. */
function agent(args: string[], input: string, what: string): boolean {
  const r = spawnSync('buildkite-agent', args, { input, stdio: ['pipe', 'ignore', 'inherit'] });
  if (!r.error && r.status === 0) return true;
  const why = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' ? 'buildkite-agent is not on PATH' : r.error?.message;
  process.stderr.write(`shiplog: warning: ${what}${why ? ` (${why})` : ''}\n`);
  return false;
}

/** The secret credentials' variables: their values in every form the core's Redactor masks, keyed for the agent. */
export function redactorInput(env: Env, plan: Plan): string {
  return JSON.stringify(envNameSecretForms('buildkite', plan.operation, plan.credentials, env));
}

/** Runs `shiplog <operation> <args> --json` in this process; the JSON is returned, human logs go to stderr. */
async function runOperation(plan: Plan): Promise<{ code: number; json: string }> {
  if (!existsSync(BUNDLE)) {
    fail(`the plugin's shiplog bundle is missing (${BUNDLE})`);
    return { code: 1, json: '' };
  }
  const { main } = (await import(pathToFileURL(BUNDLE).href)) as { main?: Main };
  if (typeof main !== 'function') {
    fail(`${BUNDLE} does not export main(): the plugin's files are from different versions`);
    return { code: 1, json: '' };
  }
  let json = '';
  const env = envNameEnv('buildkite', plan.operation, plan.credentials, process.env);
  const code = await main({
    argv: [plan.operation, ...plan.args, '--json'],
    env,
    cwd: process.cwd(),
    stdout: (text) => void (json += text),
    stderr: (text) => void process.stderr.write(text),
  });
  return { code, json };
}

/** The annotation (style by outcome, one context per operation), the meta-data and the dashboard; problems only warn. */
function report(operation: string, code: number, json: string, result: JsonResult | undefined): void {
  const r = buildkiteStepReport(operation, json, code);
  agent(['annotate', '--style', r.style, '--context', `shiplog-${operation}`], r.annotation, 'buildkite-agent annotate failed');
  for (const [key, value] of r.metadata) agent(['meta-data', 'set', key, value], '', `buildkite-agent meta-data set ${key} failed`);
  // `report: true`: the page the core wrote as an artifact, then an annotation linking it (kit/report-publishing.ts).
  const published = result ? publishedReportOf(result) : undefined;
  let markdown: string | undefined;
  try {
    markdown = published?.markdown ? readFileSync(published.markdown.path, 'utf8') : undefined;
  } catch {
    markdown = undefined;
  }
  for (const call of published ? buildkiteReportCalls(published, markdown) : []) {
    if (!agent(call.argv, call.stdin ?? '', `buildkite-agent ${call.argv.join(' ')} failed`)) break;
  }
}

export async function runHook(phase: string | undefined): Promise<number> {
  if (phase !== 'command' && phase !== 'post-command') {
    process.stderr.write('usage: node hook.mjs command|post-command\n');
    return 2;
  }
  let plan: Plan;
  try {
    plan = planFor(process.env, phase);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    fail(err.message);
    return 2;
  }
  if (phase === 'post-command' && plan.mode !== 'wrap') return 0;
  const redact = redactorInput(process.env, plan);
  if (redact !== '{}')
    agent(
      ['redactor', 'add', '--format', 'json'],
      redact,
      "could not register the password with the agent's redactor (this agent may lack 'buildkite-agent redactor add')",
    );
  if (phase === 'command' && plan.mode === 'wrap') return runStepCommand(process.env, fail);

  process.stderr.write(`--- :rocket: shiplog ${plan.operation}\n`);
  const { code, json } = await runOperation(plan).catch((err: unknown) => {
    // The CLI reports its own failures; this is a broken bundle or a bug: one line, and still an annotation.
    fail(`the shiplog CLI failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`);
    return { code: 1, json: '' };
  });
  const result = parseResult(json);
  // envscript without `output`: under --json the CLI prints the result object, not the script; the job log is
  // the only place the script goes, so the hook prints the one the result carries.
  if (plan.operation === 'envscript' && code === 0 && result?.ok && !result.file && typeof result.script === 'string')
    process.stdout.write(result.script);
  report(plan.operation, code, json, result);
  // post-command (wrapper mode) succeeds once the deployment is stored, a failed one included (DEPLOY_FAILED,
  // exit 1): the agent ends the job with a failing post-command's status before it looks at the command's, and
  // the step must keep the command's own exit status. Any other failure means nothing was recorded.
  if (phase === 'post-command' && code === 1 && (result?.error as { code?: unknown } | undefined)?.code === 'DEPLOY_FAILED') {
    process.stderr.write("shiplog: recorded the failed deployment; the step keeps the command's exit status\n");
    return 0;
  }
  return code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runHook(process.argv[2]);
}
