/**
 * Finds where any of a set of literal strings ("needles") occurs in a text, for any number and size of
 * needles, without one giant regular expression: V8 refuses an alternation of a few long literals ("Regular
 * expression too large", at its first use), and its error message holds the whole pattern.
 *
 * - Needles up to LONG_NEEDLE chars are searched with alternations of escaped literals, longest first, in
 *   chunks whose pattern source stays under CHUNK_SOURCE chars (one chunk for the usual handful of secrets: the
 *   same single regex as before, so ordinary output costs what it did).
 * - Longer needles, and the needles of a chunk V8 refuses anyway, are searched with indexOf.
 * Every occurrence is found, also those overlapping another one, and overlapping ones are merged into one span:
 * no part of an occurrence stays visible.
 */

/** Needles longer than this are searched with indexOf, never put in a regular expression. */
export const LONG_NEEDLE = 512;
/** Pattern source of one chunk at most (a few of these stay far below V8's limit). */
export const CHUNK_SOURCE = 8192;

export type Span = readonly [start: number, end: number];

interface Chunk {
  re: RegExp;
  needles: string[];
}

interface Compiled {
  chunks: Chunk[];
  literals: string[];
}

export class NeedleSet {
  private readonly needles = new Set<string>();
  private compiled: Compiled | undefined;

  /** Adds a needle (empty strings are ignored); true when it was new. */
  add(needle: string): boolean {
    if (!needle || this.needles.has(needle)) return false;
    this.needles.add(needle);
    this.compiled = undefined;
    return true;
  }

  has(needle: string): boolean {
    return this.needles.has(needle);
  }

  get size(): number {
    return this.needles.size;
  }

  values(): string[] {
    return [...this.needles];
  }

  /**
   * Replaces every occurrence of any needle with `mask` (overlapping occurrences: one mask over their union).
   * May throw only on out-of-memory-like failures (a result string too long); callers that must not throw
   * catch that themselves.
   */
  replaceAll(text: string, mask: string): string {
    if (this.needles.size === 0 || !text) return text;
    if (this.absentFrom(text)) return text;
    const spans = this.spans(text);
    return spans.length === 0 ? text : splice(text, spans, mask);
  }

  /** A quick "no needle here" for the usual case (one chunk of short needles); false when unsure. */
  private absentFrom(text: string): boolean {
    const c = (this.compiled ??= this.compile());
    if (c.literals.length !== 0 || c.chunks.length !== 1) return false;
    const { re } = c.chunks[0];
    try {
      re.lastIndex = 0;
      return !re.test(text);
    } catch {
      return false; // spans() handles a refused pattern
    }
  }

  /** Sorted, merged spans of every occurrence of any needle in `text`. */
  spans(text: string): Span[] {
    const c = (this.compiled ??= this.compile());
    const found: [number, number][] = [];
    for (let i = 0; i < c.chunks.length; i++) {
      const { re } = c.chunks[i];
      try {
        re.lastIndex = 0;
        // Resuming one character after each match start finds occurrences that overlap it too.
        for (let m = re.exec(text); m; m = re.exec(text)) {
          found.push([m.index, m.index + m[0].length]);
          re.lastIndex = m.index + 1;
        }
      } catch (err) {
        if (!this.demote(i, err)) throw err;
        return this.spans(text);
      }
    }
    for (const needle of c.literals) {
      if (needle.length > text.length) continue;
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) found.push([at, at + needle.length]);
    }
    // One source gives its occurrences in order already; several need sorting before the merge.
    return merge(found, c.chunks.length + c.literals.length > 1);
  }

  private compile(): Compiled {
    const sorted = [...this.needles].sort((a, b) => b.length - a.length);
    const literals: string[] = [];
    const chunks: Chunk[] = [];
    let parts: string[] = [];
    let members: string[] = [];
    let source = 0;
    const flush = () => {
      if (parts.length) chunks.push({ re: new RegExp(parts.join('|'), 'g'), needles: members });
      parts = [];
      members = [];
      source = 0;
    };
    for (const n of sorted) {
      if (n.length > LONG_NEEDLE) {
        literals.push(n);
        continue;
      }
      const escaped = escapeRegExp(n);
      if (source + escaped.length + 1 > CHUNK_SOURCE) flush();
      parts.push(escaped);
      members.push(n);
      source += escaped.length + 1;
    }
    flush();
    return { chunks, literals };
  }

  /**
   * A chunk V8 refused (it compiles lazily, at the first exec): its needles are searched with indexOf from
   * now on. False when the error is not a refusal of the pattern (a SyntaxError): the caller rethrows it.
   */
  private demote(index: number, err: unknown): boolean {
    if (!(err instanceof SyntaxError)) return false;
    const c = this.compiled!;
    const [refused] = c.chunks.splice(index, 1);
    c.literals.push(...refused.needles);
    return true;
  }
}

function merge(found: [number, number][], sort: boolean): Span[] {
  if (found.length <= 1) return found;
  if (sort) found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: [number, number][] = [found[0]];
  for (let i = 1; i < found.length; i++) {
    const last = out[out.length - 1];
    const [s, e] = found[i];
    // Overlapping occurrences become one span; adjacent ones stay two masks (as one regex pass gives them).
    if (s < last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function splice(text: string, spans: readonly Span[], mask: string): string {
  let out = '';
  let at = 0;
  for (const [s, e] of spans) {
    out += text.slice(at, s) + mask;
    at = e;
  }
  return out + text.slice(at);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
