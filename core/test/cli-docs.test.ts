import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCliDocs } from '../src/cli/cli-docs.js';
import { COMMANDS, INPUTS } from '../src/inputs.js';

const docs = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');

describe('docs/cli.md', () => {
  it('is what core/scripts/gen-cli-docs.mjs generates from the input table (regenerate it when this fails)', () => {
    expect(docs === renderCliDocs(), 'docs/cli.md drifted: run node --import tsx core/scripts/gen-cli-docs.mjs').toBe(true);
  });

  it('documents every command, flag, alias and exit code', () => {
    for (const c of COMMANDS) expect(docs).toContain(`## shiplog ${c}\n`);
    for (const i of INPUTS) {
      expect(docs).toContain(`\`--${i.name}\``);
      for (const a of i.aliases ?? []) expect(docs).toContain(`\`--${a}\``);
    }
    for (const code of [0, 1, 2, 3, 4, 5]) expect(docs).toMatch(new RegExp(`^\\| ${code} \\| `, 'm'));
  });
});
