/**
 * The `git` store engine: shiplog state in one ref of a git remote (docs/store-git.md). openGitStore reaches the
 * remote in place when it is a local bare repository a push would run nothing for (local-remote.ts), else
 * through git's transport with a cache (a bare repository outside the work tree, transport-remote.ts), and
 * returns a DocumentStore for RecordBackend.
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError, InvalidInputError } from '../../errors.js';
import type { Host } from '../../host.js';
import type { DocumentStore } from '../records/document-store.js';
import { ASKPASS_SCRIPT, Git, buildGitEnv } from './git-command.js';
import { ensureCache } from './git-cache.js';
import { GitDocumentStore } from './git-document-store.js';
import { LocalRemote, localBareRemote } from './local-remote.js';
import { TransportRemote } from './transport-remote.js';
import type { StoreLimits } from '../store-limits.js';

export { originRemote, type OriginRemote } from './origin-remote.js';
export { GIT_SCHEMA_VERSION, GIT_STORE_FORMAT } from './git-layout.js';
export { GitDocumentStore, TRAILER } from './git-document-store.js';

export const DEFAULT_GIT_REF = 'refs/heads/shiplog-state';

export interface GitStoreOptions {
  /** A git URL (file://, http(s)://, ssh://, git://, scp-like user@host:path) or a local path. */
  remote: string;
  /** The state ref (default refs/heads/shiplog-state); a bare name means refs/heads/<name>. */
  ref?: string;
  /** The cache repository (default: $XDG_CACHE_HOME, $RUNNER_TEMP or the temp directory + shiplog/git/<hash>). */
  cacheDir?: string;
  /** Extra git config for every git command, passed through GIT_CONFIG_COUNT/KEY_n/VALUE_n. */
  extraGitConfig?: [string, string][];
  /** Extra environment for git (e.g. GIT_SSH_COMMAND from originRemote). */
  extraEnv?: Record<string, string>;
  /** HTTP Basic credentials, handed to git through GIT_ASKPASS and an environment variable. */
  username?: string;
  password?: string;
  /** Transaction attempts when other writers keep winning the race (default 100). */
  maxAttempts?: number;
  /** Attempts for a fetch or push that failed in transit (default 4). */
  transportAttempts?: number;
  /** Back-off between attempts, ms: a random wait below a cap that doubles per attempt (default 20 and 30000). */
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /**
   * Reach a local bare repository without receive hooks in place (objects and `update-ref` in the repository
   * itself) instead of fetching and pushing through a cache (default true; tests of the transport set false).
   */
  inPlace?: boolean;
  /** A transaction starts without a fetch from a tip confirmed this recently, ms (default 5000; 0: always fetch). */
  optimisticMs?: number;
  /** The remote for messages, credentials removed (default: derived from remote). */
  displayLocation?: string;
  /** The command's deadline and response size limit (store-limits.ts): every git process and back-off within them. */
  limits?: StoreLimits;
}

