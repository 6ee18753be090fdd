/** Rollup bundle of ts/cli.ts (the Jenkins API helper) into one file that runs with plain node. */
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjsModule from '@rollup/plugin-commonjs';
import jsonModule from '@rollup/plugin-json';
import esbuild from 'rollup-plugin-esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** These plugins ship CommonJS typings whose default export NodeNext sees as the module object. */
function interopDefault<T>(m: T): T {
  return ((m as unknown as { default?: T }).default ?? m) as T;
}
const commonjs = interopDefault(commonjsModule) as unknown as (opts?: Record<string, unknown>) => import('rollup').Plugin;
const json = interopDefault(jsonModule) as unknown as () => import('rollup').Plugin;

/** ts/cli.ts as one ESM file (the `jenkins` client and @shiplog/core/kit inlined). */
export async function jenkinsContextBundle(entry = 'ts/cli.ts'): Promise<string> {
  const bundle = await rollup({
    input: join(root, entry),
    // the kit's modules are pure: only what the helper calls is kept
    treeshake: { moduleSideEffects: (id) => !id.includes('/core/src/') },
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
      warn(warning);
    },
    plugins: [
      nodeResolve({ preferBuiltins: true, exportConditions: ['shiplog-source', 'node'] }),
      commonjs({ ignoreDynamicRequires: true }),
      json(),
      esbuild({ target: 'node20', minify: false, sourceMap: false }),
    ],
  });
  const { output } = await bundle.generate({
    format: 'esm',
    inlineDynamicImports: true,
    banner:
      '#!/usr/bin/env node\n' +
      "import { createRequire as __shiplogCreateRequire } from 'node:module';\n" +
      'const require = __shiplogCreateRequire(import.meta.url);',
  });
  await bundle.close();
  return output[0].code;
}

/** Writes the bundle to `outFile` (tests rebuild it to compare). */
export async function bundleJenkinsContext(outFile: string): Promise<void> {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(outFile, await jenkinsContextBundle());
}
