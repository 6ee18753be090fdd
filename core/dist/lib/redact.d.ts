/**
 * The one redaction layer. Every secret (password, token) is registered once; every byte that leaves the
 * process (logs, JSON, envscript files, stored records, annotations, summaries) passes through redact().
 * Registered values are removed in their raw, JSON-escaped, URL-encoded and base64 forms. JSON-like values go
 * through redactValue(), which redacts each string on its own instead of the JSON text.
 */
export declare const MASK = "***";
export declare class Redactor {
    private readonly needles;
    private pattern;
    /** Register a secret value. Empty and very short values are ignored. */
    add(secret: string | undefined | null): void;
    /** True when at least one secret is registered. */
    get size(): number;
    /** The registered raw secrets and their encoded forms (for adapters that must mask them natively). */
    values(): string[];
    redact(text: string): string;
    /**
     * Deep-redacts a JSON-like value: every string, and every object key (keys such as attribute names can
     * carry data), is redacted on its own, so a secret is masked whatever JSON would make of it (`"` and `\`
     * escaped, unicode), and the result is always a value JSON can write. Numbers, booleans and null are
     * structure, never masked: a secret spelled `null` or `true` cannot corrupt the document. The result has
     * the shape JSON.stringify would give (toJSON applied, undefined and functions dropped, non-finite numbers
     * null); a bigint becomes its decimal text and a cycle the string "[Circular]" instead of an exception.
     * Never throws: it runs after operations have committed, and must not turn them into failures.
     */
    redactValue<T>(value: T): T;
    private walk;
}
