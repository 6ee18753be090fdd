/**
 * Object naming exactly as Ortelius/DeployHub stores it (shared/ortelius-api.md section 8):
 * `.` and `-` become `_` in variants, versions and application versions; the variant also gets `/` -> `_`.
 * The domain of a component or application is everything before the last `.` of its Name.
 * No name part may hold `;` (it separates the parts of a full name), a control character (it would forge
 * log lines and make names no query can type) or a bidirectional control (U+202E and its kin make a name read
 * differently from what it is): those are refused, never cleaned (namePartProblem).
 */
import { InvalidInputError } from './errors.js';

/**
 * C0 controls (newline, CR, tab, ...), DEL, C1 controls, the Unicode line and paragraph separators, and the
 * bidirectional controls (ALM U+061C, LRM/RLM U+200E-U+200F, embeddings and overrides U+202A-U+202E, isolates
 * U+2066-U+2069).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed or refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed or refused
const CONTROL_OR_SEPARATOR = /[;\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const CHAR_NAMES: Record<string, string> = { '\n': 'a newline', '\r': 'a carriage return', '\t': 'a tab', '\u007f': 'a DEL' };

/** `";"`, `a newline (U+000A)`, `a control character (U+001B)`. */
function describeChar(c: string): string {
  if (c === ';') return '";"';
  const code = `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const name =
    CHAR_NAMES[c] ??
    (c === '\u2028' || c === '\u2029' ? 'a line separator' : BIDI.test(c) ? 'a bidirectional control' : 'a control character');
  return `${name} (${code})`;
}

/** The value quoted on one line, every control character escaped (`"GLOBAL.A.c\nx"`). */
export function quoteName(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The longest name (or full name) accepted, in characters (docs/cli.md, "Names"). */
export const MAX_NAME_LENGTH = 255;

/**
 * What is wrong with one name input (component name, variant or version, application name or version,
 * environment), as one line naming it and the character, or undefined. `separators`: the value is a full
 * name whose `;` separate its parts (`GLOBAL.Acme.cart;main;v1`), so only control characters are refused.
 */
export function namePartProblem(value: string, what: string, opts: { separators?: boolean } = {}): string | undefined {
  const length = [...value].length;
  if (length > MAX_NAME_LENGTH) return `${what} is ${length} characters long: names may be at most ${MAX_NAME_LENGTH}`;
  const m = (opts.separators ? CONTROL : CONTROL_OR_SEPARATOR).exec(value);
  if (!m) return undefined;
  const why =
    m[0] === ';'
      ? ", the separator of a full name's parts"
      : BIDI.test(m[0])
        ? ': names may not hold bidirectional controls (they make a name read as another)'
        : ': names may not hold control characters';
  return `${what} ${quoteName(value)} contains ${describeChar(m[0])}${why}`;
}

/** Throws InvalidInputError (exit 2) with namePartProblem's line. */
export function assertNamePart(value: string, what: string, opts: { separators?: boolean } = {}): void {
  const problem = namePartProblem(value, what, opts);
  if (problem) throw new InvalidInputError(problem);
}

/** Cleans a version or application version: `.` and `-` -> `_`. Refuses `;` and control characters (exit 2). */
export function cleanVersion(v: string, what = 'component version'): string {
  assertNamePart(v, what);
  return v.replace(/[.-]/g, '_');
}

/** Cleans a variant: `.`, `-` and `/` -> `_`. Refuses `;` and control characters (exit 2). */
export function cleanVariant(v: string, what = 'component variant'): string {
  assertNamePart(v, what);
  return v.replace(/[./-]/g, '_');
}

export interface DottedName {
  domain: string;
  short: string;
}

/**
 * Splits `GLOBAL.Acme.Store.hello-svc` into domain `GLOBAL.Acme.Store` and short `hello-svc`.
 * A `;` part (variant/version) must already be removed. Throws when there is no domain.
 */
export function splitDomain(name: string, what = 'component'): DottedName {
  assertNamePart(name.trim(), `${what} name`);
  const trimmed = name.trim();
  const i = trimmed.lastIndexOf('.');
  if (i <= 0 || i === trimmed.length - 1) {
    throw new InvalidInputError(`${what} name "${name}" needs a full domain path, e.g. GLOBAL.Acme.${trimmed || 'name'}`, {
      hint: 'names are <dotted domain>.<name>; the domain is everything before the last dot',
    });
  }
  const domain = trimmed.slice(0, i);
  const short = trimmed.slice(i + 1);
  if (domain.split('.').some((p) => p.trim() === '')) {
    throw new InvalidInputError(`${what} name "${name}" has an empty domain part`);
  }
  return { domain, short };
}

export interface ComponentNameParts {
  domain: string;
  short: string;
  variant?: string;
  version?: string;
}

/**
 * Builds cleaned component name parts from the raw Name/Variant/Version (section 8.1):
 * - a `;` inside Name splits off variant and version parts given there;
 * - no variant: the version is used alone (`short;version`);
 * - no variant and a version with `-v`/`-V`: the text before becomes the variant (section 5.2 step 1).
 */
export function componentParts(name: string, variant?: string, version?: string): ComponentNameParts {
  const [dotted, ...semi] = name.split(';');
  const problems = [
    namePartProblem(name.trim(), 'component name', { separators: true }),
    semi.length > 2
      ? `component name ${quoteName(name.trim())} has more than two ";"; it is <domain>.<name>[;variant][;version]`
      : undefined,
    variant === undefined ? undefined : namePartProblem(variant.trim(), 'component variant'),
    version === undefined ? undefined : namePartProblem(version.trim(), 'component version'),
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw InvalidInputError.of(problems);
  const { domain, short } = splitDomain(dotted, 'component');
  let v = emptyToUndef(variant) ?? emptyToUndef(semi.length >= 2 ? semi[0] : undefined);
  let ver = emptyToUndef(version) ?? emptyToUndef(semi.length >= 2 ? semi[1] : semi[0]);
  if (!v && ver) {
    const m = /^(.*?)-([vV].*)$/.exec(ver);
    if (m && m[1]) {
      v = m[1];
      ver = 'v' + m[2].slice(1);
    }
  }
  return {
    domain,
    short,
    variant: v ? cleanVariant(v) : undefined,
    version: ver ? cleanVersion(ver, 'component version') : undefined,
  };
}

/** `short;variant` or `short` */
export function componentBaseShort(p: ComponentNameParts): string {
  return p.variant ? `${p.short};${p.variant}` : p.short;
}

/** `domain.short;variant` */
export function componentBaseName(p: ComponentNameParts): string {
  return `${p.domain}.${componentBaseShort(p)}`;
}

/** `short;variant;version` (or `short;version`) */
export function componentVersionShort(p: ComponentNameParts & { version: string }): string {
  return `${componentBaseShort(p)};${p.version}`;
}

/** `domain.short;variant;version` */
export function componentVersionName(p: ComponentNameParts & { version: string }): string {
  return `${p.domain}.${componentVersionShort(p)}`;
}

/** Splits a full component version name back into parts (inverse of componentVersionName). */
export function parseComponentVersionName(full: string): ComponentNameParts & { version: string } {
  const [dotted, ...semi] = full.split(';');
  const { domain, short } = splitDomain(dotted, 'component');
  if (semi.length === 0) throw new InvalidInputError(`component version "${full}" has no version part`);
  const version = semi[semi.length - 1];
  const variant = semi.length >= 2 ? semi[0] : undefined;
  return { domain, short, variant, version };
}

/**
 * True when the full component version name `cv` is one a component filter names (history --component-name):
 * a base `domain.short` names every variant and version, `domain.short;variant` every version of that variant
 * (and a variant-less version of that name), a full version name exactly that version.
 */
export function componentMatches(filter: string, cv: string): boolean {
  return cv === filter || cv.startsWith(`${filter};`);
}

/** Base of a full component version name: drops the last `;` part. */
export function baseOfComponentVersion(full: string): string {
  const i = full.lastIndexOf(';');
  return i < 0 ? full : full.slice(0, i);
}

export interface ApplicationNameParts {
  domain: string;
  short: string;
  version?: string;
}

/**
 * Application name parts: `GLOBAL.Acme.Store.shop[;1.0.0]` with an optional separate version.
 * As the reference: with no version given and a `;` in the name, its last part is the version.
 */
export function applicationParts(name: string, version?: string): ApplicationNameParts {
  const [dotted, ...semi] = name.split(';');
  const problems = [
    namePartProblem(name.trim(), 'application name', { separators: true }),
    semi.length > 1 ? `application name ${quoteName(name.trim())} has more than one ";"; it is <domain>.<name>[;version]` : undefined,
    version === undefined ? undefined : namePartProblem(version.trim(), 'application version'),
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw InvalidInputError.of(problems);
  const { domain, short } = splitDomain(dotted, 'application');
  const ver = emptyToUndef(version) ?? emptyToUndef(semi[semi.length - 1]);
  return { domain, short, version: ver ? cleanVersion(ver, 'application version') : undefined };
}

export function applicationBaseName(p: ApplicationNameParts): string {
  return `${p.domain}.${p.short}`;
}

export function applicationVersionName(p: ApplicationNameParts & { version: string }): string {
  return `${p.domain}.${p.short};${p.version}`;
}

/**
 * The next version after `v` (sections 8.1 step 2 and 8.2 step 4, with the reference's bugs fixed):
 * the last `_` field +1 when numeric; all digits +1; trailing digits +1 (`v7` -> `v8`); else `_1` appended.
 */
export function bumpVersion(v: string): string {
  if (/^\d+$/.test(v)) return String(BigInt(v) + 1n);
  const m = /^(.*?)(\d+)$/.exec(v);
  if (m) {
    const next = (BigInt(m[2]) + 1n).toString();
    return m[1] + next.padStart(m[2].length, '0');
  }
  return `${v}_1`;
}

/**
 * The documented auto-increment intent (ortelius-api.md 8.1): `v<schema>_<n>-g<sha>`, cleaned.
 * schema: the requested version with any `-g<sha>`/`_g<sha>` suffix and leading `v` removed (e.g. `1.5.1`);
 * n: the commit count when known, else one more than the highest n already used with this schema;
 * sha: the short commit sha when known.
 * Returns the cleaned version, e.g. `v1_5_1_145_g3d55a2`.
 */
export function autoIncrementVersion(opts: { requested?: string; existing: string[]; commitCount?: number; sha?: string }): string {
  const schema = schemaOf(opts.requested ?? '') || latestSchema(opts.existing) || '1_0_0';
  const prefix = `v${schema.replace(/[.-]/g, '_')}_`;
  let n = opts.commitCount;
  if (n === undefined || !Number.isFinite(n)) {
    let max = 0;
    for (const e of opts.existing) {
      if (!e.startsWith(prefix)) continue;
      const m = /^(\d+)/.exec(e.slice(prefix.length));
      if (m) max = Math.max(max, Number(m[1]));
    }
    n = max + 1;
  }
  const sha = opts.sha ? `_g${opts.sha.slice(0, 7)}` : '';
  return `${prefix}${n}${sha}`;
}

/** `v1.5.1-g3d55a2` -> `1_5_1`; `v1_5_1_145_g3d55a2` -> `1_5_1_145`. */
function schemaOf(version: string): string {
  const noSha = version.replace(/[-_]g[0-9a-f]{4,40}$/i, '');
  return noSha.replace(/^[vV]/, '').replace(/[.-]/g, '_');
}

function latestSchema(existing: string[]): string {
  const last = existing[existing.length - 1];
  if (!last) return '';
  const s = schemaOf(last);
  // drop the previous commit-count field so the schema stays stable across bumps
  return s.includes('_') ? s.slice(0, s.lastIndexOf('_')) : s;
}

function emptyToUndef(s: string | undefined): string | undefined {
  return s === undefined || s.trim() === '' ? undefined : s.trim();
}
