/**
 * Running the `git` binary for the git store: argv only (no shell), a controlled environment, and one place
 * that turns git's stderr into the error catalogue.
 *
 * The environment is built from scratch, not inherited: the user's global and system config (credential
 * helpers, insteadOf rewrites, hooks, signing) cannot change what the store does. What ssh needs is kept
 * (HOME for ~/.ssh, SSH_AUTH_SOCK, GIT_SSH_COMMAND), as are proxy and CA settings. Credentials reach git only
 * through this environment: GIT_CONFIG_COUNT/KEY_n/VALUE_n (e.g. an `http.<url>.extraheader` that
 * actions/checkout set up) and GIT_ASKPASS, a script that prints a secret held in an environment variable.
 */
import { spawn } from 'node:child_process';
import type { Env, Host } from '../../host.js';
import { AuthError, BackendError } from '../../errors.js';
import { responseTooLarge } from '../../response-limit.js';
import { stopProcessGroup, type StoreLimits } from '../store-limits.js';

/** Variables passed through from the host environment when set (ssh, proxies, TLS trust, locale-free). */
const PASS_THROUGH = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'TMPDIR',
  'SYSTEMROOT',
  'SSH_AUTH_SOCK',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_SSH_VARIANT',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
  'GIT_SSL_NO_VERIFY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'all_proxy',
  'GIT_TRACE',
  'GIT_TRACE_PACKET',
  'GIT_CURL_VERBOSE',
];

/** Config every store command runs with (through the environment: nothing is written to a config file). */
const BASE_CONFIG: [string, string][] = [
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
  ['core.logAllRefUpdates', 'false'],
  ['fetch.writeCommitGraph', 'false'],
  ['advice.detachedHead', 'false'],
  ['protocol.version', '2'],
  ['push.gpgSign', 'false'],
  ['commit.gpgSign', 'false'],
  ['credential.helper', ''],
];

export const ASKPASS_USER_VAR = 'SHIPLOG_GIT_USERNAME';
export const ASKPASS_PASSWORD_VAR = 'SHIPLOG_GIT_PASSWORD';

export interface GitEnvOptions {
  /** The repository git works on (GIT_DIR); absent: git finds it from the working directory. */
  gitDir?: string;
  extraGitConfig?: [string, string][];
  /** Path of the askpass script (set when a password is given). */
  askpass?: string;
  username?: string;
  password?: string;
  /** Extra variables (e.g. GIT_SSH_COMMAND from the work repository's core.sshCommand). */
  extraEnv?: Record<string, string>;
}

export function buildGitEnv(hostEnv: Env, opts: GitEnvOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of PASS_THROUGH) {
    const v = hostEnv[k];
    if (v !== undefined) env[k] = v;
  }
  Object.assign(env, opts.extraEnv ?? {});
  if (opts.gitDir) env.GIT_DIR = opts.gitDir;
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_CONFIG_NOSYSTEM = '1';
  env.GIT_CONFIG_GLOBAL = '/dev/null';
  env.LC_ALL = 'C';
  env.LANG = 'C';
  // An empty SSH_ASKPASS and the batch-mode hint keep ssh from prompting on a terminal.
  env.SSH_ASKPASS = opts.askpass ?? '';
  if (!env.GIT_SSH_COMMAND && !env.GIT_SSH) env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes';
  const config = [...BASE_CONFIG, ...(opts.extraGitConfig ?? [])];
  env.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([k, v], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = k;
    env[`GIT_CONFIG_VALUE_${i}`] = v;
  });
  if (opts.askpass && opts.password !== undefined) {
    env.GIT_ASKPASS = opts.askpass;
    env[ASKPASS_PASSWORD_VAR] = opts.password;
    env[ASKPASS_USER_VAR] = opts.username ?? 'x-access-token';
  } else {
    // No prompt program at all: git fails at once with "could not read Username" instead of hanging.
    env.GIT_ASKPASS = 'true';
  }
  return env;
}

