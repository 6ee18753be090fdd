// Types of rollup.config.mjs for scripts/generate.ts (which builds dist/ in memory with it).
import type { OutputOptions, RollupOptions } from 'rollup';

type BundleConfig = RollupOptions & { output: OutputOptions };
export declare const action: BundleConfig;
export declare const uploader: BundleConfig;
declare const configs: BundleConfig[];
export default configs;
