// Writes <operation>/action.yml for the five operations and refreshes the README's generated tables.
// Run: npm run generate -w adapters/github-action
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATIONS } from '../../../core/src/inputs.js';
import { renderActionYml, updateReadme } from './render-manifests.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

for (const op of OPERATIONS) {
  mkdirSync(join(root, op), { recursive: true });
  writeFileSync(join(root, op, 'action.yml'), renderActionYml(op));
}
const readmePath = join(root, 'README.md');
writeFileSync(readmePath, updateReadme(readFileSync(readmePath, 'utf8')));
process.stderr.write(`generated ${OPERATIONS.length} action.yml files and README tables\n`);
