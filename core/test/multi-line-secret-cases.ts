/**
 * Secrets that span lines, and how tests look for them (issue 20, item 1): shared by the core's matrix
 * (multi-line-secrets.test.ts) and the adapters' own runs of it.
 */
export const PEM = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACBkZXBsb3kta2V5LWZvci1zaGlwbG9nLXRlc3RzLW9ubHktMTIzNDU2Nzg5',
  'MAAAAJi3c2VjcmV0LWtleS1saW5lLXRocmVlLW9mLWZvdXI=',
  '-----END OPENSSH PRIVATE KEY-----',
  '',
].join('\n');

export interface SecretCase {
  name: string;
  value: string;
  /** Lines that must stay readable (shorter than the 3-character minimum). */
  kept?: string[];
}

export const SECRET_CASES: SecretCase[] = [
  { name: 'single-line', value: 'sNgl3-line-s3cret-Value' },
  { name: 'multi-line PEM', value: PEM },
  { name: 'regex metacharacters, CRLF', value: 'r3g.ex*+?(x)[y]{2}|^$\\\r\n\\d+.*?[]()$^|\r\n  (?<n>a)\\1  ' },
  { name: '3-character lines', value: 'Zq9\nW~\nk#Xq', kept: ['W~'] },
];

/** The lines of a secret that are secrets on their own (3 characters or more, also trimmed), and the value itself. */
export function needles(value: string): string[] {
  const lines = value.split(/\r\n|\r|\n/).flatMap((l) => [l, l.trim()]);
  return [...new Set([value, ...lines])].filter((l) => l.length >= 3);
}

/** The forms a leaked needle can take: raw, JSON-escaped, URL-encoded, base64. */
export function forms(secret: string): string[] {
  const b64 = Buffer.from(secret, 'utf8').toString('base64');
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), b64.replace(/=+$/, '')])];
}

/** What a deployment command prints to leak it: every line raw and encoded, then the whole value. */
export function printed(value: string): string {
  const lines = needles(value).filter((l) => l !== value);
  const out = lines.flatMap((l) => [`line: ${l}`, `url: ${encodeURIComponent(l)}`, `b64: ${Buffer.from(l).toString('base64')}`]);
  return `${out.join('\n')}\nwhole:\n${value}\njson: ${JSON.stringify(value)}\n`;
}

/** Leaks as "sink: form" strings, none expected. */
export function leaks(sinks: Record<string, string>, value: string): string[] {
  const found: string[] = [];
  for (const [sink, text] of Object.entries(sinks)) {
    for (const n of needles(value)) for (const f of forms(n)) if (text.includes(f)) found.push(`${sink}: ${JSON.stringify(f)}`);
  }
  return found;
}
