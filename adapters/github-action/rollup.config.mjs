// Bundles the action into dist/ (committed): dist/index.cjs is what every <operation>/action.yml runs
// (`main: ../dist/index.cjs`). CommonJS, not ESM: node starts a CommonJS entry about 5 ms sooner (it skips
// the ESM loader's start-up), a sixth of the action's own cold start (bench/github-action.bench.mjs); the
// ESM-only @actions packages are bundled in, so nothing is required from node_modules at run time. The GitHub
// Deployment client (@octokit/rest) is a lazily imported chunk so that the operations without github-token do not
// pay for loading it. `npm run check` (scripts/build.ts, run by npm test) rebuilds in memory and fails when dist/
// is stale.
//
// The artifact client (@actions/artifact, for `report: true`) is a second bundle, dist/artifact-upload.cjs, that
// the action imports by URL when it uploads: as a chunk of the first it shared @actions/github and
// @actions/http-client with the entry, and rollup put their whole used code (octokit, undici: ~550 KB) in
// dist/index.cjs, which every step loads. The second bundle has its own copy of @actions/core (~20 KB).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import esbuild from 'rollup-plugin-esbuild';

const outDir = process.env.SHIPLOG_ACTION_OUT_DIR || 'dist';

const shared = {
  // Library modules are treated as side-effect free, so what the action does not call is dropped: the OIDC
  // client of @actions/core and getOctokit of @actions/github would otherwise pull @actions/http-client and
  // undici (~2 MB) into every cold start. Node's builtins are side-effect free too: an import whose bindings go
  // unused (node:http, node:https) is dropped instead of loaded at start. The core's own modules keep their normal
  // treatment.
  treeshake: { moduleSideEffects: (id, external) => !external && !id.includes('/node_modules/') },
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
  plugins: [
    nodeResolve({ preferBuiltins: true, exportConditions: ['shiplog-source', 'node'] }),
    commonjs({ ignoreDynamicRequires: true }),
    json(),
    // Minified: parsing is most of a cold start (bench/github-action.bench.mjs); dist/ is generated anyway.
    esbuild({ target: 'node20', minify: true, sourceMap: false }),
  ],
};

/** The action: dist/index.cjs and its lazily imported chunks. */
export const action = {
  ...shared,
  input: 'src/index.ts',
  // The entry exports run() (for @github/local-action) and the chunks share its code: 'allow-extension' keeps
  // the entry's code in dist/index.cjs instead of a facade over a second chunk, so that its main-module check
  // compares argv[1] with index.cjs itself.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: outDir,
    format: 'cjs',
    entryFileNames: 'index.cjs',
    chunkFileNames: '[name].cjs',
  },
};

/** The artifact client: dist/artifact-upload.cjs, one file (src/report-artifact.ts loads it). */
export const uploader = {
  ...shared,
  input: 'src/artifact-upload.ts',
  output: {
    dir: outDir,
    format: 'cjs',
    entryFileNames: 'artifact-upload.cjs',
    inlineDynamicImports: true,
  },
};

export default [action, uploader];
