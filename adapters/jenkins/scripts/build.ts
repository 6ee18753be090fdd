/**
 * The Jenkins library's generated files, written and checked by the repository's one build script
 * (scripts/build.ts): resources/shiplog/shiplog.mjs (the core CLI bundle: Jenkins loads the library straight
 * from this directory of the repository), resources/shiplog/inputs.json, vars/*.txt and the per-operation
 * vars/shiplog<Operation>.groovy steps (from the input table),
 * and resources/shiplog/jenkins-context.mjs and report.mjs (ts/ bundled with @shiplog/core/kit).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADAPTER_COMMANDS } from '@shiplog/core';
import { CLI_STEP, cliHelp, inputsJson, stepHelp, stepName, stepSource } from './manifest.js';
import { jenkinsContextBundle } from './bundle.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const coreBundle = join(root, '../../core/dist/shiplog.mjs');

export async function jenkinsLibraryFiles(): Promise<{ path: string; content: string | Buffer; committed: boolean }[]> {
  const files: { path: string; content: string | Buffer; committed: boolean }[] = [
    { path: join(root, 'resources/shiplog/shiplog.mjs'), content: readFileSync(coreBundle), committed: true },
    { path: join(root, 'resources/shiplog/inputs.json'), content: inputsJson(), committed: true },
    { path: join(root, 'resources/shiplog/jenkins-context.mjs'), content: await jenkinsContextBundle(), committed: true },
    { path: join(root, 'resources/shiplog/report.mjs'), content: await jenkinsContextBundle('ts/report.ts'), committed: true },
    { path: join(root, 'vars', `${CLI_STEP}.txt`), content: cliHelp(), committed: true },
  ];
  for (const op of ADAPTER_COMMANDS) {
    files.push({ path: join(root, 'vars', `${stepName(op)}.txt`), content: stepHelp(op), committed: true });
    files.push({ path: join(root, 'vars', `${stepName(op)}.groovy`), content: stepSource(op), committed: true });
  }
  return files;
}
