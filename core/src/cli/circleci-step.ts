// The CircleCI orb's run step in the bundled CLI: the orb's parameters (the SHIPLOG_* variables its step sets,
// kit/orb-parameters.ts) -> one CLI call in this process. The orb's run.sh calls it through the bundle's export,
// so the bundle it verified does the validation and mapping, and run.sh only keeps CircleCI's glue.
import { ConfigError } from '../errors.js';
import { orbInvocation } from '../kit/orb-parameters.js';
import { main, type CliIo } from './main.js';

/**
 * Runs the operation the orb's parameters in `io.env` (default: the process's environment) describe, with its
 * credentials in the CLI's environment only. Bad parameters: one line on stderr, exit 2, nothing run, nothing on
 * stdout. `run` is the CLI (a test seam).
 */
export async function circleciMain(io: Partial<Omit<CliIo, 'argv'>> = {}, run: typeof main = main): Promise<number> {
  const stderr = io.stderr ?? ((t: string) => void process.stderr.write(t));
  let call: ReturnType<typeof orbInvocation>;
  try {
    call = orbInvocation(io.env ?? process.env);
  } catch (err) {
    // Anything but a ConfigError is a bug; its message may hold anything (a parameter's value), so only a fixed line.
    stderr(err instanceof ConfigError ? `shiplog: error: ${err.message}\n` : 'shiplog: error: internal error, please report\n');
    return err instanceof ConfigError ? err.exitCode : 1;
  }
  return run({ ...io, argv: call.argv, env: call.env });
}
