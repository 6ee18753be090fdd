/**
 * The one redaction layer. Every secret (password, token) is registered once; every byte that leaves the
 * process (logs, JSON, envscript files, stored records, annotations, summaries) passes through redact().
 * Registered values are removed in their raw, URL-encoded and base64 forms.
 */
export const MASK = '***';

/** Secrets shorter than this are not registered as substrings: masking "a" everywhere destroys output. */
const MIN_SECRET_LENGTH = 3;

export class Redactor {
  private readonly needles = new Set<string>();
  private pattern: RegExp | undefined;

  /** Register a secret value. Empty and very short values are ignored. */
  add(secret: string | undefined | null): void {
    if (!secret || secret.length < MIN_SECRET_LENGTH) return;
    const forms = new Set<string>([secret, encodeURIComponent(secret), formEncode(secret)]);
    const b64 = Buffer.from(secret, 'utf8').toString('base64');
    forms.add(b64);
    forms.add(b64.replace(/=+$/, ''));
    forms.add(Buffer.from(secret, 'utf8').toString('base64url'));
    // Base64 of the secret embedded at offsets 1 and 2 of a larger string (e.g. "user:pass" basic auth):
    // the stable middle part of those encodings.
    for (const prefixLen of [1, 2]) {
      const enc = Buffer.from('x'.repeat(prefixLen) + secret, 'utf8').toString('base64');
      const stable = enc.slice(4, enc.length - 4);
      if (stable.length >= 8) forms.add(stable);
    }
    let changed = false;
    for (const f of forms) {
      if (f.length >= MIN_SECRET_LENGTH && !this.needles.has(f)) {
        this.needles.add(f);
        changed = true;
      }
    }
    if (changed) this.pattern = undefined;
  }

  /** True when at least one secret is registered. */
  get size(): number {
    return this.needles.size;
  }

  /** The registered raw secrets and their encoded forms (for adapters that must mask them natively). */
  values(): string[] {
    return [...this.needles];
  }

  redact(text: string): string {
    if (this.needles.size === 0 || !text) return text;
    if (!this.pattern) {
      const sorted = [...this.needles].sort((a, b) => b.length - a.length);
      this.pattern = new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
    }
    return text.replace(this.pattern, MASK);
  }

  /** Deep-redacts every string in a JSON-like value. */
  redactValue<T>(value: T): T {
    if (this.needles.size === 0) return value;
    return JSON.parse(this.redact(JSON.stringify(value))) as T;
  }
}

function formEncode(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, '+');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
