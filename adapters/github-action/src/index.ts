// Entry point (bundled to dist/index.cjs, what every <operation>/action.yml runs). It exports run() for tools
// that load the action and call it themselves (@github/local-action imports the entry and calls run()), and
// calls run() only when it is the main module: the runner starts it as `node dist/index.cjs`.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run } from './main.js';

export { run };

/** Whether `moduleUrl` is the script node was started with (argv[1]), links resolved. */
export function isMainModule(moduleUrl: string, argv1: string | undefined = process.argv[1]): boolean {
  if (!argv1) return false;
  try {
    return realpathSync(argv1) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

if (isMainModule(import.meta.url)) void run();
