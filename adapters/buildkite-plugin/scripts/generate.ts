/**
 * Writes plugin.yml, lib/options.json and the README's options table from the input table and copies the core CLI bundle into dist/.
 * `--check` writes nothing and exits 1 when a file is stale.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderOptionsJson, renderPluginYml, withOptionsTable } from './plugin-manifest.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const coreBundle = join(root, '..', '..', 'core', 'dist', 'shiplog.mjs');

function outputs(): { path: string; content: Buffer }[] {
  const files = [
    { path: join(root, 'plugin.yml'), content: Buffer.from(renderPluginYml()) },
    { path: join(root, 'lib', 'options.json'), content: Buffer.from(renderOptionsJson()) },
    { path: join(root, 'README.md'), content: Buffer.from(withOptionsTable(readFileSync(join(root, 'README.md'), 'utf8'))) },
  ];
  if (existsSync(coreBundle)) files.push({ path: join(root, 'dist', 'shiplog.mjs'), content: readFileSync(coreBundle) });
  else console.error(`generate: ${coreBundle} not built yet: run \`npm run build -w core\` first (dist/ left as is)`);
  return files;
}

const check = process.argv.includes('--check');
let stale = 0;
for (const f of outputs()) {
  const current = existsSync(f.path) ? readFileSync(f.path) : undefined;
  if (current && current.equals(f.content)) continue;
  if (check) {
    console.error(`generate: ${f.path} is stale`);
    stale++;
  } else {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.content, { mode: f.path.endsWith('.mjs') ? 0o755 : 0o644 });
    console.error(`generate: wrote ${f.path}`);
  }
}
process.exit(stale ? 1 : 0);
