/**
 * component.toml (shared/ortelius-api.md section 7): top-level Name/Variant/Version/Application/...,
 * [Attributes] stored on the component version, [Export] variables written by envscript.
 *
 * Substitution follows the reference's `$VAR` / `${VAR}` rules (identifiers [A-Za-z_][A-Za-z0-9_]*, unknown
 * placeholders stay literal, `$$` is a literal `$`), but runs on parsed string values rather than on the raw
 * file text, so a value containing quotes can never break or inject TOML. See docs/component-toml.md.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { ConfigError } from './errors.js';
import type { GitFacts } from './git-facts.js';
import type { Host } from './host.js';

export interface ComponentToml {
  /** Absolute path of the file read. */
  file: string;
  /** Top-level string values (and integers/booleans as text), substituted. */
  values: Record<string, string>;
  /** [Attributes], substituted. */
  attributes: Record<string, string>;
  /** [Export], substituted (TOML values first, then the environment). */
  exports: Record<string, string>;
}

/** Top-level keys that must be strings when present. */
export const STRING_KEYS = ['Name', 'Variant', 'Version', 'Application', 'Application_Version', 'DeployEnv', 'Kind'] as const;

type Lookup = (name: string) => string | undefined;

/**
 * Replaces `$NAME` and `${NAME}` using lookup; unknown names, a lone `$` and malformed braces such as
 * `${GIT_TAG)` stay literal; `$$` becomes `$`. One pass: substituted text is never scanned again.
 */
export function substitute(text: string, lookup: Lookup): string {
  return text.replace(
    /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (whole, dollar: string | undefined, braced: string | undefined, bare: string | undefined) => {
      if (dollar) return '$';
      const v = lookup((braced ?? bare)!);
      return v === undefined ? whole : v;
    },
  );
}

/**
 * undefined when the file does not exist; ConfigError (exit 2) naming file and line for malformed TOML or
 * non-string values where strings are needed. `vars` = environment + derived build variables.
 * Lookup order for Name, Version, [Attributes], ...: vars, then the TOML's own values (top level, [Attributes]
 * overriding, resolved recursively), then [Export] keys. For [Export] values: the TOML's values first, then vars.
 */
export async function readComponentToml(
  host: Host,
  opts: { path: string; vars: Record<string, string | undefined> },
): Promise<ComponentToml | undefined> {
  const file = path.resolve(host.cwd, opts.path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new ConfigError(`${opts.path}: cannot read component.toml (${code ?? String(err)})`);
  }
  return parseComponentToml(text, { file, display: opts.path, vars: opts.vars });
}

