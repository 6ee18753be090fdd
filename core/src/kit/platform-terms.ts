/**
 * An input error in a platform's own terms: the core names its inputs as CLI flags (`--timeout must be ...`,
 * `DEPLOY_ENV (for --env)`) and hints at `shiplog <op> --help`; a pipeline author set an action input, an orb
 * parameter, a plugin option or a step argument. Only invalid-input errors (exit 2) are rewritten, and only
 * flags that the platform takes for that command, spelled as the platform spells them.
 */
import type { CommandName, Platform } from '../inputs.js';
import { platformParams } from './exposure.js';
import type { JsonResult } from './outputs.js';

export interface PlatformTerms {
  /** What the platform calls an input: `input`, `parameter`, `option`, `argument`. */
  noun: string;
  /** Where the platform's inputs are documented (replaces the `--help` hint). */
  doc: string;
}

const rec = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

export function inPlatformTerms(platform: Platform, command: CommandName, result: JsonResult, terms: PlatformTerms): JsonResult {
  const e = rec(result.error);
  if (result.ok !== false || !e || e.exitCode !== 2) return result;
  const names = new Map(
    platformParams(platform, command)
      .filter((p) => p.channel === 'value')
      .map((p) => [p.spec.name, p.name]),
  );
  const rename = (text: string): string =>
    text.replace(/--([a-z][a-z0-9-]*[a-z0-9])(?![\w-])/g, (flag, name: string) =>
      names.has(name) ? `${terms.noun} "${names.get(name)}"` : flag,
    );
  const error: Record<string, unknown> = { ...e };
  if (typeof e.message === 'string') error.message = rename(e.message);
  if (Array.isArray(e.problems)) error.problems = e.problems.map((p) => (typeof p === 'string' ? rename(p) : p));
  if (typeof e.hint === 'string') {
    error.hint = /^see shiplog [a-z-]+ --help$/.test(e.hint) ? `see the ${command} ${terms.noun}s in ${terms.doc}` : rename(e.hint);
  }
  return { ...result, error };
}
