// The GitHub Action's generated text files: <operation>/action.yml for every adapter command (the operations, plan and apply) and the README's
// input/output tables, from the core's input table. Written and checked by the repository's one build script
// (scripts/build.ts: `npm run build`, `npm run check`).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADAPTER_COMMANDS } from '@shiplog/core';
import { renderActionYml, updateReadme } from './render-manifests.js';

export const ACTION_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export function githubActionFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const op of ADAPTER_COMMANDS) files.set(join(ACTION_ROOT, op, 'action.yml'), renderActionYml(op));
  const readme = join(ACTION_ROOT, 'README.md');
  files.set(readme, updateReadme(readFileSync(readme, 'utf8')));
  return files;
}

/**
 * dist/: the action's bundles (rollup.config.mjs), built in memory: every action.yml runs dist/index.cjs, which
 * loads dist/artifact-upload.cjs for `report: true`.
 */
export async function githubActionBundle(): Promise<{ path: string; content: string; committed: boolean }[]> {
  const { rollup } = await import('rollup');
  const configs = (await import('../rollup.config.mjs')).default;
  const cwd = process.cwd();
  process.chdir(ACTION_ROOT);
  try {
    const files: { path: string; content: string; committed: boolean }[] = [];
    for (const config of configs) {
      const bundle = await rollup({ ...config, input: join(ACTION_ROOT, String(config.input)) });
      const { output } = await bundle.generate(config.output);
      await bundle.close();
      files.push(
        ...output.map((o) => ({
          path: join(ACTION_ROOT, 'dist', o.fileName),
          content: o.type === 'chunk' ? o.code : String(o.source),
          committed: true,
        })),
      );
    }
    return files;
  } finally {
    process.chdir(cwd);
  }
}
