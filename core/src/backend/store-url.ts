/**
 * One way to name a store (docs/store.md "Store URLs"): `--store <url>`, SHIPLOG_STORE, or `[store] url` in
 * shiplog.toml. parseStoreUrl turns the text into a typed location; a credential found inside a URL is
 * returned separately (the caller registers it as a secret) and never kept in `display`, the only form that
 * may be printed.
 *
 *   .shiplog, ./state, /abs/dir, file:///abs/dir            the embedded directory store (local)
 *   git+file:///srv/state.git  git+https://host/org/r.git    a state ref in a git remote (git)
 *   git+ssh://git@host/org/r.git  git+git://host/r.git
 *   git+origin                                              the `origin` remote of the repository at hand
 *     ...#ref=<ref>                                         default refs/heads/shiplog-state
 *   postgres://user@host:5432/db?sslmode=require            a PostgreSQL database (postgres)
 *   postgresql://...
 *   ortelius+https://host, ortelius+http://host             an Ortelius/DeployHub server (as DHURL)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';

export const DEFAULT_GIT_STATE_REF = 'refs/heads/shiplog-state';

export type StoreLocation =
  | { kind: 'local'; dir: string; display: string }
  | {
      kind: 'git';
      /** The remote as git takes it (no credentials), or 'origin' for the work repository's origin remote. */
      remote: string;
      ref: string;
      display: string;
      username?: string;
      /** A password or token found in the URL (warned about; prefer SHIPLOG_STORE_PASSWORD). */
      password?: string;
    }
  | { kind: 'postgres'; url: string; display: string; password?: string }
  | { kind: 'ortelius'; url: string; display: string };

export type StoreKindName = StoreLocation['kind'];

const GIT_TRANSPORTS = new Set(['file:', 'https:', 'http:', 'ssh:', 'git:']);

/**
 * A store URL with its credentials replaced by `***` (for messages about text that did not parse): the
 * password of any URL, and the whole user part of an http(s) URL (`https://<token>@host` is a common form).
 */
export function redactStoreUrl(raw: string): string {
  return raw.replace(/^((?:git\+)?https?:\/\/)[^/@#?]*@/i, '$1***@').replace(/(\/\/[^/@:#?]*):[^@/#?]*@/, '$1:***@');
}

function bad(raw: string, why: string, hint?: string): UsageError {
  return new UsageError(`store "${redactStoreUrl(raw)}": ${why}`, {
    hint: hint ?? 'see docs/store.md: a directory, file:///dir, git+https://host/org/repo.git, git+origin, postgres://user@host/db',
  });
}

/** Parses `#ref=<ref>` (the only fragment key); a short branch name becomes refs/heads/<name>. */
function refOf(raw: string, fragment: string): string {
  if (fragment === '') return DEFAULT_GIT_STATE_REF;
  const m = /^ref=(.+)$/.exec(fragment);
  if (!m) throw bad(raw, `unknown fragment "#${fragment}" (the only one is #ref=<git ref>)`);
  const ref = decodeURIComponent(m[1]);
  const full = ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
  // git check-ref-format's rules that matter here.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed or refused
  if (/(^|\/)\.|\.\.|[\x00-\x20\x7f~^:?*[\\]|@\{|\.lock(\/|$)|\/\/|\/$|\.$/.test(full) || full.split('/').length < 3) {
    throw bad(raw, `"${ref}" is not a valid git ref name`);
  }
  return full;
}

function splitFragment(text: string): [string, string] {
  const i = text.indexOf('#');
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}

function parseUrl(raw: string, text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw bad(raw, 'is not a valid URL');
  }
}

/** Parses a store URL or path. Relative paths resolve against `cwd`. Throws UsageError (exit 2), one line. */
export function parseStoreUrl(raw: string, cwd: string): StoreLocation {
  const text = raw.trim();
  if (text === '') throw bad(raw, 'is empty');
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed or refused
  if (/[\x00-\x1f\x7f]/.test(text)) throw bad(raw, 'contains a control character');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1]?.toLowerCase();
  // A bare path (also C:\ style drive letters are paths, not schemes).
  if (scheme === undefined || /^[A-Za-z]:[\\/]/.test(text)) {
    if (text === 'git+origin' || text.startsWith('git+origin#')) {
      const [, fragment] = splitFragment(text);
      const ref = refOf(raw, fragment);
      return { kind: 'git', remote: 'origin', ref, display: `git+origin${ref === DEFAULT_GIT_STATE_REF ? '' : `#ref=${ref}`}` };
    }
    const dir = path.resolve(cwd, text);
    return { kind: 'local', dir, display: dir };
  }
  if (scheme === 'file') {
    let dir: string;
    try {
      dir = fileURLToPath(parseUrl(raw, text));
    } catch {
      throw bad(raw, 'is not a valid file:// URL (use file:///absolute/path)');
    }
    return { kind: 'local', dir, display: dir };
  }
  if (scheme.startsWith('git+')) {
    const [body, fragment] = splitFragment(text.slice(4));
    const ref = refOf(raw, fragment);
    const u = parseUrl(raw, body);
    if (!GIT_TRANSPORTS.has(u.protocol))
      throw bad(raw, `unknown git transport "${u.protocol.slice(0, -1)}" (file, https, http, ssh or git)`);
    if (u.protocol !== 'file:' && !u.hostname) throw bad(raw, 'has no host');
    if (u.search) throw bad(raw, 'a git store URL takes no query (?...)');
    const username = u.username ? decodeURIComponent(u.username) : undefined;
    const password = u.password ? decodeURIComponent(u.password) : undefined;
    if (password !== undefined) u.password = '';
    // ssh keeps its user (git@host); http(s) credentials go to git through GIT_ASKPASS, never the URL.
    if (u.protocol === 'http:' || u.protocol === 'https:') u.username = '';
    const remote = u.protocol === 'file:' ? u.href : u.href.replace(/\/$/, u.pathname === '/' ? '' : '/');
    const http = u.protocol === 'http:' || u.protocol === 'https:';
    const shown = `git+${remote}${ref === DEFAULT_GIT_STATE_REF ? '' : `#ref=${ref}`}`;
    return {
      kind: 'git',
      remote,
      ref,
      // The user of an http(s) URL may itself be a token (https://<token>@host): never shown.
      display: shown,
      ...(username && http ? { username } : {}),
      ...(password !== undefined ? { password } : {}),
    };
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    const u = parseUrl(raw, text);
    if (u.hash) throw bad(raw, 'a postgres store URL takes no fragment (#...)');
    const password = u.password ? decodeURIComponent(u.password) : undefined;
    const shownUrl = new URL(u.href);
    shownUrl.password = '';
    return { kind: 'postgres', url: u.href, display: shownUrl.href, ...(password !== undefined ? { password } : {}) };
  }
  if (scheme === 'ortelius+https' || scheme === 'ortelius+http') {
    const u = parseUrl(raw, text.slice('ortelius+'.length));
    if (u.username || u.password) throw bad(raw, 'put the Ortelius user and password in DHUSER and DHPASS, not in the URL');
    return { kind: 'ortelius', url: u.href.replace(/\/$/, ''), display: u.href.replace(/\/$/, '') };
  }
  throw bad(raw, `unknown store scheme "${scheme}:"`);
}
