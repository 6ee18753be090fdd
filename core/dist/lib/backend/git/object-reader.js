/**
 * Reads objects from the cache repository through one long-lived `git cat-file --batch` process: a request is
 * one line (`<commit>:<path>`), answers come back in order, so many reads can be in flight at once (history
 * and scan pipeline hundreds). Trees are parsed here (mode, name, 20-byte id entries).
 */
import { spawn } from 'node:child_process';
import { BackendError } from '../../errors.js';
export class ObjectReader {
    env;
    child;
    queue = [];
    buf = Buffer.alloc(0);
    failed;
    constructor(env) {
        this.env = env;
    }
    start() {
        if (this.child)
            return this.child;
        this.failed = undefined;
        const child = spawn('git', ['cat-file', '--batch'], { env: this.env, stdio: ['pipe', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (s) => (stderr += s));
        child.stdout.on('data', (b) => {
            this.buf = this.buf.length ? Buffer.concat([this.buf, b]) : b;
            this.drain();
        });
        child.stdin.on('error', () => undefined);
        const fail = (e) => {
            this.failed = e;
            this.child = undefined;
            const q = this.queue;
            this.queue = [];
            this.buf = Buffer.alloc(0);
            for (const p of q)
                p.reject(e);
        };
        child.on('error', (e) => fail(new BackendError(`cannot run git cat-file: ${e.message}`, { cause: e })));
        child.on('close', (code) => {
            if (this.child === child || this.queue.length)
                fail(new BackendError(`git cat-file ended (exit ${code}): ${stderr.trim().slice(-300)}`));
        });
        this.child = child;
        return child;
    }
    drain() {
        while (this.queue.length) {
            const nl = this.buf.indexOf(10);
            if (nl < 0)
                return;
            const header = this.buf.subarray(0, nl).toString('utf8');
            if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
                this.buf = this.buf.subarray(nl + 1);
                this.queue.shift().resolve(undefined);
                continue;
            }
            const m = /^[0-9a-f]+ (\S+) (\d+)$/.exec(header);
            if (!m) {
                this.queue.shift().reject(new BackendError(`git cat-file answered "${header.slice(0, 100)}"`));
                this.buf = this.buf.subarray(nl + 1);
                continue;
            }
            const size = Number(m[2]);
            if (this.buf.length < nl + 1 + size + 1)
                return;
            const data = Buffer.from(this.buf.subarray(nl + 1, nl + 1 + size));
            this.buf = this.buf.subarray(nl + 1 + size + 1);
            this.queue.shift().resolve({ type: m[1], data });
        }
    }
    /** The object named `<commit>:<path>` (or any object name); undefined when it does not exist. */
    get(name) {
        if (name.includes('\n'))
            return Promise.reject(new BackendError('object name with a newline'));
        const child = this.start();
        return new Promise((resolve, reject) => {
            this.queue.push({ resolve, reject });
            child.stdin.write(`${name}\n`);
        });
    }
    async blob(name) {
        const o = await this.get(name);
        return o && o.type === 'blob' ? o.data : undefined;
    }
    async json(name) {
        const b = await this.blob(name);
        if (!b)
            return undefined;
        try {
            return JSON.parse(b.toString('utf8'));
        }
        catch {
            throw new BackendError(`git store object ${name} is not valid JSON`);
        }
    }
    /** The entries of the tree `<commit>:<path>`, sorted by name; [] when absent. */
    async tree(name) {
        const o = await this.get(name);
        return o && o.type === 'tree' ? parseTree(o.data) : [];
    }
    async close() {
        const child = this.child;
        if (!child)
            return;
        this.child = undefined;
        await new Promise((resolve) => {
            child.once('close', () => resolve());
            child.stdin.end();
        });
    }
}
export function parseTree(data) {
    const out = [];
    let i = 0;
    while (i < data.length) {
        const sp = data.indexOf(32, i);
        const nul = data.indexOf(0, sp);
        if (sp < 0 || nul < 0 || nul + 21 > data.length)
            throw new BackendError('git store: malformed tree object');
        out.push({
            mode: data.subarray(i, sp).toString('utf8'),
            name: data.subarray(sp + 1, nul).toString('utf8'),
            oid: data.subarray(nul + 1, nul + 21).toString('hex'),
        });
        i = nul + 21;
    }
    return out;
}
