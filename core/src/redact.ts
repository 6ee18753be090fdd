/**
 * The one redaction layer. Every secret (password, token) is registered once; every byte that leaves the
 * process (logs, JSON, envscript files, stored records, annotations, summaries) passes through redact().
 * Registered values are removed in their raw, JSON-escaped, URL-encoded and base64 forms. JSON-like values go
 * through redactValue(), which redacts each string on its own instead of the JSON text.
 *
 * Any number and size of secrets work (needle-search.ts: chunked literal search, no single giant regular
 * expression). Nothing here throws: a text that cannot be redacted (it would not fit in a string, say) is
 * replaced whole by WITHHELD, never passed on as it was, and no error message can carry a secret out.
 */
import { NeedleSet } from './needle-search.js';

export const MASK = '***';

/** What redact() answers when it cannot redact a text: the text never leaves unredacted. */
export const WITHHELD = '[shiplog: text withheld: it could not be redacted]';

/** Secrets shorter than this are not registered as substrings: masking "a" everywhere destroys output. */
const MIN_SECRET_LENGTH = 3;

/** The line breaks a multi-line secret is split at (CRLF, LF, CR: what a reader of the lines would split at). */
const LINE_BREAK = /\r\n|\r|\n/;

export class Redactor {
  private readonly needles = new NeedleSet();
  /** Secrets registered already (the CLI and execute() both register the environment's). */
  private readonly seen = new Set<string>();

  /**
   * Register a secret value. Empty and very short values are ignored. Never throws.
   * A multi-line secret (a PEM key, a kubeconfig) is registered whole and line by line (each line, and each line
   * without its surrounding blanks, of at least MIN_SECRET_LENGTH characters, with its encoded forms): deployment
   * output is redacted and stored one line at a time, so the whole value never appears in one line.
   */
  add(secret: string | undefined | null): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || this.seen.has(secret)) return;
    this.seen.add(secret);
    for (const form of secretForms(secret)) {
      if (form.length >= MIN_SECRET_LENGTH) this.needles.add(form);
    }
    if (!LINE_BREAK.test(secret)) return;
    for (const line of secret.split(LINE_BREAK)) {
      this.add(line);
      this.add(line.trim());
    }
  }

  /** How many needles (secrets and their encoded forms) are registered. */
  get size(): number {
    return this.needles.size;
  }

  /** The registered raw secrets and their encoded forms (for adapters that must mask them natively). */
  values(): string[] {
    return this.needles.values();
  }

  /** `text` with every registered secret masked; WITHHELD when that cannot be done. Never throws. */
  redact(text: string): string {
    try {
      if (typeof text !== 'string') return WITHHELD;
      return this.needles.replaceAll(text, MASK);
    } catch {
      return WITHHELD;
    }
  }

  /**
   * Deep-redacts a JSON-like value: every string, and every object key (keys such as attribute names can
   * carry data), is redacted on its own, so a secret is masked whatever JSON would make of it (`"` and `\`
   * escaped, unicode), and the result is always a value JSON can write. Numbers, booleans and null are
   * structure, never masked: a secret spelled `null` or `true` cannot corrupt the document. The result has
   * the shape JSON.stringify would give (toJSON applied, undefined and functions dropped, non-finite numbers
   * null); a bigint becomes its decimal text and a cycle the string "[Circular]" instead of an exception.
   * Never throws: it runs after operations have committed, and must not turn them into failures.
   */
  redactValue<T>(value: T): T {
    if (this.needles.size === 0) return value;
    try {
      return this.walk(value, '', new Set()) as T;
    } catch {
      // e.g. nesting deeper than the stack: nothing of the value leaves
      return WITHHELD as T;
    }
  }

  private walk(value: unknown, key: string, path: Set<object>): unknown {
    let v = value;
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      try {
        v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
      } catch {
        return MASK;
      }
    }
    if (typeof v === 'string') return this.redact(v);
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'boolean' || v === null) return v;
    if (typeof v === 'bigint') return this.redact(v.toString());
    if (typeof v !== 'object') return undefined; // undefined, functions, symbols: JSON drops them
    if (path.has(v)) return '[Circular]';
    path.add(v);
    try {
      if (Array.isArray(v)) {
        return v.map((item, i) => {
          const r = this.walk(item, String(i), path);
          return r === undefined ? null : r;
        });
      }
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        const r = this.walk(item, k, path);
        // defineProperty: a key "__proto__" stays a plain key, as JSON.parse would make it
        if (r !== undefined) Object.defineProperty(out, this.redact(k), { value: r, enumerable: true, writable: true, configurable: true });
      }
      return out;
    } finally {
      path.delete(v);
    }
  }
}

/**
 * The forms a secret can leak in: raw; JSON-escaped (`"` and `\` escaped: a deployment command that prints JSON
 * shows it so in a log); URL- and form-encoded; base64 with and without padding, base64url; and the stable middle
 * of its base64 when it sits at offset 1 or 2 of a larger encoded string (e.g. "user:pass" in basic auth).
 * A form that cannot be computed (encodeURIComponent refuses a lone surrogate) is skipped, the others kept.
 */
function secretForms(secret: string): Set<string> {
  const forms = new Set<string>([secret]);
  const tryAdd = (make: () => string) => {
    try {
      forms.add(make());
    } catch {
      // this form does not exist for this secret
    }
  };
  tryAdd(() => JSON.stringify(secret).slice(1, -1));
  tryAdd(() => encodeURIComponent(secret));
  tryAdd(() => encodeURIComponent(secret).replace(/%20/g, '+'));
  const utf8 = Buffer.from(secret, 'utf8');
  const b64 = utf8.toString('base64');
  forms.add(b64);
  forms.add(b64.replace(/=+$/, ''));
  forms.add(utf8.toString('base64url'));
  for (const prefixLen of [1, 2]) {
    const enc = Buffer.concat([Buffer.alloc(prefixLen, 'x'), utf8]).toString('base64');
    const stable = enc.slice(4, enc.length - 4);
    if (stable.length >= 8) forms.add(stable);
  }
  return forms;
}
