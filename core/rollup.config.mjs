// Bundles the shiplog CLI into ONE self-contained ESM file (core/dist/shiplog.mjs) that runs with plain
// `node` and no node_modules beside it. The CircleCI orb, Buildkite plugin and Jenkins library ship it.
//
// Startup: rollup's inlineDynamicImports evaluates every module eagerly, so two parts are made lazy by hand
// (measured by bench/cli-startup.bench.mjs):
// - the CLI program (src/cli/run-cli.ts, imported dynamically by main.ts), so that `shiplog --version` does
//   not pay for commander, env-ci and the backends;
// - axios (only the ortelius backend uses it) and postgres (only the postgres store), so that commands on the
//   local store do not evaluate them.
// Each is built separately as CommonJS, embedded as a string literal (V8 only scans a string, where it would
// pre-parse a function body) and compiled on first use.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import esbuild, { minify } from 'rollup-plugin-esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Local modules imported with `import()` whose code loads on the first call of one of `exports`. */
const LAZY_MODULES = [{ file: path.join(here, 'src/cli/run-cli.ts'), exports: ['runCli'] }];
/** Packages whose default export is replaced by a proxy that loads the package on first use. */
const LAZY_PACKAGES = ['axios', 'postgres'];

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

/** Builds `input` (a file or a package name) to CommonJS and returns it as a JS string literal. */
async function commonJsLiteral(ctx, input, plugins, name) {
  const bundle = await rollup({ input, plugins, onwarn });
  // Whitespace and syntax only: identifiers stay readable in --debug stack traces.
  const { output } = await bundle.generate({
    format: 'cjs',
    exports: 'named',
    inlineDynamicImports: true,
    plugins: [
      minify({
        minify: false,
        minifyWhitespace: true,
        minifySyntax: true,
        minifyIdentifiers: false,
        keepNames: true,
        legalComments: 'none',
        target: 'node20',
        sourceMap: false,
      }),
    ],
  });
  await bundle.close();
  for (const f of bundle.watchFiles) ctx.addWatchFile(f);
  return JSON.stringify(`${output[0].code}\n//# sourceURL=${name}`);
}

/**
 * JS source of `function __lazyLoad()` that compiles the CommonJS string once and returns its exports. It compiles
 * with vm.compileFunction, as node's own CommonJS loader does, not with `new Function`: a node started with
 * --disallow-code-generation-from-strings (hardened images set it in NODE_OPTIONS) refuses the latter.
 */
function loaderSource(literal, requireExpr, filenameExpr, name) {
  return [
    `let __lazyExports;`,
    `function __lazyLoad() {`,
    `  if (__lazyExports) return __lazyExports;`,
    `  const module = { exports: {} };`,
    `  const __lazyFile = ${filenameExpr};`,
    `  const __lazyRequire = ${requireExpr};`,
    `  const factory = __lazyRequire('node:vm').compileFunction(${literal}, ['exports', 'module', 'require', '__filename', '__dirname'], { filename: ${JSON.stringify(name)} });`,
    `  factory(module.exports, module, __lazyRequire, __lazyFile, __lazyFile.replace(/[\\\\/][^\\\\/]*$/, ''));`,
    `  return (__lazyExports = module.exports);`,
    `}`,
  ].join('\n');
}

/** Turns `import('./run-cli.js')` into a module whose exports compile the real code on first call. */
function lazyModules() {
  const PREFIX = '\0shiplog-lazy:';
  return {
    name: 'shiplog-lazy-modules',
    async resolveDynamicImport(specifier, importer) {
      if (typeof specifier !== 'string' || !importer) return null;
      const target = path.resolve(path.dirname(importer), specifier.replace(/\.js$/, '.ts'));
      return LAZY_MODULES.some((l) => l.file === target) ? PREFIX + target : null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const spec = LAZY_MODULES.find((l) => l.file === id.slice(PREFIX.length));
      const name = 'shiplog-cli-lazy.js';
      const literal = await commonJsLiteral(this, spec.file, [lazyPackages(), ...basePlugins()], name);
      return [
        `import { createRequire as __lazyCreateRequire } from 'node:module';`,
        `import { fileURLToPath as __lazyFileURLToPath } from 'node:url';`,
        loaderSource(literal, '__lazyCreateRequire(import.meta.url)', '__lazyFileURLToPath(import.meta.url)', name),
        ...spec.exports.map((name) => `export function ${name}(...args) { return __lazyLoad().${name}(...args); }`),
      ].join('\n');
    },
  };
}

/**
 * Inside the CommonJS build of the lazy CLI half: `import x from '<package>'` gets a proxy that compiles the
 * package on first property access or call. `require` and `__filename` are the CommonJS wrapper's.
 */
function lazyPackages() {
  const PREFIX = '\0shiplog-lazy-package:';
  return {
    name: 'shiplog-lazy-packages',
    resolveId(source, importer) {
      if (LAZY_PACKAGES.includes(source) && importer && !importer.startsWith(PREFIX)) return PREFIX + source;
      return null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const pkg = id.slice(PREFIX.length);
      const name = `shiplog-lazy-${pkg}.js`;
      const literal = await commonJsLiteral(this, pkg, basePlugins(), name);
      return [
        loaderSource(literal, 'require', '__filename', name),
        `function __lazyDefault() { const m = __lazyLoad(); return m.default ?? m; }`,
        `export default new Proxy(function () {}, {`,
        `  get(_t, prop) { const real = __lazyDefault(); const v = real[prop]; return typeof v === 'function' ? v.bind(real) : v; },`,
        `  apply(_t, self, args) { return __lazyDefault().apply(self, args); },`,
        `});`,
      ].join('\n');
    },
  };
}

/** The CLI: one file, dist/shiplog.mjs, the package's `bin`. */
const cli = {
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
  plugins: [lazyModules(), ...basePlugins()],
};

/**
 * The library (`@shiplog/core` and `@shiplog/core/kit`, dist/lib): ES modules with every dependency bundled in, so
 * that the packed package has no runtime dependency (`npm install -g` of its tarball works offline; docs/install.md).
 * Code shared by the two entry points and each lazily imported backend is a chunk under dist/lib/chunks/. tsc
 * writes only the declarations (tsconfig.build.json).
 */
const lib = {
  input: { index: 'src/index.ts', 'kit/index': 'src/kit/index.ts' },
  output: {
    dir: 'dist/lib',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    banner:
      "import { createRequire as __shiplogCreateRequire } from 'node:module';\nconst require = __shiplogCreateRequire(import.meta.url);",
  },
  onwarn,
  plugins: basePlugins(),
};

export default [cli, lib];
