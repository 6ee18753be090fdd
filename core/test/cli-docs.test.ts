import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCliDocs } from '../src/cli/cli-docs.js';
import { COMMANDS, cliCommandWords, INPUTS } from '../src/inputs.js';
import { COMMAND_MODULES } from '../src/operations/registry.js';

const docs = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');

describe('docs/cli.md', () => {
  it('is what npm run build generates from the input table (regenerate it when this fails)', () => {
    expect(docs === renderCliDocs(), 'docs/cli.md drifted: run npm run build').toBe(true);
  });

  it('documents every command, flag, alias and exit code', () => {
    for (const c of COMMANDS) expect(docs).toContain(`## shiplog ${cliCommandWords(c).join(' ')}\n`);
    for (const i of INPUTS) {
      expect(docs).toContain(`\`--${i.name}\``);
      for (const a of i.aliases ?? []) expect(docs).toContain(`\`--${a}\``);
    }
    for (const code of [0, 1, 2, 3, 4, 5]) expect(docs).toMatch(new RegExp(`^\\| ${code} \\| `, 'm'));
  });
});

/**
 * The position of the first `;` a POSIX shell would read as a command separator (outside quotes, not escaped,
 * before a `#` comment), or -1. Full names carry `;` (GLOBAL.Acme.Store.cart;main): unquoted, the shell runs
 * the rest as another command.
 */
function unquotedSemicolon(line: string): number {
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
    } else if (c === '\\') {
      i++;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      return -1;
    } else if (c === ';') {
      return i;
    }
  }
  return -1;
}

/** Shell lines that run shiplog in the docs: in fenced sh/bash/shell blocks, and `shiplog ...` code spans. */
function docShellLines(): { where: string; line: string }[] {
  const dir = new URL('../../docs/', import.meta.url);
  const found: { where: string; line: string }[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(new URL(name, dir), 'utf8');
    let fenced = false;
    let shell = false;
    text.split('\n').forEach((raw, i) => {
      const fence = /^\s*```(\w*)/.exec(raw);
      if (fence) {
        fenced = !fenced;
        shell = fenced && ['sh', 'bash', 'shell', 'console', ''].includes(fence[1]);
        return;
      }
      if (fenced && !shell) return;
      const where = `docs/${name}:${i + 1}`;
      if (shell && /\bshiplog\s/.test(raw)) found.push({ where, line: raw.replace(/^\s*\$\s*/, '') });
      else if (!shell) for (const m of raw.matchAll(/`(shiplog\s[^`]*)`/g)) found.push({ where, line: m[1] });
    });
  }
  return found;
}

describe('shell examples', () => {
  it('the quoting check finds separators and ignores quoted or commented ones', () => {
    expect(unquotedSemicolon('shiplog history --component-name GLOBAL.Acme.Store.cart;main')).toBeGreaterThan(0);
    expect(unquotedSemicolon('shiplog a --x "G.A.b;1" --y \'G.A.c;2\' --z G.A.d\\;3   # a;b')).toBe(-1);
    expect(unquotedSemicolon('shiplog a --x "say \\"hi\\";" ; next')).toBeGreaterThan(0);
  });

  it('every --help example quotes the names holding `;`', () => {
    const bad = COMMANDS.flatMap((c) => COMMAND_MODULES[c].examples.filter((e) => unquotedSemicolon(e) >= 0).map((e) => `${c}: ${e}`));
    expect(bad).toEqual([]);
  });

  it('every shiplog command line in docs/*.md quotes the names holding `;`', () => {
    const lines = docShellLines();
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.filter((l) => unquotedSemicolon(l.line) >= 0).map((l) => `${l.where}: ${l.line}`)).toEqual([]);
  });
});
