/**
 * Issue 21, critical: secrets of any number and size. The old redactor joined every form of every secret into
 * one regular expression; from about 20 KB of secrets V8 refused it ("Regular expression too large"), the
 * error message held the whole pattern, and every command crashed printing DHPASS.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHUNK_SOURCE, LONG_NEEDLE, NeedleSet } from '../src/needle-search.js';
import { MASK, Redactor, WITHHELD } from '../src/redact.js';
import { leakedForms, secretForms } from './secret-forms.js';

const DHPASS = 's3cr3t p@ss/word';

/** A text holding every form of every secret, between ordinary words. */
function carrier(secrets: readonly string[]): string {
  return secrets.flatMap((s) => secretForms(s).map((f) => `before ${f} after`)).join('\n');
}

const SIZES: ReadonlyArray<readonly [string, () => string]> = [
  ['64 KB', () => randomBytes(48 * 1024).toString('base64')],
  ['1 MB', () => randomBytes(768 * 1024).toString('base64')],
  ['16 MB', () => randomBytes(12 * 1024 * 1024).toString('base64')],
];

describe('Redactor: large secrets', () => {
  it.each(SIZES)('a %s secret and DHPASS: every form masked, in text and in values', (_, make) => {
    const big = make();
    const r = new Redactor();
    r.add(big);
    r.add(DHPASS);
    const out = r.redact(carrier([big, DHPASS]));
    expect(out).not.toBe(WITHHELD);
    for (const s of [big, DHPASS]) expect(leakedForms(out, s)).toEqual([]);
    expect(out.split('\n').every((l) => l === `before ${MASK} after`)).toBe(true);
    const v = r.redactValue({ token: big, notes: `pw=${DHPASS}`, [`k-${DHPASS}`]: [big] });
    expect(v).toEqual({ token: MASK, notes: `pw=${MASK}`, [`k-${MASK}`]: [MASK] });
  });

  it('1,000 small secrets plus large ones: every form of each masked', () => {
    const small = Array.from({ length: 1000 }, (_, i) => `sm${i}-${randomBytes(9).toString('base64url')}`);
    const big = randomBytes(48 * 1024).toString('base64');
    const r = new Redactor();
    for (const s of [...small, big, DHPASS]) r.add(s);
    const out = r.redact(carrier([...small, big, DHPASS]));
    for (const s of [...small, big, DHPASS]) expect(leakedForms(out, s)).toEqual([]);
    expect(out.split('\n').every((l) => l === `before ${MASK} after`)).toBe(true);
  });

  it('the secrets of the critical repro (30 KB base64 token + DHPASS) leave ordinary text alone', () => {
    const r = new Redactor();
    r.add(randomBytes(30000).toString('base64'));
    r.add(DHPASS);
    expect(r.redact('nothing deployed yet')).toBe('nothing deployed yet');
    expect(r.redact(`login ${DHPASS} ok`)).toBe(`login ${MASK} ok`);
  });
});

describe('Redactor: never throws, never lets a text out unredacted', () => {
  it('a lone surrogate in a secret (encodeURIComponent refuses it) keeps its other forms', () => {
    const r = new Redactor();
    const secret = 'ab\uD800cd-secret';
    expect(() => r.add(secret)).not.toThrow();
    expect(r.redact(`x ${secret} y`)).toBe(`x ${MASK} y`);
  });

  it('a non-string reaching redact() is withheld, not echoed', () => {
    const r = new Redactor();
    r.add('s3cret');
    expect(r.redact(undefined as unknown as string)).toBe(WITHHELD);
  });

  it('a value nested deeper than the stack is withheld whole', () => {
    const r = new Redactor();
    r.add('s3cret');
    let deep: unknown = 's3cret';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(r.redactValue(deep)).toBe(WITHHELD);
  });
});

describe('NeedleSet', () => {
  it('overlapping occurrences of two secrets are masked as their union (no visible tail)', () => {
    const n = new NeedleSet();
    n.add('abcdef');
    n.add('defghi');
    expect(n.replaceAll('xx abcdefghi yy', MASK)).toBe(`xx ${MASK} yy`);
  });

  it('adjacent occurrences stay two masks (as the single regex gave them)', () => {
    const n = new NeedleSet();
    n.add('abc');
    expect(n.replaceAll('abcabc', MASK)).toBe(`${MASK}${MASK}`);
  });

  it('splits many needles into chunks and long ones into literal search, with the same answers', () => {
    const n = new NeedleSet();
    const needles = Array.from({ length: 3000 }, (_, i) => `n${i}.${randomBytes(6).toString('hex')}(*)`);
    const long = `L${'q'.repeat(LONG_NEEDLE)}[long]`;
    for (const s of [...needles, long]) n.add(s);
    const text = [...needles, long].map((s) => `<${s}>`).join(' ');
    expect(needles.join('|').length).toBeGreaterThan(3 * CHUNK_SOURCE);
    expect(n.replaceAll(text, '*')).toBe(Array.from({ length: needles.length + 1 }, () => '<*>').join(' '));
  });
});
