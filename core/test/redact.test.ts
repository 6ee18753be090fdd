import { describe, expect, it } from 'vitest';
import { MASK, Redactor } from '../src/redact.js';
import { leakedForms } from './secret-forms.js';

/** Secrets whose JSON text differs from their raw text, or that are JSON words. */
const AWKWARD_SECRETS: ReadonlyArray<readonly [string, string]> = [
  ['a double quote', 'Pa"ss\\w0rd!'],
  ['backslashes', 'back\\slash\\n\\'],
  ['quotes only', '"""'],
  ['unicode', 'pässwörd-✓-日本-🚀'],
  ['a control character', 'tab\there\u0001'],
  ['JSON word null', 'null'],
  ['JSON word true', 'true'],
  ['JSON word false', 'false'],
  ['JSON punctuation', '":"'],
  ['digits', '12345'],
];

function record(secret: string): Record<string, unknown> {
  return {
    ok: true,
    application: null,
    approved: true,
    rejected: false,
    count: 12345,
    notes: `pw=${secret}`,
    attributes: { DbPass: secret, [`key-${secret}`]: 'value', nested: [secret, { deeper: `x${secret}x` }] },
    log: [`login with ${secret}`, 'plain line'],
  };
}

describe('Redactor.redactValue', () => {
  it.each(AWKWARD_SECRETS)('masks a secret with %s in every string and key, and keeps valid JSON', (_, secret) => {
    const redactor = new Redactor();
    redactor.add(secret);
    const out = redactor.redactValue(record(secret));
    const text = JSON.stringify(out);
    expect(() => JSON.parse(text)).not.toThrow();
    const strings = JSON.stringify(collectStrings(out));
    expect(leakedForms(strings, secret)).toEqual([]);
    expect(out).toMatchObject({
      ok: true,
      application: null,
      approved: true,
      rejected: false,
      count: 12345,
      notes: `pw=${MASK}`,
      attributes: { DbPass: MASK, [`key-${MASK}`]: 'value', nested: [MASK, { deeper: `x${MASK}x` }] },
      log: [`login with ${MASK}`, 'plain line'],
    });
  });

  it('secrets that are JSON words leave JSON structure alone (numbers, booleans and null are never masked)', () => {
    const redactor = new Redactor();
    for (const s of ['null', 'true', 'false', '12345']) redactor.add(s);
    const out = redactor.redactValue({ a: null, b: true, c: false, d: 12345, e: [null, true], f: 'null and true' });
    expect(out).toEqual({ a: null, b: true, c: false, d: 12345, e: [null, true], f: '*** and ***' });
  });

  it('gives the shape JSON would and never throws (toJSON, undefined, bigint, cycles, __proto__ keys)', () => {
    const redactor = new Redactor();
    redactor.add('s3cret');
    const cyclic: Record<string, unknown> = { name: 's3cret' };
    cyclic.self = cyclic;
    const value = {
      at: new Date('2026-01-02T03:04:05Z'),
      gone: undefined,
      fn: () => 1,
      list: [undefined, 1, Number.NaN],
      big: 10n,
      cyclic,
      ...JSON.parse('{"__proto__": "s3cret"}'),
    };
    const out = redactor.redactValue(value) as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(out))).toEqual({
      at: '2026-01-02T03:04:05.000Z',
      list: [null, 1, null],
      big: '10',
      cyclic: { name: MASK, self: '[Circular]' },
      ['__proto__']: MASK,
    });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('without registered secrets the value is returned as is', () => {
    const v = { a: 'x' };
    expect(new Redactor().redactValue(v)).toBe(v);
  });
});

function collectStrings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) collectStrings(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      collectStrings(x, out);
    }
  }
  return out;
}

describe('Redactor.redact on text', () => {
  it.each(AWKWARD_SECRETS.filter(([, s]) => JSON.stringify(s).slice(1, -1) !== s))(
    'masks the JSON-escaped form of a secret with %s (a command printing JSON)',
    (_, secret) => {
      const redactor = new Redactor();
      redactor.add(secret);
      const line = `{"password":${JSON.stringify(secret)}}`;
      expect(leakedForms(redactor.redact(line), secret)).toEqual([]);
    },
  );
});

describe('Redactor: multi-line secrets (issue 20)', () => {
  const KEY = '-----BEGIN KEY-----\r\nAAAAB3NzaC1yc2E\n  indented-line  \nab\n-----END KEY-----';
  it('registers each line of at least 3 characters (and its trimmed form), with its encoded forms', () => {
    const redactor = new Redactor();
    redactor.add(KEY);
    for (const line of ['-----BEGIN KEY-----', 'AAAAB3NzaC1yc2E', 'indented-line', '-----END KEY-----']) {
      for (const form of [line, encodeURIComponent(line), Buffer.from(line).toString('base64')]) {
        expect(redactor.redact(`x ${form} y`)).toBe('x *** y');
        expect(redactor.values()).toContain(form);
      }
    }
    expect(redactor.redact('log: ab')).toBe('log: ab');
    expect(redactor.redact(KEY)).toBe('***');
  });
  it('a single-line secret registers its forms only', () => {
    const one = new Redactor();
    one.add('single-line-secret');
    const two = new Redactor();
    two.add('single-line-secret\nsecond');
    expect(two.size).toBeGreaterThan(one.size);
    expect(one.redact('single-line-secret')).toBe('***');
  });
});
