/**
 * `[store] url = "..."` in shiplog.toml: the store a team shares, written down once beside its pipeline.
 * Only the `url` key is read here; the pipeline config (pipeline-config.ts) ignores the table.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseToml } from 'smol-toml';
import { ConfigError } from '../errors.js';

/** The store URL of a config file, or undefined (no file, no [store] table). */
export async function storeUrlFromConfig(file: string | undefined): Promise<string | undefined> {
  if (!file) return undefined;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined; // the pipeline config reports an unreadable file
  }
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch {
    return undefined; // ditto: the pipeline config names the TOML error
  }
  const store = doc.store;
  if (store === undefined) return undefined;
  const problems: string[] = [];
  if (typeof store !== 'object' || store === null || Array.isArray(store)) problems.push('[store] must be a table');
  else {
    for (const k of Object.keys(store)) if (k !== 'url') problems.push(`[store] has an unknown key "${k}" (only url)`);
    const url = (store as Record<string, unknown>).url;
    if (url !== undefined && (typeof url !== 'string' || url.trim() === '')) problems.push('[store] url must be a non-empty string');
    if (problems.length === 0) return url as string | undefined;
  }
  throw new ConfigError(`${file}: ${problems.join('; ')}`);
}
