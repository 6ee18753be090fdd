/** Rollup bundle of ts/cli.ts (the Jenkins API helper) into one file that runs with plain node. */
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import esbuild from 'rollup-plugin-esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function bundleJenkinsContext(outFile: string): Promise<void> {
  const bundle = await rollup({
    input: join(root, 'ts/cli.ts'),
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
      warn(warning);
    },
    plugins: [
      nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
      commonjs({ ignoreDynamicRequires: true }),
      json(),
      esbuild({ target: 'node20', minify: false, sourceMap: false }),
    ],
  });
  await bundle.write({
    file: outFile,
    format: 'esm',
    inlineDynamicImports: true,
    banner:
      '#!/usr/bin/env node\n' +
      "import { createRequire as __shiplogCreateRequire } from 'node:module';\n" +
      'const require = __shiplogCreateRequire(import.meta.url);',
  });
  await bundle.close();
}