/** The pure part of readComponentToml (for callers that already hold the text). */
export function parseComponentToml(
  text: string,
  opts: { file: string; display?: string; vars: Record<string, string | undefined> },
): ComponentToml {
  const display = opts.display ?? opts.file;
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof TomlError) {
      const reason = err.message.split('\n')[0].replace(/^Invalid TOML document:\s*/, '');
      throw new ConfigError(`${display}:${err.line}:${err.column}: malformed TOML: ${reason}`, {
        hint: 'component.toml must be valid TOML 1.0: KEY = "value" lines and [Attributes] / [Export] tables',
      });
    }
    throw new ConfigError(`${display}: malformed TOML: ${String(err)}`);
  }

  const problems: string[] = [];
  const where = (section: string | undefined, key: string) => `${display}:${lineOf(text, section, key)}`;
  const top: Record<string, string> = {};
  let attrTable: Record<string, unknown> = {};
  let exportTable: Record<string, unknown> = {};
  let attrName: string | undefined;
  let exportName: string | undefined;
  for (const [key, value] of Object.entries(doc)) {
    if (isTable(value) && key.toLowerCase() === 'attributes') {
      attrTable = value;
      attrName = key;
      continue;
    }
    if (isTable(value) && key.toLowerCase() === 'export') {
      exportTable = value;
      exportName = key;
      continue;
    }
    const s = scalarText(value);
    if ((STRING_KEYS as readonly string[]).includes(key) && typeof value !== 'string') {
      problems.push(`${where(undefined, key)}: ${key} must be a string (quote it: ${key} = "${s ?? '...'}")`);
    } else if (s !== undefined) {
      top[key] = s;
    }
    // other tables and arrays at the top level are not ours: ignored
  }
  const table = (t: Record<string, unknown>, section: string | undefined) => {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(t)) {
      const s = scalarText(value);
      if (s === undefined) {
        problems.push(`${where(section, key)}: [${section}] ${key} must be a string, integer or boolean`);
      } else out[key] = s;
    }
    return out;
  };
  const rawAttrs = table(attrTable, attrName);
  const rawExports = table(exportTable, exportName);
  if (problems.length) {
    throw new ConfigError(problems.length === 1 ? problems[0] : `${problems.length} problems: ${problems.join('; ')}`, {
      problems,
    });
  }

  const vars = opts.vars;
  const fromVars: Lookup = (n) => (Object.prototype.hasOwnProperty.call(vars, n) ? vars[n] : undefined);
  // TOML's own values: [Attributes] copied over the top level, as the reference does
  const own: Record<string, string> = { ...top, ...rawAttrs };
  const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  // Which value a name refers to, from a value of the TOML ('o') or of [Export] ('e'); undefined = env or unknown.
  const target = (from: 'o' | 'e', n: string): string | undefined => {
    if (from === 'o') {
      if (fromVars(n) !== undefined) return undefined;
      return has(own, n) ? `o:${n}` : has(rawExports, n) ? `e:${n}` : undefined;
    }
    if (has(own, n)) return `o:${n}`;
    if (fromVars(n) !== undefined) return undefined;
    return has(rawExports, n) ? `e:${n}` : undefined;
  };
  const rawOf = (id: string) => (id.startsWith('o:') ? own[id.slice(2)] : rawExports[id.slice(2)]);
  const cyclic = cycleMembers([...Object.keys(own).map((k) => `o:${k}`), ...Object.keys(rawExports).map((k) => `e:${k}`)], (id) =>
    referencedNames(rawOf(id))
      .map((n) => target(id[0] as 'o' | 'e', n))
      .filter((t): t is string => !!t),
  );
  const resolved = new Map<string, string>();
  // values on a reference cycle stay as written; references to them stay literal
  const resolveId = (id: string): string | undefined => {
    if (cyclic.has(id)) return undefined;
    const done = resolved.get(id);
    if (done !== undefined) return done;
    const from = id[0] as 'o' | 'e';
    const v = substitute(rawOf(id), (n) => {
      if (from === 'o' && fromVars(n) !== undefined) return fromVars(n);
      const t = target(from, n);
      return t ? resolveId(t) : fromVars(n);
    });
    resolved.set(id, v);
    return v;
  };
  const resolveIn = (raw: string) =>
    substitute(raw, (n) => {
      const t = target('o', n);
      return t ? resolveId(t) : fromVars(n);
    });

  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(top)) values[k] = resolveIn(v);
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) attributes[k] = resolveIn(v);
  const exports: Record<string, string> = {};
  for (const k of Object.keys(rawExports)) exports[k] = resolveId(`e:${k}`) ?? rawExports[k];
  return { file: opts.file, values, attributes, exports };
}

/**
 * Missing component.toml: Name="GLOBAL.<org>.<repo>", Variant=<branch>, Version="v<commit count>" from git
 * (section 5 step 3), without writing a file. Only the parts git can tell are returned.
 */
export function componentFromGit(git: GitFacts): { Name?: string; Variant?: string; Version?: string } {
  if (!git.isRepo) return {};
  const out: { Name?: string; Variant?: string; Version?: string } = {};
  if (git.org && git.repoProject) out.Name = `GLOBAL.${git.org}.${git.repoProject}`;
  if (git.branch) out.Variant = git.branch;
  if (git.commitCount !== undefined) out.Version = `v${git.commitCount}`;
  return out;
}

/** Names referenced by `$NAME` / `${NAME}` in a value (`$$` escapes skipped). */
function referencedNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g)) {
    const n = m[1] ?? m[2];
    if (n) out.push(n);
  }
  return out;
}

/** Nodes that can reach themselves through edges (members of a reference cycle). */
function cycleMembers(nodes: string[], edges: (id: string) => string[]): Set<string> {
  const adj = new Map(nodes.map((n) => [n, edges(n)]));
  const out = new Set<string>();
  for (const start of nodes) {
    const seen = new Set<string>();
    const stack = [...(adj.get(start) ?? [])];
    while (stack.length) {
      const n = stack.pop()!;
      if (n === start) {
        out.add(start);
        break;
      }
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...(adj.get(n) ?? []));
    }
  }
  return out;
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Strings as is; integers and booleans as their text; anything else (floats, dates, arrays, tables) undefined. */
function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  return undefined;
}

/** 1-based line of `key =` inside [section] (top level when undefined); 1 when not found. */
function lineOf(text: string, section: string | undefined, key: string): number {
  const lines = text.split(/\r?\n/);
  let current: string | undefined;
  const esc = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const keyRe = new RegExp(`^\\s*(?:${esc}|"${esc}"|'${esc}')\\s*=`);
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]/.exec(lines[i]);
    if (header && !lines[i].trim().startsWith('[[')) {
      current = header[1].replace(/^"|"$/g, '');
      continue;
    }
    if (current === section && keyRe.test(lines[i])) return i + 1;
  }
  return 1;
}
