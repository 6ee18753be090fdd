/**
 * The git store as a DocumentStore: the state is the tree of one ref in a git remote (git-layout.ts); every
 * operation starts from the remote tip and ends in one commit pushed with a compare-and-swap.
 *
 * A transaction: fetch the tip (shallow) -> run fn against it, staging writes in memory -> write one commit
 * whose parent is that tip -> `push --force-with-lease=<ref>:<tip>`. When another writer got there first the
 * push is refused; the whole fn runs again from the new tip (re-read, re-check, re-allocate ids), with
 * jittered back-off, up to maxAttempts. Nothing is ever merged, so ids stay dense and no record is lost or
 * doubled. A push whose outcome is unknown (the connection dropped) is recognised on the next attempt by its
 * operation attempt id in meta.json's `recent` list, so it is not applied twice.
 *
 * Commits are written with one `git fast-import` process per operation (not hash-object + mktree +
 * commit-tree): it takes the changed files inline, loads from the parent only the trees on the changed paths,
 * writes the blobs, trees and the commit in one go and prints the commit id: one process instead of one per
 * tree level, and no index or checkout anywhere.
 */
import { randomBytes } from 'node:crypto';
import { BackendError, ConfigError, SchemaVersionError } from '../../errors.js';
import { GIT_SCHEMA_VERSION, GIT_STORE_FORMAT, META_PATH, RECENT_OPS, SCHEMA_PATH, deploymentPath, docPath, emptyGitMeta, envStatePath, } from './git-layout.js';
import { countEnvStates, readHistory, readStatus, scanTip } from './git-queries.js';
import { TIP_REF_PREFIX, fetchFailure, fetchTip, pushIfUnchanged } from './git-remote.js';
export const TRAILER = 'Shiplog-Operation';
export class GitDocumentStore {
    host;
    git;
    reader;
    remote;
    tuning;
    kind = 'git';
    location;
    verified = new Set();
    workRef;
    tipRef;
    lastTip;
    inflight;
    usedWorkRef = false;
    fetched = false;
    constructor(host, git, reader, remote, tuning) {
        this.host = host;
        this.git = git;
        this.reader = reader;
        this.remote = remote;
        this.tuning = tuning;
        this.location = remote.location;
        const instance = `${process.pid}-${randomBytes(4).toString('hex')}`;
        this.workRef = `refs/shiplog/txn/${instance}`;
        this.tipRef = `${TIP_REF_PREFIX}${instance}`;
    }
    // ---- reading ----------------------------------------------------------------------------------------
    /** Fetches the remote tip into the cache (concurrent callers share one fetch) and checks its format. */
    refresh() {
        this.inflight ??= this.fetchVerified().finally(() => (this.inflight = undefined));
        return this.inflight;
    }
    async fetchVerified() {
        let locked = 0;
        for (let attempt = 1;; attempt++) {
            const res = await fetchTip(this.git, this.gitDir, this.remote, this.tipRef);
            if ('tip' in res) {
                if (res.tip)
                    await this.verify(res.tip);
                this.lastTip = res.tip;
                this.fetched = true;
                return res.tip;
            }
            // Another process sharing this cache holds a lock (its shallow file): wait for it, without using up the
            // attempts meant for an unreachable server.
            if (res.failure === 'locked' && ++locked < 100) {
                attempt--;
                await this.backoff(1);
                continue;
            }
            if (res.failure !== 'transient' || attempt >= this.tuning.transportAttempts) {
                const err = fetchFailure(res, this.remote);
                if (res.failure === 'transient')
                    throw new BackendError(`${err.message} (after ${attempt} attempts)`, { hint: err.hint });
                throw err;
            }
            await this.backoff(attempt);
        }
    }
    get gitDir() {
        return this.git.env.GIT_DIR;
    }
    async verify(tip) {
        if (this.verified.has(tip))
            return;
        const schema = await this.reader.json(`${tip}:${SCHEMA_PATH}`).catch(() => undefined);
        const where = `ref ${this.remote.ref} of ${this.location}`;
        if (!schema || schema.format !== GIT_STORE_FORMAT || typeof schema.schema !== 'number') {
            throw new ConfigError(`${where} is not a shiplog git store (no ${GIT_STORE_FORMAT} ${SCHEMA_PATH} at its tip ${tip.slice(0, 12)})`, {
                hint: 'name a ref that only shiplog writes (#ref=refs/heads/shiplog-state), or an empty one',
            });
        }
        if (schema.schema > GIT_SCHEMA_VERSION) {
            throw new SchemaVersionError(`${where} has schema ${schema.schema}; this shiplog reads up to ${GIT_SCHEMA_VERSION}`, { hint: 'upgrade shiplog' });
        }
        if (!(await this.reader.get(`${tip}:${META_PATH}`)))
            throw new ConfigError(`${where} is inconsistent: ${META_PATH} is missing`);
        this.verified.add(tip);
    }
    async meta(tip) {
        if (!tip)
            return emptyGitMeta();
        const meta = await this.reader.json(`${tip}:${META_PATH}`);
        if (!meta?.next)
            throw new ConfigError(`git store ${this.location} is inconsistent: ${META_PATH} is missing at ${tip.slice(0, 12)}`);
        return { next: { ...meta.next }, recent: meta.recent ?? [] };
    }
    readerAt(tip) {
        return { get: async (kind, name) => (tip ? this.reader.json(`${tip}:${docPath(kind, name)}`) : undefined) };
    }
    async read(fn) {
        return fn(this.readerAt(await this.refresh()));
    }
    async status(filter) {
        const tip = await this.refresh();
        return tip ? readStatus(this.reader, tip, filter) : [];
    }
    async history(filter) {
        const tip = await this.refresh();
        if (!tip || filter.limit === 0)
            return [];
        return readHistory(this.reader, tip, await this.meta(tip), filter);
    }
    async info() {
        const tip = await this.refresh();
        const meta = await this.meta(tip);
        return {
            kind: 'git',
            location: this.location,
            schema: tip ? GIT_SCHEMA_VERSION : 'absent',
            counts: {
                componentVersions: meta.next.componentVersion - 1,
                applicationVersions: meta.next.applicationVersion - 1,
                deployments: meta.next.deployment - 1,
                environmentStates: tip ? await countEnvStates(this.reader, tip) : 0,
            },
            next: { ...meta.next },
            details: { ref: this.remote.ref, tip: tip ?? '' },
        };
    }
    async *scan() {
        const tip = await this.refresh();
        if (!tip)
            return;
        yield* scanTip(this.reader, tip, await this.meta(tip));
    }
    // ---- writing ----------------------------------------------------------------------------------------
    async transact(op, fn) {
        const opId = randomBytes(8).toString('hex');
        /** Attempts whose push may have landed (the connection failed mid-push), with their results. */
        const unknown = new Map();
        let transportFailures = 0;
        let lost = 0;
        for (let attempt = 1; attempt <= this.tuning.maxAttempts; attempt++) {
            const tip = await this.refresh();
            const meta = await this.meta(tip);
            for (const [attemptId, result] of unknown)
                if (meta.recent.includes(attemptId))
                    return result;
            const staged = new Map();
            const next = { ...meta.next };
            const base = this.readerAt(tip);
            const tx = {
                next,
                get: async (kind, name) => {
                    const p = docPath(kind, name);
                    return staged.has(p) ? structuredClone(staged.get(p)) : base.get(kind, name);
                },
                put: (kind, name, value) => void staged.set(docPath(kind, name), structuredClone(value)),
                putEnvState: (state) => void staged.set(envStatePath(state.name, state.application), structuredClone(state)),
                appendDeployment: (d) => {
                    staged.set(deploymentPath(d.id), structuredClone(d));
                    if (next.deployment <= d.id)
                        next.deployment = d.id + 1;
                },
            };
            const result = await fn(tx);
            const countersMoved = JSON.stringify(next) !== JSON.stringify(meta.next);
            if (staged.size === 0 && !countersMoved)
                return result;
            const attemptId = `${opId}.${attempt}`;
            staged.set(META_PATH, { next, recent: [...meta.recent, attemptId].slice(-RECENT_OPS) });
            if (!tip)
                staged.set(SCHEMA_PATH, { format: GIT_STORE_FORMAT, schema: GIT_SCHEMA_VERSION, createdAt: this.host.now().toISOString() });
            const commit = await this.writeCommit(tip, staged, this.message(op, opId));
            const pushed = await pushIfUnchanged(this.git, this.remote, commit, tip);
            if (pushed.outcome === 'pushed') {
                this.verified.add(commit);
                this.lastTip = commit;
                return result;
            }
            if (pushed.outcome === 'stale') {
                lost++;
                this.host.log.debug(`git store: ${this.remote.ref} moved during the operation (${pushed.detail}); attempt ${attempt + 1}`);
            }
            else if (pushed.failure === 'transient') {
                unknown.set(attemptId, result);
                if (++transportFailures >= this.tuning.transportAttempts) {
                    throw new BackendError(`git store ${this.location}: push to ${this.remote.ref} failed ${transportFailures} times: ${pushed.detail}`, {
                        hint: 'check that the git server is reachable from this runner; nothing was written by the failed attempts unless a later read shows it',
                    });
                }
            }
            else {
                throw fetchFailure({ failure: pushed.failure, detail: pushed.detail }, this.remote);
            }
            if (attempt < this.tuning.maxAttempts)
                await this.backoff(attempt);
        }
        throw new BackendError(`git store ${this.location}: gave up after ${this.tuning.maxAttempts} attempts: ${this.remote.ref} kept moving (${lost} pushes lost the race to other writers)`, { hint: 'too many concurrent writers on one state ref; retry the command, or raise the attempt limit' });
    }
    message(op, opId) {
        const r = (s) => this.host.redactor.redact(s).replace(/\r/g, '');
        const title = r(op.title).replace(/\n/g, ' ');
        const body = (op.body ?? []).map(r);
        return [title, '', ...(body.length ? [...body, ''] : []), `${TRAILER}: ${opId}`, ''].join('\n');
    }
    /** One fast-import process: the changed files inline, `from` the tip; prints the new commit's id. */
    async writeCommit(tip, files, message) {
        const when = Math.floor(this.host.now().getTime() / 1000);
        const chunks = [];
        const text = (s) => chunks.push(Buffer.from(s, 'utf8'));
        const data = (b) => {
            text(`data ${b.length}\n`);
            chunks.push(b);
            text('\n');
        };
        text(`reset ${this.workRef}\ncommit ${this.workRef}\nmark :1\ncommitter shiplog <shiplog@localhost> ${when} +0000\n`);
        data(Buffer.from(message, 'utf8'));
        if (tip)
            text(`from ${tip}\n`);
        for (const [path, value] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
            text(`M 100644 inline ${path}\n`);
            data(Buffer.from(`${JSON.stringify(value)}\n`, 'utf8'));
        }
        text('\nget-mark :1\ndone\n');
        this.usedWorkRef = true;
        const r = await this.git.run(['fast-import', '--quiet', '--done', '--force', '--date-format=raw'], Buffer.concat(chunks));
        const id = r.stdout.toString('utf8').trim().split('\n').pop() ?? '';
        if (r.code !== 0 || !/^[0-9a-f]{40,64}$/.test(id))
            throw new BackendError(`git store: writing the commit failed: ${this.git.tail(r.stderr)}`);
        return id;
    }
    backoff(attempt) {
        const { backoffMinMs: lo, backoffMaxMs: hi } = this.tuning;
        const cap = Math.min(hi, lo * 2 ** Math.min(attempt, 10));
        const ms = lo + Math.random() * Math.max(0, cap - lo);
        return new Promise((r) => setTimeout(r, ms));
    }
    /** The tip this store last fetched or pushed (tests and `store info`). */
    get knownTip() {
        return this.lastTip;
    }
    async close() {
        await this.reader.close();
        // This instance's private refs go; the objects stay for the next command of the job.
        const refs = [...(this.usedWorkRef ? [this.workRef] : []), ...(this.lastTip !== undefined || this.fetched ? [this.tipRef] : [])];
        if (refs.length)
            await this.git.run(['update-ref', '--stdin'], refs.map((r) => `delete ${r}\n`).join(''));
    }
}