/** The askpass script: prints the username or the password from the environment (it holds no secret itself). */
export const ASKPASS_SCRIPT = `#!/bin/sh
case "$1" in
  [Uu]sername*) printf '%s\\n' "$${ASKPASS_USER_VAR}" ;;
  *) printf '%s\\n' "$${ASKPASS_PASSWORD_VAR}" ;;
esac
`;

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export class Git {
  constructor(
    readonly env: Record<string, string>,
    private readonly host: Host,
    /** The command's deadline and response size limit (store-limits.ts): every git process runs within them. */
    readonly limits: StoreLimits = {},
  ) {}

  /**
   * Runs git in its own process group. At the deadline the group is stopped (SIGTERM, so git removes its lock
   * and temporary files, then SIGKILL) and the run fails with TimeoutError naming the command; an output larger
   * than the response size limit stops it the same way with ResponseTooLargeError (exit 4).
   */
  run(args: string[], input?: Buffer | string, cwd?: string): Promise<GitResult> {
    const { deadline, maxResponseBytes } = this.limits;
    const what = `git store: git ${args[0]}`;
    if (deadline?.expired) return Promise.reject(deadline.error(`${what} not started`));
    return new Promise((resolve, reject) => {
      const child = spawn('git', args, { env: this.env, cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let seen = 0;
      let stopped: Error | undefined;
      const stop = (e: Error) => {
        if (stopped) return;
        stopped = e;
        stopProcessGroup(child);
      };
      const onDeadline = () => stop(deadline!.error(`${what} did not finish`));
      deadline?.signal.addEventListener('abort', onDeadline, { once: true });
      child.stdout.on('data', (b: Buffer) => {
        seen += b.length;
        if (maxResponseBytes !== undefined && seen > maxResponseBytes) stop(responseTooLarge(`${what} (its output)`, maxResponseBytes));
        else if (!stopped) out.push(b);
      });
      child.stderr.on('data', (b: Buffer) => {
        if (err.length < 256) err.push(b);
      });
      child.on('error', (e) => {
        deadline?.signal.removeEventListener('abort', onDeadline);
        reject(new BackendError(`cannot run git: ${e.message}`, { cause: e, hint: 'install git (2.39 or newer) and put it on PATH' }));
      });
      child.stdin.on('error', () => undefined);
      child.on('close', (code, signal) => {
        deadline?.signal.removeEventListener('abort', onDeadline);
        if (stopped) return reject(stopped);
        resolve({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') });
      });
      child.stdin.end(input ?? '');
    });
  }

  /** Runs git and returns stdout; a failure becomes a BackendError naming what failed. */
  async ok(args: string[], input?: Buffer | string): Promise<string> {
    const r = await this.run(args, input);
    if (r.code !== 0) throw new BackendError(`git ${args[0]} failed: ${this.tail(r.stderr)}`);
    return r.stdout.toString('utf8');
  }

  /** The last meaningful lines of git's stderr, one line, redacted. */
  tail(stderr: string): string {
    const lines = stderr
      .split('\n')
      .map((l) => l.trim())
      // git's hints and the boilerplate it adds to every failed remote conversation name no cause
      .filter(
        (l) => l && !/^hint:/.test(l) && !/^(Please make sure you have the correct access rights|and the repository exists\.)$/.test(l),
      );
    return this.host.redactor.redact(lines.slice(-3).join(' / ') || 'no message');
  }
}

export type TransportFailure = 'auth' | 'unreachable' | 'transient' | 'other';

/** What a failed fetch or push says about the remote. */
export function classifyTransport(stderr: string): TransportFailure {
  const s = stderr;
  if (
    /Authentication failed|could not read (Username|Password)|terminal prompts disabled|returned error: 40[13]|HTTP 40[13]|Permission denied \(publickey|Invalid username or password|invalid credentials|access denied|401 Unauthorized/i.test(
      s,
    )
  ) {
    return 'auth';
  }
  if (
    /Connection (reset|timed out)|hung up unexpectedly|early EOF|returned error: 5\d\d|HTTP 5\d\d|RPC failed|Operation timed out|unexpected disconnect|transfer closed|Empty reply/i.test(
      s,
    )
  ) {
    return 'transient';
  }
  if (
    /Could not resolve host|Connection refused|Failed to connect|unable to connect|unable to access|does not appear to be a git repository|Could not read from remote repository|not found|No such file or directory|unable to look up|Name or service not known|No route to host|Network is unreachable/i.test(
      s,
    )
  ) {
    // A refused connection may be a restart: retried a few times like a reset.
    return /Connection refused|Failed to connect|unable to connect/i.test(s) ? 'transient' : 'unreachable';
  }
  return 'other';
}

export function transportError(kind: TransportFailure, what: string, location: string, detail: string): BackendError | AuthError {
  if (kind === 'auth') {
    return new AuthError(`git store ${location}: ${what} was refused: authentication failed (${detail})`, {
      hint: 'check the token or password (SHIPLOG_STORE_PASSWORD) and its permission to read and write the repository, or the SSH key (agent, GIT_SSH_COMMAND)',
    });
  }
  return new BackendError(`git store ${location}: ${what} failed: ${detail}`, { hint: transportHint(detail) });
}

/** What to check, from what git said. */
function transportHint(detail: string): string {
  if (/Host key verification failed/i.test(detail))
    return "add the server's SSH host key to known_hosts on this runner (ssh-keyscan <host>)";
  if (/not found|does not appear to be a git repository|No such file or directory/i.test(detail)) {
    return 'check the remote URL and that the repository exists; a host that hides private repositories also answers "not found" when these credentials may not read it';
  }
  return 'check that the remote URL is right and the host is reachable from this runner (DNS, firewall, proxy settings)';
}
