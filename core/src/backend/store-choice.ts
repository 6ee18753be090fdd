/**
 * Which store a command uses (docs/store.md "Choosing the store"), decided once from the resolved inputs:
 *
 *   1. --store / SHIPLOG_STORE                     (flag > env, as for every input)
 *   2. --state-dir / SHIPLOG_STATE_DIR             (the older spelling of a local store's directory)
 *   3. --backend / SHIPLOG_BACKEND, --dhurl / DHURL  (an explicit backend or an Ortelius server)
 *   4. `[store] url` in shiplog.toml               (--config, else the shiplog.toml discovered upward)
 *   5. the `.shiplog/` directory discovered from the working directory up to the work tree's root
 *
 * A relative path in shiplog.toml is relative to that file, so every command in a repository agrees on it.
 */
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Host } from '../host.js';
import type { BackendOptions } from './open.js';
import { storeUrlFromConfig } from './store-config.js';
import { parseStoreUrl } from './store-url.js';

/** Where the chosen store came from (reported in JSON results and `store info`). */
export type StoreSource = 'flag' | 'env' | 'config' | 'state-dir' | 'backend' | 'discovered';

export interface StoreChoice {
  /** The options to open the backend with: `store` is set whenever a store URL or directory was named. */
  opts: BackendOptions;
  source: StoreSource;
}

type Source = 'given' | 'env' | 'default' | undefined;

export interface StoreInputs {
  values: Readonly<Record<string, unknown>>;
  sources: Readonly<Record<string, Source>>;
}

const explicit = (s: Source) => s === 'given' || s === 'env';

/** Turns the store-related inputs (and the config file's [store] table) into backend options. */
export async function chooseStore(host: Host, inputs: StoreInputs, configFile: string | undefined): Promise<StoreChoice> {
  const v = inputs.values;
  const s = inputs.sources;
  const opts: BackendOptions = {
    backend: v.backend as BackendOptions['backend'],
    storePassword: v['store-password'] as string | undefined,
    dhurl: v.dhurl as string | undefined,
    dhuser: v.dhuser as string | undefined,
    dhpass: v.dhpass as string | undefined,
    caCert: v['ca-cert'] as string | undefined,
    insecure: v.insecure === true,
  };
  const store = typeof v.store === 'string' && v.store.trim() !== '' ? v.store : undefined;
  const stateDir = explicit(s['state-dir']) && typeof v['state-dir'] === 'string' ? path.resolve(host.cwd, v['state-dir']) : undefined;
  if (store !== undefined) {
    if (stateDir !== undefined) {
      const loc = parseStoreUrl(store, host.cwd);
      if (loc.kind !== 'local' || loc.dir !== stateDir) {
        throw new UsageError(`--store ${loc.display} and --state-dir ${stateDir} name different stores`, {
          hint: 'give one of them (--state-dir is the older spelling of --store <directory>)',
        });
      }
    }
    return { opts: { ...opts, store }, source: s.store === 'env' ? 'env' : 'flag' };
  }
  if (stateDir !== undefined) return { opts: { ...opts, store: stateDir }, source: 'state-dir' };
  if (explicit(s.backend) || explicit(s.dhurl)) return { opts, source: 'backend' };
  const fromFile = await storeUrlFromConfig(configFile);
  if (fromFile !== undefined && configFile !== undefined) {
    const loc = parseStoreUrl(fromFile, path.dirname(path.resolve(host.cwd, configFile)));
    return { opts: { ...opts, store: loc.kind === 'local' ? loc.dir : fromFile }, source: 'config' };
  }
  return { opts, source: 'discovered' };
}

/**
 * A password or token inside a store URL: registered as a secret before anything can print it, and warned
 * about once (SHIPLOG_STORE_PASSWORD or PGPASSWORD keep it out of URLs, logs and shell history).
 */
export function registerStoreUrlSecrets(host: Host, store: string | undefined): void {
  if (!store) return;
  let loc;
  try {
    loc = parseStoreUrl(store, host.cwd);
  } catch {
    // The parse error is reported when the store is opened; its message shows the URL redacted.
    return;
  }
  const found: string[] = [];
  if ((loc.kind === 'git' || loc.kind === 'postgres') && loc.password !== undefined) found.push(loc.password);
  // `https://<token>@host`: the user part of an http(s) URL may itself be a token (a user name is short).
  if (loc.kind === 'git' && loc.username !== undefined && loc.password === undefined && loc.username.length >= 16) found.push(loc.username);
  if (found.length === 0) return;
  // The Redactor masks every registered secret's URL-encoded and base64 forms too.
  for (const secret of found) host.redactor.add(secret);
  host.log.warn(
    'the store URL holds a password or token: it is never printed, but prefer SHIPLOG_STORE_PASSWORD (or PGPASSWORD for postgres)',
  );
}
