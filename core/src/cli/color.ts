/**
 * When the CLI colours its output: `--color always|never` decide; with `auto` (the default) FORCE_COLOR wins
 * (`0`/`false` turn colour off, anything else on, as Node itself reads it), then a non-empty NO_COLOR
 * (no-color.org) or TERM=dumb turn it off, and otherwise only a terminal gets colour.
 */
import { createColors } from 'picocolors';
import type { Env } from '../host.js';

export type ColorMode = 'auto' | 'always' | 'never';

export function colorEnabled(mode: ColorMode, env: Env, isTTY: boolean): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/** The styles the CLI uses; identity functions when colour is off. */
export interface Palette {
  header: (s: string) => string;
  rule: (s: string) => string;
  error: (s: string) => string;
  note: (s: string) => string;
}

export function palette(enabled: boolean): Palette {
  const c = createColors(enabled);
  return { header: c.bold, rule: c.dim, error: c.red, note: c.yellow };
}
