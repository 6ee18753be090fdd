/**
 * CLI entry: `shiplog --version` answers at once; everything else loads the program (run-cli.ts) lazily.
 * In the bundle, run-cli and all it imports are wrapped in a function that only runs on that first call
 * (rollup.config.mjs), so --version does not pay for commander, the backends or env-ci.
 */
import type { CliIo } from './run-cli.js';
import { SHIPLOG_VERSION } from './version.js';

export type { CliIo };

/** A closed pipe (`shiplog status | head -1`) is not an error worth a stack trace. */
function ignoreBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

export async function main(partial: Partial<CliIo> = {}): Promise<number> {
  if (!partial.stdout) ignoreBrokenPipe(process.stdout);
  if (!partial.stderr) ignoreBrokenPipe(process.stderr);
  const io: CliIo = {
    argv: partial.argv ?? process.argv.slice(2),
    env: partial.env ?? process.env,
    cwd: partial.cwd ?? process.cwd(),
    stdout: partial.stdout ?? ((t) => void process.stdout.write(t)),
    stderr: partial.stderr ?? ((t) => void process.stderr.write(t)),
    executeOptions: partial.executeOptions,
    heartbeatMs: partial.heartbeatMs,
    // The process's terminal describes only the process's own streams: an embedder's writers are no terminal.
    terminal: partial.terminal ?? {
      stdoutIsTTY: !partial.stdout && process.stdout.isTTY === true,
      stderrIsTTY: !partial.stderr && process.stderr.isTTY === true,
      columns: partial.stdout ? undefined : process.stdout.columns,
      stderrColumns: partial.stderr ? undefined : process.stderr.columns,
    },
  };
  if (io.argv.length === 1 && (io.argv[0] === '--version' || io.argv[0] === '-V')) {
    io.stdout(`${SHIPLOG_VERSION}\n`);
    return 0;
  }
  const { runCli } = await import('./run-cli.js');
  return runCli(io);
}
