/**
 * The plugin's generated files, written and checked by the repository's one build script (scripts/build.ts):
 * plugin.yml and the README's options table from the input table, lib/hook.mjs (src/ bundled with the parts of
 * @shiplog/core it uses: the agent runs it with plain node) and dist/shiplog.mjs (the core CLI bundle: the agent
 * clones this directory and runs it from there).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPluginYml, withOptionsTable } from './plugin-manifest.js';

export const PLUGIN_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CORE_BUNDLE = join(PLUGIN_ROOT, '..', '..', 'core', 'dist', 'shiplog.mjs');

/** src/hook.ts as one ESM file for plain node. */
export async function hookBundle(): Promise<string> {
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const esbuild = (await import('rollup-plugin-esbuild')).default;
  const bundle = await rollup({
    input: join(PLUGIN_ROOT, 'src', 'hook.ts'),
    external: (id) => id.startsWith('node:'),
    // Only what the hook calls: the input table, the Redactor and the report renderers, none of the backends.
    treeshake: { moduleSideEffects: false },
    plugins: [
      nodeResolve({ preferBuiltins: true, exportConditions: ['shiplog-source', 'node'] }),
      esbuild({ target: 'node20', sourceMap: false }),
    ],
    onwarn(warning, warn) {
      if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
    },
  });
  const { output } = await bundle.generate({
    format: 'esm',
    banner: '// GENERATED from src/ and @shiplog/core by `npm run build`: do not edit (`npm run check` fails when it drifts).',
  });
  await bundle.close();
  return output[0].code;
}

export async function buildkitePluginFiles(): Promise<
  { path: string; content: string | Buffer; committed: boolean; executable?: boolean }[]
> {
  const readme = join(PLUGIN_ROOT, 'README.md');
  return [
    { path: join(PLUGIN_ROOT, 'plugin.yml'), content: renderPluginYml(), committed: true },
    { path: readme, content: withOptionsTable(readFileSync(readme, 'utf8')), committed: true },
    { path: join(PLUGIN_ROOT, 'lib', 'hook.mjs'), content: await hookBundle(), committed: true },
    { path: join(PLUGIN_ROOT, 'dist', 'shiplog.mjs'), content: readFileSync(CORE_BUNDLE), committed: true, executable: true },
  ];
}