export async function openGitStore(host: Host, opts: GitStoreOptions): Promise<DocumentStore> {
  const { url, username, password } = splitCredentials(opts.remote, host.cwd);
  const user = opts.username ?? username;
  let secret = opts.password ?? password;
  // https://<token>@host/...: the user is the credential; git gets it through askpass with an empty password.
  if (secret === undefined && user !== undefined && /^https?:/i.test(url)) {
    host.redactor.add(user);
    secret = '';
  }
  if (secret) host.redactor.add(secret);
  const ref = normaliseRef(opts.ref ?? DEFAULT_GIT_REF);
  const location = host.redactor.redact(opts.displayLocation ?? redactUrl(url));
  const spec = { url, ref, location };
  const tuning = {
    maxAttempts: positive(opts.maxAttempts, 100, 'maxAttempts'),
    transportAttempts: positive(opts.transportAttempts, 4, 'transportAttempts'),
    backoffMinMs: opts.backoffMinMs ?? 20,
    backoffMaxMs: opts.backoffMaxMs ?? 30_000,
    optimisticMs: opts.optimisticMs ?? 5_000,
    ...(opts.limits?.deadline ? { deadline: opts.limits.deadline } : {}),
  };
  const limits = opts.limits ?? {};
  const inPlace = opts.inPlace === false ? undefined : await localBareRemote(url);
  if (inPlace) {
    const git = new Git(buildGitEnv(host.env, { gitDir: inPlace, extraEnv: opts.extraEnv }), host, limits);
    return new GitDocumentStore(host, spec, tuning, (verify) => new LocalRemote(host, git, spec, verify));
  }
  const gitDir = opts.cacheDir ?? defaultCacheDir(host, url, ref);
  if (!isAbsolute(gitDir)) throw new InvalidInputError(`git store cache directory "${gitDir}" must be an absolute path`);
  await mkdir(gitDir, { recursive: true });
  await ensureCache(host, gitDir);
  const askpass = secret !== undefined ? await ensureAskpass(gitDir) : undefined;
  const env = buildGitEnv(host.env, {
    gitDir,
    extraGitConfig: opts.extraGitConfig,
    askpass,
    username: user,
    password: secret,
    extraEnv: opts.extraEnv,
  });
  const git = new Git(env, host, limits);
  return new GitDocumentStore(
    host,
    spec,
    tuning,
    (verify, backoff) => new TransportRemote(host, git, spec, { transportAttempts: tuning.transportAttempts, backoff }, verify),
  );
}

function positive(v: number | undefined, dflt: number, name: string): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 1) throw new InvalidInputError(`git store ${name} ${v} is not a positive integer`);
  return v;
}

export function normaliseRef(ref: string): string {
  const r = ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
  if (!/^refs\/[A-Za-z0-9._/-]+$/.test(r) || /\.\.|\/\/|\/$|\.lock$|\.$/.test(r))
    throw new InvalidInputError(`git store ref "${ref}" is not a valid ref name`);
  return r;
}

/** Takes user:password out of an http(s) URL (git gets them through askpass); a local path becomes absolute. */
export function splitCredentials(remote: string, cwd: string): { url: string; username?: string; password?: string } {
  if (!remote.trim()) throw new InvalidInputError('git store remote is empty');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(remote)) {
    let u: URL;
    try {
      u = new URL(remote);
    } catch {
      throw new ConfigError(`git store remote "${redactUrl(remote)}" is not a valid URL`);
    }
    if (!/^(https?|file|ssh|git):$/.test(u.protocol))
      throw new ConfigError(`git store remote scheme ${u.protocol} is not supported (file, http, https, ssh, git)`);
    if (/^https?:$/.test(u.protocol) && (u.username || u.password)) {
      const username = u.username ? decodeURIComponent(u.username) : undefined;
      const password = u.password ? decodeURIComponent(u.password) : undefined;
      u.username = '';
      u.password = '';
      return { url: u.toString(), username, password };
    }
    return { url: remote };
  }
  // scp-like ssh (git@host:org/repo.git) stays as is; anything else is a local path.
  if (/^[^/:]+@[^/:]+:/.test(remote) || /^[A-Za-z0-9.-]+:(?!\/)/.test(remote)) return { url: remote };
  return { url: resolve(cwd, remote) };
}

/** The URL without credentials: no userinfo for http(s), the user name only for ssh and others. */
export function redactUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^@/]*)@(.*)$/is.exec(url);
  if (!m) return url;
  const [, scheme, userinfo, rest] = m;
  if (/^https?:/i.test(scheme)) return `${scheme}${rest}`;
  return `${scheme}${userinfo.split(':')[0]}@${rest}`;
}

function defaultCacheDir(host: Host, url: string, ref: string): string {
  const key = createHash('sha256').update(`${url}\n${ref}`, 'utf8').digest('hex').slice(0, 32);
  const env = host.env;
  const root = env.XDG_CACHE_HOME || env.RUNNER_TEMP || env.TMPDIR || tmpdir();
  return join(root, 'shiplog', 'git', key);
}

async function ensureAskpass(gitDir: string): Promise<string> {
  const path = join(gitDir, 'shiplog-askpass.sh');
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current !== ASKPASS_SCRIPT) {
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, ASKPASS_SCRIPT, { mode: 0o700 });
    await chmod(tmp, 0o700);
    await rename(tmp, path);
  }
  return path;
}
