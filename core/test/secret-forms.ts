/**
 * Every form in which a leaked secret could sit in a file or in output: raw, JSON-escaped (a stored record or
 * --json document holds strings escaped), URL-encoded and base64. Tests search output and stored bytes for all.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set([
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''),
  ]);
  return [...forms];
}

/** The forms of `secret` found in `text` (empty when none). */
export function leakedForms(text: string, secret: string): string[] {
  return secretForms(secret).filter((f) => text.includes(f));
}
