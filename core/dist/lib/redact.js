/**
 * The one redaction layer. Every secret (password, token) is registered once; every byte that leaves the
 * process (logs, JSON, envscript files, stored records, annotations, summaries) passes through redact().
 * Registered values are removed in their raw, JSON-escaped, URL-encoded and base64 forms. JSON-like values go
 * through redactValue(), which redacts each string on its own instead of the JSON text.
 */
export const MASK = '***';
/** Secrets shorter than this are not registered as substrings: masking "a" everywhere destroys output. */
const MIN_SECRET_LENGTH = 3;
export class Redactor {
    needles = new Set();
    pattern;
    /** Register a secret value. Empty and very short values are ignored. */
    add(secret) {
        if (!secret || secret.length < MIN_SECRET_LENGTH)
            return;
        // The JSON-escaped form too (`"` and `\` escaped): a deployment command that prints JSON shows it so in a log.
        const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), formEncode(secret)]);
        const b64 = Buffer.from(secret, 'utf8').toString('base64');
        forms.add(b64);
        forms.add(b64.replace(/=+$/, ''));
        forms.add(Buffer.from(secret, 'utf8').toString('base64url'));
        // Base64 of the secret embedded at offsets 1 and 2 of a larger string (e.g. "user:pass" basic auth):
        // the stable middle part of those encodings.
        for (const prefixLen of [1, 2]) {
            const enc = Buffer.from('x'.repeat(prefixLen) + secret, 'utf8').toString('base64');
            const stable = enc.slice(4, enc.length - 4);
            if (stable.length >= 8)
                forms.add(stable);
        }
        let changed = false;
        for (const f of forms) {
            if (f.length >= MIN_SECRET_LENGTH && !this.needles.has(f)) {
                this.needles.add(f);
                changed = true;
            }
        }
        if (changed)
            this.pattern = undefined;
    }
    /** True when at least one secret is registered. */
    get size() {
        return this.needles.size;
    }
    /** The registered raw secrets and their encoded forms (for adapters that must mask them natively). */
    values() {
        return [...this.needles];
    }
    redact(text) {
        if (this.needles.size === 0 || !text)
            return text;
        if (!this.pattern) {
            const sorted = [...this.needles].sort((a, b) => b.length - a.length);
            this.pattern = new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
        }
        return text.replace(this.pattern, MASK);
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
    redactValue(value) {
        if (this.needles.size === 0)
            return value;
        return this.walk(value, '', new Set());
    }
    walk(value, key, path) {
        let v = value;
        if (v !== null && typeof v === 'object' && typeof v.toJSON === 'function') {
            try {
                v = v.toJSON(key);
            }
            catch {
                return MASK;
            }
        }
        if (typeof v === 'string')
            return this.redact(v);
        if (typeof v === 'number')
            return Number.isFinite(v) ? v : null;
        if (typeof v === 'boolean' || v === null)
            return v;
        if (typeof v === 'bigint')
            return this.redact(v.toString());
        if (typeof v !== 'object')
            return undefined; // undefined, functions, symbols: JSON drops them
        if (path.has(v))
            return '[Circular]';
        path.add(v);
        try {
            if (Array.isArray(v)) {
                return v.map((item, i) => {
                    const r = this.walk(item, String(i), path);
                    return r === undefined ? null : r;
                });
            }
            const out = {};
            for (const [k, item] of Object.entries(v)) {
                const r = this.walk(item, k, path);
                // defineProperty: a key "__proto__" stays a plain key, as JSON.parse would make it
                if (r !== undefined)
                    Object.defineProperty(out, this.redact(k), { value: r, enumerable: true, writable: true, configurable: true });
            }
            return out;
        }
        finally {
            path.delete(v);
        }
    }
}
function formEncode(s) {
    return encodeURIComponent(s).replace(/%20/g, '+');
}
function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
