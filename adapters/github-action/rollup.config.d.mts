// Types of rollup.config.mjs for scripts/generate.ts (which builds dist/ in memory with it).
import type { OutputOptions, RollupOptions } from 'rollup';

declare const config: RollupOptions & { output: OutputOptions };
export default config;
