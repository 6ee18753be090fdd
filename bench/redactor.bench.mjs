#!/usr/bin/env node
// Issue 21: the Redactor (core/src/redact.ts, chunked literal search in needle-search.ts) against the single
// alternation regex it replaced (kept below as the baseline), on ordinary output: a handful of secrets,
// deployment log lines and result records. Then the sizes the old one could not take at all (it threw
// "Regular expression too large" from about 20 KB of secrets on), measured for the new one alone.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { register } from 'tsx/esm/api';

register();
const { Redactor } = await import('../core/src/redact.ts');

const ROUNDS = 21;
const TARGET = 1.25;

/** The redactor before issue 21: every form of every secret in one regular expression. */
class RegexRedactor {
  needles = new Set();
  pattern = undefined;
  add(secret) {
    if (!secret || secret.length < 3) return;
    const b64 = Buffer.from(secret, 'utf8').toString('base64');
    const forms = [
      secret,
      JSON.stringify(secret).slice(1, -1),
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%20/g, '+'),
      b64,
      b64.replace(/=+$/, ''),
      Buffer.from(secret, 'utf8').toString('base64url'),
    ];
    for (const p of [1, 2]) {
      const enc = Buffer.from('x'.repeat(p) + secret, 'utf8').toString('base64');
      const stable = enc.slice(4, enc.length - 4);
      if (stable.length >= 8) forms.push(stable);
    }
    for (const f of forms) if (f.length >= 3) this.needles.add(f);
    this.pattern = undefined;
  }
  redact(text) {
    if (this.needles.size === 0 || !text) return text;
    this.pattern ??= new RegExp(
      [...this.needles]
        .sort((a, b) => b.length - a.length)
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, '***');
  }
}

// Ordinary secrets: an Ortelius password, a login token (JWT-sized), a store password, two CI tokens.
const secrets = [
  's3cr3t p@ss/word',
  `eyJhbGciOiJIUzI1NiJ9.${randomBytes(96).toString('base64url')}.${randomBytes(32).toString('base64url')}`,
  'store-pw-123',
  `ghp_${randomBytes(27).toString('base64url')}`,
  randomBytes(24).toString('hex'),
];
const words = 'deploying cart to qa helm upgrade --install shop ./chart release revision pod ready rollout status complete'.split(' ');
const lines = Array.from({ length: 20_000 }, (_, i) => {
  const w = Array.from({ length: 14 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ');
  return i % 10 === 0 ? `${w} token=${secrets[i % secrets.length]}` : w;
});
const text = lines.join('\n');

function time(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function compare(name, work) {
  const oldR = new RegexRedactor();
  const newR = new Redactor();
  for (const s of secrets) {
    oldR.add(s);
    newR.add(s);
  }
  // Same answers first: a faster redactor that masks less would be no result.
  const probe = lines.slice(0, 200).join('\n');
  if (oldR.redact(probe) !== newR.redact(probe)) throw new Error(`${name}: the two redactors disagree`);
  const o = [];
  const n = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Alternating which goes first, so neither always pays for the other's garbage.
    if (r % 2) {
      n.push(time(() => work(newR)));
      o.push(time(() => work(oldR)));
    } else {
      o.push(time(() => work(oldR)));
      n.push(time(() => work(newR)));
    }
  }
  const ratio = median(n) / median(o);
  return { name, old: median(o), now: median(n), ratio };
}

const rows = [
  compare('100,000 log lines (20,000 x 5), one redact() each', (r) => {
    for (let k = 0; k < 5; k++) for (const l of lines) r.redact(l);
  }),
  compare('a 2 MB text, 5 times', (r) => {
    for (let k = 0; k < 5; k++) r.redact(text);
  }),
  compare('short messages (error lines, 20,000 x 80 chars)', (r) => {
    for (let i = 0; i < 20_000; i++) r.redact(`shiplog: error: Ortelius answered HTTP 502 to GET /dmadminweb/API/component/${i}`);
  }),
];

// Sizes the regex redactor refused; the new one alone (ms per 1,000 log lines after registering them).
function hostile(name, add) {
  const r = new Redactor();
  const reg = time(() => add(r));
  r.redact('warm');
  const per = median(
    Array.from({ length: 5 }, () =>
      time(() => {
        for (let i = 0; i < 1000; i++) r.redact(lines[i]);
      }),
    ),
  );
  return { name, reg, per, needles: r.size };
}
const big = [
  hostile('64 KB secret', (r) => r.add(randomBytes(48 * 1024).toString('base64'))),
  hostile('1 MB secret', (r) => r.add(randomBytes(768 * 1024).toString('base64'))),
  hostile('16 MB secret', (r) => r.add(randomBytes(12 * 1024 * 1024).toString('base64'))),
  hostile('1,000 small secrets', (r) => {
    for (let i = 0; i < 1000; i++) r.add(`sm-${randomBytes(9).toString('base64url')}`);
  }),
];
const baselineFailsAt = (() => {
  for (const kb of [4, 8, 16, 32, 64]) {
    const r = new RegexRedactor();
    r.add(randomBytes(kb * 768).toString('base64'));
    try {
      r.redact('x');
    } catch {
      return `${kb} KB`;
    }
  }
  return 'not below 64 KB';
})();

const fails = rows.filter((r) => r.ratio > TARGET).length;
const out = [
  '## Redactor (issue 21: chunked literal search vs the single regex it replaced)',
  '',
  `Five ordinary secrets (password, JWT-sized token, store password, two CI tokens: ${secrets.length * 9} needles with their forms); median of ${ROUNDS} interleaved rounds. Both redactors give the same text.`,
  '',
  '| input | regex (before) ms | now ms | ratio | target | result |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.old.toFixed(2)} | ${r.now.toFixed(2)} | ${r.ratio.toFixed(2)}x | <= ${TARGET}x | ${r.ratio <= TARGET ? 'pass' : 'FAIL'} |`,
  ),
  '',
  `Sizes the regex redactor refused (it throws from a ${baselineFailsAt} secret on): the new one alone.`,
  '',
  '| secrets | needles | register ms | ms per 1,000 log lines |',
  '|---|---|---|---|',
  ...big.map((b) => `| ${b.name} | ${b.needles} | ${b.reg.toFixed(1)} | ${b.per.toFixed(2)} |`),
];
process.stdout.write(`${out.join('\n')}\n`);
process.exit(fails ? 1 : 0);
