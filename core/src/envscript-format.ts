/**
 * Text formats of envscript (docs/envscript.md). Every format round-trips each value exactly:
 * - sh:     `export KEY='VALUE'`, `'` written as `'\''`; sourcing runs nothing but the assignments;
 * - dotenv: `KEY="VALUE"` with `\\`, `\"`, `\n`, `\r`, `\t` escapes (python-dotenv / docker compose rules);
 * - json:   one object on one line;
 * - github: `$GITHUB_ENV` blocks `KEY<<DELIM` ... `DELIM` with a random delimiter absent from the value.
 */
import { randomBytes } from 'node:crypto';

export const ENVSCRIPT_FORMATS = ['sh', 'dotenv', 'json', 'github'] as const;
export type EnvscriptFormat = (typeof ENVSCRIPT_FORMATS)[number];

/** Names a POSIX shell (and every other format here) accepts as a variable. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Byte-order comparison of keys (as the reference's sorted(), independent of locale). */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function dotenvQuote(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `"${escaped}"`;
}

/** A heredoc delimiter that occurs nowhere in the value. */
export function githubDelimiter(value: string, random: () => string = () => randomBytes(12).toString('hex')): string {
  for (;;) {
    const d = `ghadelimiter_${random()}`;
    if (!value.includes(d)) return d;
  }
}

/** Formats already-sorted, already-filtered variables. Ends with a newline unless empty (json: always `{}`). */
export function formatVariables(vars: ReadonlyArray<readonly [string, string]>, format: EnvscriptFormat, random?: () => string): string {
  switch (format) {
    case 'sh':
      return vars.map(([k, v]) => `export ${k}=${shQuote(v)}\n`).join('');
    case 'dotenv':
      return vars.map(([k, v]) => `${k}=${dotenvQuote(v)}\n`).join('');
    case 'json':
      return `${JSON.stringify(Object.fromEntries(vars))}\n`;
    case 'github':
      return vars
        .map(([k, v]) => {
          const d = githubDelimiter(v, random);
          return `${k}<<${d}\n${v}\n${d}\n`;
        })
        .join('');
  }
}
