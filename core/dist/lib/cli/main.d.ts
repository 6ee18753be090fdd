/**
 * CLI entry: `shiplog --version` answers at once; everything else loads the program (run-cli.ts) lazily.
 * In the bundle, run-cli and all it imports are wrapped in a function that only runs on that first call
 * (rollup.config.mjs), so --version does not pay for commander, the backends or env-ci.
 */
import type { CliIo } from './run-cli.js';
export type { CliIo };
export declare function main(partial?: Partial<CliIo>): Promise<number>;
