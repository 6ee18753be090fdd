/** Store URLs (store-url.ts): every form parses to the right engine; bad ones are one-line exit-2 errors without credentials. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_GIT_STATE_REF, parseStoreUrl, redactStoreUrl } from '../src/backend/store-url.js';
import { ShiplogError } from '../src/errors.js';

const CWD = '/work/repo';

describe('parseStoreUrl', () => {
  it.each([
    ['.shiplog', { kind: 'local', dir: '/work/repo/.shiplog' }],
    ['state/dir', { kind: 'local', dir: '/work/repo/state/dir' }],
    ['/srv/state', { kind: 'local', dir: '/srv/state' }],
    ['file:///srv/state', { kind: 'local', dir: '/srv/state' }],
    ['git+origin', { kind: 'git', remote: 'origin', ref: DEFAULT_GIT_STATE_REF, display: 'git+origin' }],
    [
      'git+origin#ref=release-state',
      { kind: 'git', remote: 'origin', ref: 'refs/heads/release-state', display: 'git+origin#ref=refs/heads/release-state' },
    ],
    [
      'git+file:///srv/state.git',
      { kind: 'git', remote: 'file:///srv/state.git', ref: DEFAULT_GIT_STATE_REF, display: 'git+file:///srv/state.git' },
    ],
    ['git+https://github.com/acme/state.git', { kind: 'git', remote: 'https://github.com/acme/state.git', ref: DEFAULT_GIT_STATE_REF }],
    ['git+https://github.com/acme/state.git#ref=refs/shiplog/state', { kind: 'git', ref: 'refs/shiplog/state' }],
    ['git+ssh://git@github.com/acme/state.git', { kind: 'git', remote: 'ssh://git@github.com/acme/state.git' }],
    ['git+git://127.0.0.1:9418/state.git', { kind: 'git', remote: 'git://127.0.0.1:9418/state.git' }],
    [
      'postgres://ci@db.internal:5432/shiplog?sslmode=require',
      { kind: 'postgres', display: 'postgres://ci@db.internal:5432/shiplog?sslmode=require' },
    ],
    ['postgresql://ci@db.internal/shiplog', { kind: 'postgres' }],
    ['ortelius+https://deployhub.example.com/', { kind: 'ortelius', url: 'https://deployhub.example.com' }],
  ])('%s', (raw, expected) => {
    expect(parseStoreUrl(raw, CWD)).toMatchObject(expected);
  });

  it('takes credentials out of the URL: the password separately, never in display or remote', () => {
    const loc = parseStoreUrl('git+https://bot:s3cr%2Ft@github.com/acme/state.git', CWD);
    expect(loc).toMatchObject({ kind: 'git', username: 'bot', password: 's3cr/t', remote: 'https://github.com/acme/state.git' });
    expect(loc.display).not.toContain('s3cr');
    expect(loc.display).not.toContain('bot');
    const pg = parseStoreUrl('postgres://ci:pg-pass@db/shiplog', CWD);
    expect(pg).toMatchObject({ kind: 'postgres', password: 'pg-pass' });
    expect(pg.display).toBe('postgres://ci@db/shiplog');
  });

  it.each([
    ['', /is empty/],
    ['s3://bucket/state', /unknown store scheme "s3:"/],
    ['git+ftp://host/r.git', /unknown git transport "ftp"/],
    ['git+ssh:///srv/r.git', /has no host/],
    ['git+https://h/r.git?x=1', /takes no query/],
    ['git+https://h/r.git#branch=x', /unknown fragment "#branch=x"/],
    ['git+origin#ref=bad..ref', /not a valid git ref name/],
    ['postgres://db/x#frag', /takes no fragment/],
    ['ortelius+https://u:p@host', /DHUSER and DHPASS/],
    ['dir\nname', /control character/],
  ])('refuses %j with exit 2, one line', (raw, message) => {
    let err: unknown;
    try {
      parseStoreUrl(raw, CWD);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ShiplogError);
    const e = err as ShiplogError;
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain('\n');
  });

  it('a refused URL is shown without its password or token', () => {
    expect(() => parseStoreUrl('git+https://tok:en-secret@h/r.git?q=1', CWD)).toThrow(/\*\*\*@h/);
    expect(() => parseStoreUrl('git+https://tok:en-secret@h/r.git?q=1', CWD)).not.toThrow(/en-secret/);
    expect(redactStoreUrl('git+https://ghp_abcdef@github.com/a/b.git')).toBe('git+https://***@github.com/a/b.git');
    expect(redactStoreUrl('postgres://ci:pw@db/x')).toBe('postgres://ci:***@db/x');
  });
});
