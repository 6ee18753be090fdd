/**
 * Where a command finds its config and its store when none is named (docs/store.md "Discovery"), like git
 * finds its repository: from the working directory upward to the root of the git work tree it is in, the
 * first `shiplog.toml` is the config and the first `.shiplog/` directory the store. Outside a work tree only
 * the working directory itself is looked at, so a stray file in a parent directory is never picked up.
 * Without a `.shiplog/` found, a new store goes beside the config found, else at the work tree's root, else in
 * the working directory: every command run anywhere in one repository uses the same store and config.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
export const CONFIG_FILE = 'shiplog.toml';
export const STATE_DIR = '.shiplog';
/** The directories searched, nearest first: cwd up to the work tree root (just cwd outside one). */
export function searchDirs(cwd) {
    const dirs = [];
    let dir = path.resolve(cwd);
    for (;;) {
        dirs.push(dir);
        if (existsSync(path.join(dir, '.git')))
            return dirs;
        const parent = path.dirname(dir);
        if (parent === dir)
            return [path.resolve(cwd)];
        dir = parent;
    }
}
function isDir(p) {
    try {
        return statSync(p).isDirectory();
    }
    catch {
        return false;
    }
}
function isFile(p) {
    try {
        return statSync(p).isFile();
    }
    catch {
        return false;
    }
}
/** The nearest shiplog.toml, or undefined. */
export function discoverConfig(cwd) {
    for (const d of searchDirs(cwd))
        if (isFile(path.join(d, CONFIG_FILE)))
            return path.join(d, CONFIG_FILE);
    return undefined;
}
/** The store directory a command uses when none is named (see the file comment). */
export function discoverStateDir(cwd) {
    const dirs = searchDirs(cwd);
    for (const d of dirs)
        if (isDir(path.join(d, STATE_DIR)))
            return path.join(d, STATE_DIR);
    const config = discoverConfig(cwd);
    return path.join(config ? path.dirname(config) : dirs[dirs.length - 1], STATE_DIR);
}
