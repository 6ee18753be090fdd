// The plugin's work for one hook, in ONE node process; the kit (kit/buildkite-plugin.ts) decides, this file makes
// the calls: the configuration's plan, the secrets registered with the agent's redactor, the operation run by the
// committed CLI bundle in this same process (its exported main(), not a second node) or the step command
// (step-command.ts), and the `buildkite-agent` calls that report the result. Bundled into lib/hook.mjs.
//
// Usage: node lib/hook.mjs command|post-command
//   command       no step command: runs the operation and reports; exits with the CLI's exit code.
//                 with a step command (wrapper mode): checks the configuration, registers the password, then
//                 runs the step command and exits with its status.
//   post-command  wrapper mode only: records the step command's exit status as a deployment and reports;
//                 exits 0 once the deployment is stored (a failed one too), else with the CLI's exit code.
// Bad configuration: one line on stderr, exit 2. Credential values reach the CLI only in the environment object
// handed to it (never argv, a file, or this process's environment); the redactor input goes through a pipe.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  buildkiteHookOutcome,
  buildkitePlan,
  buildkiteRedactorCall,
  ConfigError,
  envNameEnv,
  type BuildkiteAgentCall,
  type BuildkitePlan,
  type Env,
} from '@shiplog/core/kit';
import { runStepCommand } from './step-command.js';

const BUNDLE = fileURLToPath(new URL('../dist/shiplog.mjs', import.meta.url));
type Main = (io: { argv: string[]; env: Env; cwd: string; stdout: (t: string) => void; stderr: (t: string) => void }) => Promise<number>;

function fail(message: string): void {
  process.stderr.write(`shiplog: error: ${message}\n`);
}

/** `buildkite-agent ARGS...` with the call's stdin; false (and its warning) when it could not be done. */
function agent(call: BuildkiteAgentCall): boolean {
  const r = spawnSync('buildkite-agent', call.argv, { input: call.stdin, stdio: ['pipe', 'ignore', 'inherit'] });
  if (!r.error && r.status === 0) return true;
  const why = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' ? 'buildkite-agent is not on PATH' : r.error?.message;
  process.stderr.write(`shiplog: warning: ${call.warning}${why ? ` (${why})` : ''}\n`);
  return false;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Runs `shiplog <operation> <args> --json` in this process; the JSON is returned, human logs go to stderr. */
async function runOperation(plan: BuildkitePlan): Promise<{ code: number; json: string }> {
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

export async function runHook(phase: string | undefined): Promise<number> {
  if (phase !== 'command' && phase !== 'post-command') {
    process.stderr.write('usage: node hook.mjs command|post-command\n');
    return 2;
  }
  let plan: BuildkitePlan;
  try {
    plan = buildkitePlan(process.env, phase);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    fail(err.message);
    return 2;
  }
  if (phase === 'post-command' && plan.mode !== 'wrap') return 0;
  const redactor = buildkiteRedactorCall(process.env, plan);
  if (redactor) agent(redactor);
  if (phase === 'command' && plan.mode === 'wrap') return runStepCommand(process.env, fail);

  process.stderr.write(`--- :rocket: shiplog ${plan.operation}\n`);
  const { code, json } = await runOperation(plan).catch((err: unknown) => {
    // The CLI reports its own failures; this is a broken bundle or a bug: one line, and still an annotation.
    fail(`the shiplog CLI failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`);
    return { code: 1, json: '' };
  });
  const outcome = buildkiteHookOutcome(plan, phase, code, json, readText);
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  let ok = true;
  for (const call of outcome.calls) ok = call.afterPrevious && !ok ? false : agent(call);
  if (outcome.note) process.stderr.write(`${outcome.note}\n`);
  return outcome.exitCode;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runHook(process.argv[2]);
}
