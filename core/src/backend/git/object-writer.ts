/**
 * Writes the objects of one store commit into the cache repository, in process: blobs for the changed
 * documents, the trees on their paths (every other entry is copied from the parent's trees, read through the
 * ObjectReader), and the commit. Objects are stored in git's loose format (zlib of "<type> <size>\0<bytes>",
 * named by the SHA-1 of that), exactly the files `git hash-object -w` / `mktree` / `commit-tree` write, with
 * git's own recipe: a temporary file in the object's directory, then link(2) to its name (an existing object
 * is kept). One git process per tree level would cost more than the whole operation; no index, no work tree
 * and no ref is involved. `git fsck` checks the result in the tests.
 */
import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { BackendError } from '../../errors.js';
import type { ObjectReader, TreeEntry } from './object-reader.js';

const BLOB_MODE = '100644';
const TREE_MODE = '40000';

export interface CommitSpec {
  /** The parent commit (absent for the first commit of a store). */
  parent?: string;
  /** Files to add or replace, by path (no deletions: the store never deletes a document). */
  files: Map<string, Buffer>;
  message: string;
  /** Seconds since the epoch, UTC. */
  when: number;
}

export class ObjectWriter {
  private readonly dirs = new Set<string>();

  constructor(
    private readonly gitDir: string,
    private readonly reader: ObjectReader,
  ) {}

  /** Writes the blobs, trees and commit; returns the commit's id. */
  async commit(spec: CommitSpec): Promise<string> {
    const root = await this.tree('', spec.parent, groupByDirectory(spec.files));
    const ident = `shiplog <shiplog@localhost> ${spec.when} +0000`;
    const text = [
      `tree ${root}`,
      ...(spec.parent ? [`parent ${spec.parent}`] : []),
      `author ${ident}`,
      `committer ${ident}`,
      '',
      spec.message,
    ].join('\n');
    return this.write('commit', Buffer.from(text, 'utf8'));
  }

  /** The new tree at `dir`: the parent's entries with the changed files and rewritten subtrees put in. */
  private async tree(dir: string, parent: string | undefined, node: DirNode): Promise<string> {
    const entries = new Map<string, { mode: string; oid: string }>();
    if (parent) for (const e of await this.reader.tree(`${parent}:${dir}`)) entries.set(e.name, { mode: e.mode, oid: e.oid });
    const subtrees = await Promise.all(
      [...node.dirs].map(async ([name, child]) => {
        const existing = entries.get(name);
        const base = existing?.mode === TREE_MODE ? parent : undefined;
        return [name, await this.tree(dir ? `${dir}/${name}` : name, base, child)] as const;
      }),
    );
    for (const [name, oid] of subtrees) entries.set(name, { mode: TREE_MODE, oid });
    const blobs = await Promise.all([...node.files].map(async ([name, data]) => [name, await this.write('blob', data)] as const));
    for (const [name, oid] of blobs) entries.set(name, { mode: BLOB_MODE, oid });
    return this.write('tree', serialiseTree([...entries].map(([name, e]) => ({ name, ...e }))));
  }

  /** Stores one object (if it is not there yet); returns its id. */
  async write(type: 'blob' | 'tree' | 'commit', data: Buffer): Promise<string> {
    const body = Buffer.concat([Buffer.from(`${type} ${data.length}\0`, 'utf8'), data]);
    const oid = createHash('sha1').update(body).digest('hex');
    const dir = join(this.gitDir, 'objects', oid.slice(0, 2));
    const file = join(dir, oid.slice(2));
    if (await exists(file)) return oid;
    if (!this.dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.dirs.add(dir);
    }
    const tmp = join(dir, `tmp_obj_${process.pid}_${randomBytes(6).toString('hex')}`);
    try {
      await writeFile(tmp, deflateSync(body, { level: 1 }), { mode: 0o444 });
      await link(tmp, file).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e;
      });
    } catch (e) {
      throw new BackendError(`git store cache ${this.gitDir}: cannot write an object: ${(e as Error).message}`, {
        cause: e,
        hint: 'check that the cache directory is writable and the disk is not full',
      });
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
    return oid;
  }
}

interface DirNode {
  files: Map<string, Buffer>;
  dirs: Map<string, DirNode>;
}

function groupByDirectory(files: Map<string, Buffer>): DirNode {
  const root: DirNode = { files: new Map(), dirs: new Map() };
  for (const [path, data] of files) {
    const parts = path.split('/');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      let next = node.dirs.get(part);
      if (!next) node.dirs.set(part, (next = { files: new Map(), dirs: new Map() }));
      node = next;
    }
    node.files.set(parts[parts.length - 1], data);
  }
  return root;
}

/** A tree object: entries in git's order (by name bytes, a directory compared as if its name ended in "/"). */
export function serialiseTree(entries: TreeEntry[]): Buffer {
  const key = (e: TreeEntry) => Buffer.from(e.mode === TREE_MODE ? `${e.name}/` : e.name, 'utf8');
  const sorted = entries.map((e) => ({ e, k: key(e) })).sort((a, b) => Buffer.compare(a.k, b.k));
  return Buffer.concat(sorted.flatMap(({ e }) => [Buffer.from(`${e.mode} ${e.name}\0`, 'utf8'), Buffer.from(e.oid, 'hex')]));
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
