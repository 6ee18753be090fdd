// Wrapper mode's step command, run by the command hook the way the agent's default command phase runs it: a
// script path is made executable and run directly, anything else is evaluated by BUILDKITE_SHELL. An agent that
// does not evaluate commands (BUILDKITE_COMMAND_EVAL=false) only runs a script inside the build's checkout (`..`
// and every symlink resolved). The command sees the job's own environment, not the credentials mapped for shiplog.
import { spawnSync } from 'node:child_process';
import { chmodSync, realpathSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import type { Env } from '@shiplog/core/kit';

const real = (path: string): string | undefined => {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
};

/** Runs the step command; its exit status (128 + the signal's number when a signal ended it), or 2 when refused. */
export function runStepCommand(env: Env, fail: (message: string) => void): number {
  const command = env.BUILDKITE_COMMAND ?? '';
  const script = command.replace(/\n/g, '');
  const stat = statSync(script, { throwIfNoEntry: false });
  if (env.BUILDKITE_COMMAND_EVAL === 'false') {
    const checkout = real(env.BUILDKITE_BUILD_CHECKOUT_PATH || '.');
    const inside = checkout !== undefined && real(script)?.startsWith(`${checkout.replace(/\/$/, '')}/`);
    const where = `the step's script ${script} is outside the checkout directory ${env.BUILDKITE_BUILD_CHECKOUT_PATH || process.cwd()}`;
    const refused = !stat?.isFile() ? 'the step command must be a script in the repository' : inside ? undefined : where;
    if (refused) {
      fail(`this agent does not evaluate commands (--no-command-eval): ${refused}`);
      return 2;
    }
  }
  const run = stat?.isFile() ? (script.startsWith('/') ? script : `./${script}`) : command;
  try {
    if (stat?.isFile() && (stat.mode & 0o111) === 0) chmodSync(run, stat.mode | 0o111);
  } catch {
    process.stderr.write(`shiplog: warning: could not make ${run} executable\n`);
  }
  process.stderr.write(`~~~ Running ${stat?.isFile() ? 'script' : 'commands'}\n$ ${run}\n`);
  const [shell, ...shellArgs] = (env.BUILDKITE_SHELL || '/bin/bash -e -c').trim().split(/\s+/);
  const r = spawnSync(shell, [...shellArgs, run], { stdio: 'inherit', env: env as NodeJS.ProcessEnv });
  if (r.error) {
    fail(`could not run the step command with ${shell}: ${r.error.message}`);
    return 127;
  }
  return r.status ?? 128 + (r.signal ? constants.signals[r.signal] : 0);
}
