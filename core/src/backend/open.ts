/**
 * Opens the backend a command runs against: `--backend` / SHIPLOG_BACKEND, else `ortelius` when a server URL
 * (--dhurl / DHURL) is set, else the embedded `local` store in --state-dir (resolved against host.cwd).
 * Both implementations are loaded lazily, so commands that never touch a backend do not pay for them.
 */
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Host } from '../host.js';
import type { Backend, BackendKind } from './backend.js';

export interface BackendOptions {
  backend?: BackendKind;
  /** Embedded store directory (local). Default `.shiplog`. */
  stateDir?: string;
  dhurl?: string;
  dhuser?: string;
  dhpass?: string;
  caCert?: string;
  insecure?: boolean;
  /** Per-request timeout for the ortelius backend. */
  timeoutMs?: number;
}

/** Which backend the options select (without opening it). */
export function selectBackend(opts: BackendOptions): BackendKind {
  if (opts.backend) return opts.backend;
  return opts.dhurl ? 'ortelius' : 'local';
}

/** The absolute store directory of the local backend. */
export function stateDirOf(host: Host, opts: BackendOptions): string {
  return path.resolve(host.cwd, opts.stateDir || '.shiplog');
}

export async function openBackend(host: Host, opts: BackendOptions): Promise<Backend> {
  const kind = selectBackend(opts);
  if (kind === 'local') {
    const { openLocalBackend } = await import('./local/index.js');
    return openLocalBackend(host, { stateDir: stateDirOf(host, opts) });
  }
  if (!opts.dhurl) {
    throw new UsageError('the ortelius backend needs a server URL: --dhurl (or DHURL)', {
      hint: 'set DHURL, DHUSER and DHPASS in the environment, or use --backend local',
    });
  }
  // Missing user/password are authentication errors (exit 3), reported by the backend itself.
  const { openOrteliusBackend } = await import('./ortelius/index.js');
  return openOrteliusBackend(host, {
    url: opts.dhurl,
    user: opts.dhuser,
    password: opts.dhpass,
    ...(opts.caCert ? { caCert: opts.caCert } : {}),
    insecure: opts.insecure === true,
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
  });
}
