// Bundles the shiplog CLI into ONE self-contained ESM file (core/dist/shiplog.mjs) that runs with plain
// `node` and no node_modules beside it. The CircleCI orb, Buildkite plugin and Jenkins library ship it.
//
// Startup: `shiplog --version` must not pay for evaluating commander, env-ci, the backends and their
// dependencies. rollup's inlineDynamicImports evaluates every module eagerly, so the lazy half of the CLI
// (src/cli/run-cli.ts, imported dynamically by main.ts) is built separately as CommonJS, embedded as a string
// and compiled on the first call (plugin `lazyModule` below).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import esbuild from 'rollup-plugin-esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const LAZY = [{ file: path.join(here, 'src/cli/run-cli.ts'), exports: ['runCli'] }];

function onwarn(warning, warn) {
  if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
}

const basePlugins = () => [
  nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
  commonjs({ ignoreDynamicRequires: true }),
  json(),
  esbuild({ target: 'node20', minify: false, sourceMap: false }),
];

/** Turns `import('./run-cli.js')` into a module whose exports evaluate the real code on first call. */
function lazyModule() {
  const PREFIX = '\0shiplog-lazy:';
  return {
    name: 'shiplog-lazy-module',
    async resolveDynamicImport(specifier, importer) {
      if (typeof specifier !== 'string' || !importer) return null;
      const target = path.resolve(path.dirname(importer), specifier.replace(/\.js$/, '.ts'));
      return LAZY.some((l) => l.file === target) ? PREFIX + target : null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const spec = LAZY.find((l) => l.file === id.slice(PREFIX.length));
      const inner = await rollup({ input: spec.file, plugins: basePlugins(), onwarn });
      const { output } = await inner.generate({ format: 'cjs', exports: 'named', inlineDynamicImports: true });
      await inner.close();
      for (const f of inner.watchFiles) this.addWatchFile(f);
      const code = output[0].code;
      // The code travels as a string literal: V8 only scans a string, where it would pre-parse a function
      // body of a megabyte on every start. `sourceURL` names it in stack traces (--debug).
      const body = JSON.stringify(`${code}\n//# sourceURL=shiplog-cli-lazy.js`);
      return [
        `import { createRequire as __lazyCreateRequire } from 'node:module';`,
        `import { fileURLToPath as __lazyFileURLToPath } from 'node:url';`,
        `let __lazyExports;`,
        `function __lazyLoad() {`,
        `  if (__lazyExports) return __lazyExports;`,
        `  const module = { exports: {} };`,
        `  const __filename = __lazyFileURLToPath(import.meta.url);`,
        `  const factory = new Function('exports', 'module', 'require', '__filename', '__dirname', ${body});`,
        `  factory(module.exports, module, __lazyCreateRequire(import.meta.url), __filename, __filename.replace(/[\\\\/][^\\\\/]*$/, ''));`,
        `  return (__lazyExports = module.exports);`,
        `}`,
        ...spec.exports.map((name) => `export function ${name}(...args) { return __lazyLoad().${name}(...args); }`),
      ].join('\n');
    },
  };
}

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
  onwarn,
  plugins: [lazyModule(), ...basePlugins()],
};
