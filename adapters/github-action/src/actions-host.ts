/**
 * The core's Host for the runner: env and cwd from the process, human lines to the log, the core's warnings
 * and errors as annotations (::warning:: / ::error::), debug lines only with step debug logging on.
 * Everything passes through the shared Redactor first.
 */
import * as core from '@actions/core';
import { createHost, processInterrupts, type Host, type Logger, type Redactor } from '@shiplog/core';

export function actionsHost(env: NodeJS.ProcessEnv, redactor: Redactor, opts: { quiet?: boolean } = {}): Host {
  // The runner shows stdout and stderr in one log; streamed deployment output keeps its own lines.
  const write = (text: string) => void process.stdout.write(text);
  const base = createHost({
    env,
    cwd: process.cwd(),
    // A quiet host runs the action's own queries (the lineage for the job summary): their product goes to the
    // summary, not into the step log.
    stdout: opts.quiet ? () => {} : write,
    stderr: write,
    redactor,
    debug: core.isDebug(),
    quiet: opts.quiet,
    // A cancelled run signals the action (SIGINT, then SIGTERM): a running deployment is stopped and recorded.
    onInterrupt: processInterrupts,
  });
  const r = (m: string) => redactor.redact(m);
  const log: Logger = {
    info: (m) => {
      if (!opts.quiet) core.info(r(m));
    },
    warn: (m) => core.warning(r(m)),
    error: (m) => core.error(r(m)),
    debug: (m) => core.debug(r(m)),
  };
  return { ...base, log };
}
