// docs/cli.md, generated from the input table and the command registry (src/cli/cli-docs.ts) by scripts/build.ts.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCliDocs } from '../src/cli/cli-docs.js';

export function cliDocsFiles(): Map<string, string> {
  return new Map([[join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'cli.md'), renderCliDocs()]]);
}
