/**
 * `[store] url = "..."` in shiplog.toml: the store a team shares, written down once beside its pipeline.
 * Only the `url` key is read here; the pipeline config (pipeline-config.ts) ignores the table.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseToml } from 'smol-toml';
import { ConfigError } from '../errors.js';
/** The store URL of a config file, or undefined (no file, no [store] table). */
export async function storeUrlFromConfig(file) {
    if (!file)
        return undefined;
    let text;
    try {
        text = await readFile(file, 'utf8');
    }
    catch {
        return undefined; // the pipeline config reports an unreadable file
    }
    let doc;
    try {
        doc = parseToml(text);
    }
    catch {
        return undefined; // ditto: the pipeline config names the TOML error
    }
    const store = doc.store;
    if (store === undefined)
        return undefined;
    const problems = [];
    if (typeof store !== 'object' || store === null || Array.isArray(store))
        problems.push('[store] must be a table');
    else {
        for (const k of Object.keys(store))
            if (k !== 'url')
                problems.push(`[store] has an unknown key "${k}" (only url)`);
        const url = store.url;
        if (url !== undefined && (typeof url !== 'string' || url.trim() === ''))
            problems.push('[store] url must be a non-empty string');
        if (problems.length === 0)
            return url;
    }
    throw new ConfigError(`${file}: ${problems.join('; ')}`);
}
