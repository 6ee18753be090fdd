// Bundles the shiplog CLI into ONE self-contained ESM file (core/dist/shiplog.mjs) that runs with plain
// `node` and no node_modules beside it. The CircleCI orb, Buildkite plugin and Jenkins library ship it.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import esbuild from 'rollup-plugin-esbuild';

export default {
  input: 'src/cli/bin.ts',
  output: {
    file: 'dist/shiplog.mjs',
    format: 'esm',
    inlineDynamicImports: true,
    banner:
      '#!/usr/bin/env node\n' +
      "import { createRequire as __shiplogCreateRequire } from 'node:module';\n" +
      'const require = __shiplogCreateRequire(import.meta.url);',
  },
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
};
