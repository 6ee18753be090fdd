// Entry of the bundled CLI (core/dist/shiplog.mjs). Run as a program (`node shiplog.mjs`, the npm bin link) it
// calls main() with the process's argv and streams. Imported by a host that embeds the CLI (the Buildkite
// plugin's hooks call main() in their own node process, saving a node start-up) it exports main(), and for the
// orb's run.sh circleciMain() (its parameters -> one CLI call) and circleciStepReport() (its step report).
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from './main.js';

export { main };
// The orb's run.sh hands its parameters (its SHIPLOG_* variables) to this, in the bundle it verified.
export { circleciMain } from './circleci-step.js';
// The orb's run.sh renders its step output and $BASH_ENV outputs with this, from the same verified bundle.
export { circleciStepReport } from '../kit/step-report.js';

/** True when node was started with this file as its script (through any symlink, e.g. node_modules/.bin). */
function startedAsProgram(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (startedAsProgram()) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      // main() reports every failure itself; reaching this is a bug. Its message may hold anything (a secret
      // the redactor was given, say), so only a fixed line is printed, and no stack trace.
      process.stderr.write('shiplog: error: internal error, please report\n');
      process.exitCode = 1;
    },
  );
}
