#!/usr/bin/env node
// Writes docs/cli.md from the input table and the command registry (core/src/cli/cli-docs.ts).
// Run from the repository root: node --import tsx core/scripts/gen-cli-docs.mjs [--check]
// --check exits 1 when docs/cli.md differs instead of writing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCliDocs } from '../src/cli/cli-docs.ts';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'cli.md');
const text = renderCliDocs();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {}
  if (current !== text) {
    process.stderr.write('docs/cli.md is out of date: run node --import tsx core/scripts/gen-cli-docs.mjs\n');
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  process.stderr.write(`wrote ${file}\n`);
}
