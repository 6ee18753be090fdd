/**
 * Opens the engine a store URL names (local directory, git remote, PostgreSQL database) as a DocumentStore,
 * and the RecordBackend over it. Each engine is imported only when used.
 */
import { UsageError } from '../errors.js';
import type { Host } from '../host.js';
import type { Backend } from './backend.js';
import type { BackendOptions } from './open.js';
import type { DocumentStore } from './records/document-store.js';
import type { StoreLocation } from './store-url.js';
import { isLoopback } from './loopback.js';
import type { StoreLimits } from './store-limits.js';

type EngineLocation = Exclude<StoreLocation, { kind: 'ortelius' }>;

export async function openDocumentStore(
  host: Host,
  loc: StoreLocation,
  opts: Pick<BackendOptions, 'storePassword' | 'deadline' | 'maxResponseBytes'> = {},
): Promise<DocumentStore> {
  // The command's deadline and response size limit bound the git and postgres conversations (store-limits.ts).
  const limits: StoreLimits = {
    ...(opts.deadline ? { deadline: opts.deadline } : {}),
    ...(opts.maxResponseBytes ? { maxResponseBytes: opts.maxResponseBytes } : {}),
  };
  switch (loc.kind) {
    case 'local': {
      const { openLocalDocumentStore } = await import('./local/index.js');
      return openLocalDocumentStore(host, { stateDir: loc.dir });
    }
    case 'git': {
      const { openGitStore, originRemote } = await import('./git/index.js');
      const password = loc.password ?? opts.storePassword;
      if (loc.remote === 'origin') {
        const origin = await originRemote(host, host.cwd);
        return openGitStore(host, {
          remote: origin.remote,
          ref: loc.ref,
          extraGitConfig: origin.extraGitConfig,
          extraEnv: origin.extraEnv,
          limits,
          ...(password ? { password, username: loc.username ?? 'x-access-token' } : {}),
        });
      }
      warnPlainHttp(host, loc.remote, password);
      return openGitStore(host, {
        remote: loc.remote,
        ref: loc.ref,
        displayLocation: loc.display,
        limits,
        ...(loc.username ? { username: loc.username } : {}),
        ...(password ? { password, ...(loc.username ? {} : { username: 'x-access-token' }) } : {}),
      });
    }
    case 'postgres': {
      const { openPostgresStore } = await import('./postgres/index.js');
      return openPostgresStore(host, { url: loc.url, limits, ...(opts.storePassword ? { storePassword: opts.storePassword } : {}) });
    }
    case 'ortelius':
      throw new UsageError(`${loc.display} is an Ortelius server, not a store shiplog can copy or check`, {
        hint: 'store copy and store check work on local, git and postgres stores',
      });
  }
}

/** A password or token for a git remote over plain http to another machine crosses the network readable. */
export function warnPlainHttp(host: Host, remote: string, password: string | undefined): void {
  if (!password || !/^http:\/\//i.test(remote)) return;
  let hostname: string;
  try {
    hostname = new URL(remote).hostname;
  } catch {
    return;
  }
  if (!isLoopback(hostname))
    host.log.warn(`the store password goes to ${hostname} over plain http, readable on the way: use an https store URL`);
}

export async function openStoreBackend(host: Host, loc: EngineLocation, opts: BackendOptions): Promise<Backend> {
  const { RecordBackend } = await import('./records/record-backend.js');
  return new RecordBackend(host, await openDocumentStore(host, loc, opts));
}
