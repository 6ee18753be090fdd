/**
 * `npm run build -w adapters/jenkins`: copies the core CLI bundle into resources/, regenerates the manifests
 * from the core's input table, and bundles the TypeScript Jenkins-API part into resources/.
 */
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATIONS } from '../../../core/src/inputs.js';
import { CLI_STEP, cliHelp, inputsJson, stepHelp, stepName } from './manifest.js';
import { bundleJenkinsContext } from './bundle.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const coreBundle = join(root, '../../core/dist/shiplog.mjs');
if (!existsSync(coreBundle)) {
  console.error('jenkins build: core/dist/shiplog.mjs is missing: run `npm run build -w core` first');
  process.exit(2);
}
copyFileSync(coreBundle, join(root, 'resources/shiplog/shiplog.mjs'));
writeFileSync(join(root, 'resources/shiplog/inputs.json'), inputsJson());
for (const op of OPERATIONS) writeFileSync(join(root, 'vars', `${stepName(op)}.txt`), stepHelp(op));
writeFileSync(join(root, 'vars', `${CLI_STEP}.txt`), cliHelp());
await bundleJenkinsContext(join(root, 'resources/shiplog/jenkins-context.mjs'));
console.error('jenkins build: resources/shiplog/{shiplog.mjs,inputs.json,jenkins-context.mjs} and vars/*.txt written');
