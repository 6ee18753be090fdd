import { ConfigError } from '../../errors.js';
import { componentMatches } from '../../naming.js';
import { docName } from '../local/local-document-store.js';
import { DOC_KINDS } from '../records/document-store.js';
import { ENV_ROOT, KIND_ROOT, deploymentPath, envDirPath, envStatePath } from './git-layout.js';
export async function readStatus(reader, tip, filter) {
    const paths = await envStatePaths(reader, tip, filter);
    const states = await Promise.all(paths.map((p) => reader.json(`${tip}:${p}`)));
    const out = [];
    for (const s of states) {
        if (!s)
            continue;
        // The hashed path stands for the names inside; a (theoretical) collision must not answer wrongly.
        if (filter.environment !== undefined && s.name !== filter.environment)
            continue;
        if (filter.application !== undefined && s.application !== filter.application)
            continue;
        out.push(s);
    }
    return out.sort((a, b) => cmp(a.name, b.name) || cmp(a.application, b.application));
}
export async function envStatePaths(reader, tip, filter) {
    if (filter.environment !== undefined && filter.application !== undefined)
        return [envStatePath(filter.environment, filter.application)];
    const dirs = filter.environment !== undefined
        ? [envDirPath(filter.environment)]
        : (await reader.tree(`${tip}:${ENV_ROOT}`)).filter((e) => e.mode === '40000').map((e) => `${ENV_ROOT}/${e.name}`);
    if (filter.application !== undefined) {
        const app = envStatePath('', filter.application).split('/').pop();
        return dirs.map((d) => `${d}/${app}`);
    }
    const listed = await Promise.all(dirs.map((d) => reader.tree(`${tip}:${d}`)));
    return listed.flatMap((entries, i) => entries.filter((e) => e.name.endsWith('.json')).map((e) => `${dirs[i]}/${e.name}`));
}
export async function readHistory(reader, tip, meta, filter) {
    const limit = filter.limit ?? Number.POSITIVE_INFINITY;
    const out = [];
    const filtered = filter.application !== undefined || filter.environment !== undefined || filter.component !== undefined;
    let id = meta.next.deployment - 1;
    while (id >= 1 && out.length < limit) {
        const n = Math.min(id, filtered ? 256 : Math.min(256, limit - out.length));
        const ids = Array.from({ length: n }, (_, i) => id - i);
        const batch = await Promise.all(ids.map((x) => mustDeployment(reader, tip, x)));
        for (const d of batch) {
            if (!matches(d, filter))
                continue;
            out.push(d);
            if (out.length >= limit)
                break;
        }
        id -= n;
    }
    return out;
}
async function mustDeployment(reader, tip, id) {
    const d = await reader.json(`${tip}:${deploymentPath(id)}`);
    if (!d || d.id !== id)
        throw new ConfigError(`git store is inconsistent: deployment ${id} is missing at ${tip.slice(0, 12)}`);
    return d;
}
export async function countEnvStates(reader, tip) {
    return (await envStatePaths(reader, tip, {})).length;
}
/** Every record at the tip: documents by kind, current states, then deployments oldest first. */
export async function* scanTip(reader, tip, meta) {
    for (const kind of DOC_KINDS) {
        const root = KIND_ROOT[kind];
        for (const shard of await reader.tree(`${tip}:${root}`)) {
            const files = (await reader.tree(`${tip}:${root}/${shard.name}`)).filter((e) => e.name.endsWith('.json'));
            const values = await Promise.all(files.map((f) => reader.json(f.oid)));
            for (const value of values)
                if (value !== undefined)
                    yield { type: 'doc', kind, name: docName(kind, value), value };
        }
    }
    const paths = await envStatePaths(reader, tip, {});
    for (const value of await Promise.all(paths.map((p) => reader.json(`${tip}:${p}`)))) {
        if (value)
            yield { type: 'env-state', value };
    }
    const last = meta.next.deployment - 1;
    for (let from = 1; from <= last; from += 256) {
        const ids = Array.from({ length: Math.min(256, last - from + 1) }, (_, i) => from + i);
        for (const value of await Promise.all(ids.map((x) => mustDeployment(reader, tip, x))))
            yield { type: 'deployment', value };
    }
}
function matches(d, f) {
    if (f.application !== undefined && d.application !== f.application)
        return false;
    if (f.environment !== undefined && d.environment !== f.environment)
        return false;
    if (f.component !== undefined) {
        const c = f.component;
        if (!d.componentVersions.some((cv) => componentMatches(c, cv)))
            return false;
    }
    return true;
}
function cmp(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
