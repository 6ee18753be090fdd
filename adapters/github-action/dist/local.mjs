import { createRequire as __shiplogCreateRequire } from 'node:module';
const require = __shiplogCreateRequire(import.meta.url);
import { readFile, open, rename, mkdir, stat, readdir, writeFile, link, unlink, rmdir } from 'node:fs/promises';
import { join, basename, dirname, isAbsolute } from 'node:path';
import { b as baseOfComponentVersion, a as bumpVersion, C as ConfigError, I as InvalidInputError, c as componentBaseName, d as componentVersionName, s as splitDomain, N as NotFoundError, A as ApprovalRequiredError, e as ApprovalRejectedError, S as StoreLockedError, f as SchemaVersionError } from './index.mjs';
import { randomBytes, createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import 'os';
import 'crypto';
import 'fs';
import 'path';
import 'node:fs';
import 'node:buffer';
import 'node:child_process';
import 'node:process';
import 'child_process';
import 'node:url';
import 'node:timers/promises';
import 'node:util';

function swapComponent(components, cv) {
  if (components.includes(cv)) return { components: [...components], changed: false };
  const base = baseOfComponentVersion(cv);
  const i = components.findIndex((c) => baseOfComponentVersion(c) === base);
  const next = [...components];
  if (i >= 0) next[i] = cv;
  else next.push(cv);
  return { components: next, changed: true };
}
function nextFreeVersion(application, version, taken) {
  let v = version;
  for (let i = 0; i <= taken.size && taken.has(`${application};${v}`); i++) v = bumpVersion(v);
  return v;
}

function isErrno(err, code) {
  return typeof err === "object" && err !== null && err.code === code;
}
async function readTextIfExists(path) {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    if (isErrno(err, "ENOENT") || isErrno(err, "ENOTDIR")) return void 0;
    throw err;
  }
}
async function fsyncPath(path) {
  const fh = await open(path, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
async function writeFileAtomic(tmpDir, target, data) {
  const tmp = join(tmpDir, `${basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}`);
  const fh = await open(tmp, "w", 420);
  try {
    await fh.writeFile(data, "utf8");
    await fh.sync();
  } finally {
    await fh.close();
  }
  const changed = [dirname(target)];
  try {
    await rename(tmp, target);
  } catch (err) {
    if (!isErrno(err, "ENOENT")) throw err;
    const first = await mkdir(dirname(target), { recursive: true });
    if (first) changed.push(...parentsFrom(first, dirname(target)));
    await rename(tmp, target);
  }
  return changed;
}
function parentsFrom(first, last) {
  const out = [dirname(first)];
  for (let d = last; d !== dirname(first) && d.length >= first.length; d = dirname(d)) out.push(d);
  return out;
}

const SCHEMA_VERSION = 1;
const STORE_FORMAT = "shiplog-local-store";
const SCHEMA_FILE = "schema.json";
const META_FILE = "meta.json";
const JOURNAL_FILE = "journal.json";
const LOCK_FILE = "write.lock";
const TMP_DIR = "tmp";
const LOG_DIR = "log";
const ENV_DIR = "objects/env";
const KIND_DIR = {
  "component-base": "objects/cb",
  "component-version": "objects/cv",
  application: "objects/ab",
  "application-version": "objects/av"
};
function hashName(name) {
  return createHash("sha256").update(name, "utf8").digest("hex").slice(0, 40);
}
function objectPath(kind, name) {
  const h = hashName(name);
  return join(KIND_DIR[kind], h.slice(0, 2), `${h}.json`);
}
function envPath(name) {
  return join(ENV_DIR, `${hashName(name)}.json`);
}
function segmentPath(n) {
  return join(LOG_DIR, `${String(n).padStart(6, "0")}.jsonl`);
}
function emptyMeta() {
  return { seq: 0, next: { componentVersion: 1, applicationVersion: 1, deployment: 1 }, log: { segment: 1, length: 0 } };
}

const CHUNK = 256 * 1024;
async function writeSegmentAt(root, segment, offset, data) {
  const path = join(root, segmentPath(segment));
  const fh = await open(path, "r+").catch((err) => {
    if (isErrno(err, "ENOENT")) return open(path, "w+");
    throw err;
  });
  try {
    const st = await fh.stat();
    if (st.size < offset) {
      throw new ConfigError(`deployment log ${segmentPath(segment)} is shorter (${st.size} bytes) than its committed length ${offset}`);
    }
    if (st.size !== offset) await fh.truncate(offset);
    const buf = Buffer.from(data, "utf8");
    await fh.write(buf, 0, buf.length, offset);
    await fh.sync();
  } finally {
    await fh.close();
  }
}
async function truncateUncommitted(root, log) {
  const path = join(root, segmentPath(log.segment));
  const st = await stat(path).catch((err) => {
    if (isErrno(err, "ENOENT")) return void 0;
    throw err;
  });
  if (!st) {
    if (log.length > 0) throw new ConfigError(`deployment log ${segmentPath(log.segment)} is missing`);
    return;
  }
  if (st.size < log.length) {
    throw new ConfigError(`deployment log ${segmentPath(log.segment)} is shorter (${st.size} bytes) than its committed length ${log.length}`);
  }
  if (st.size > log.length) {
    const fh = await open(path, "r+");
    try {
      await fh.truncate(log.length);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
}
async function* readDeploymentsNewestFirst(root, log) {
  for (let seg = log.segment; seg >= 1; seg--) {
    const path = join(root, segmentPath(seg));
    let end;
    if (seg === log.segment) end = log.length;
    else {
      const st = await stat(path).catch(() => void 0);
      if (!st) throw new ConfigError(`deployment log ${segmentPath(seg)} is missing`);
      end = st.size;
    }
    if (end === 0) continue;
    for await (const line of linesBackward(path, end)) {
      if (line === "") continue;
      try {
        yield JSON.parse(line);
      } catch {
        throw new ConfigError(`deployment log ${segmentPath(seg)} holds a malformed record`);
      }
    }
  }
}
async function* linesBackward(path, end) {
  const fh = await open(path, "r");
  try {
    let pos = end;
    let carry = Buffer.alloc(0);
    while (pos > 0) {
      const size = Math.min(CHUNK, pos);
      pos -= size;
      const buf = Buffer.alloc(size);
      const { bytesRead } = await fh.read(buf, 0, size, pos);
      if (bytesRead !== size) throw new ConfigError(`deployment log ${path} changed while being read`);
      let block = carry.length ? Buffer.concat([buf, carry]) : buf;
      let stop = block.length;
      if (block[stop - 1] === 10) stop--;
      for (let i = stop - 1; i >= 0; i--) {
        if (block[i] === 10) {
          yield block.subarray(i + 1, stop).toString("utf8");
          stop = i;
        }
      }
      carry = Buffer.from(block.subarray(0, stop));
      block = Buffer.alloc(0);
    }
    if (carry.length) yield carry.toString("utf8");
  } finally {
    await fh.close();
  }
}

class LocalBackend {
  constructor(host, store) {
    this.host = host;
    this.store = store;
    this.location = store.root;
  }
  host;
  store;
  kind = "local";
  location;
  get reader() {
    return { get: (rel) => this.store.readObject(rel) };
  }
  // ---- components -------------------------------------------------------------------------------------
  async getComponentVersion(fullName) {
    return this.store.read(async () => (await cvDoc(this.reader, fullName))?.value);
  }
  async listComponentVersions(base) {
    return this.store.read(async () => {
      const doc = await this.reader.get(objectPath("component-base", base));
      if (!doc || doc.base !== base) return [];
      const out = [];
      for (const name of doc.versions) out.push((await mustCv(this.reader, name)).value);
      return out;
    });
  }
  async putComponentVersion(input) {
    const spec = this.host.redactor.redactValue(input);
    const problems = [];
    for (const k of ["domain", "short", "version"]) if (!spec[k]?.trim()) problems.push(`component ${k} is empty`);
    if (spec.kind !== "docker" && spec.kind !== "file") problems.push(`component kind "${String(spec.kind)}" is not docker or file`);
    if (problems.length) throw InvalidInputError.of(problems);
    const parts = { domain: spec.domain, short: spec.short, variant: spec.variant || void 0, version: spec.version };
    const base = componentBaseName(parts);
    const name = componentVersionName(parts);
    return this.store.transact(async (tx) => {
      const existing = await cvDoc(tx, name);
      if (existing) {
        const attributes = { ...existing.value.attributes, ...spec.attributes };
        let changed = !sameJson(attributes, existing.value.attributes);
        existing.value.attributes = attributes;
        if (spec.files && !sameJson(spec.files, existing.files)) existing.files = spec.files, changed = true;
        if (spec.sboms && !sameJson(spec.sboms, existing.sboms)) existing.sboms = spec.sboms, changed = true;
        if (changed) tx.put(objectPath("component-version", name), existing);
        return { value: existing.value, created: false, ...changed ? { updated: true } : {} };
      }
      const baseRel = objectPath("component-base", base);
      const baseDoc = await tx.get(baseRel) ?? {
        base,
        domain: parts.domain,
        short: parts.short,
        ...parts.variant ? { variant: parts.variant } : {},
        versions: []
      };
      if (baseDoc.base !== base) throw collision(baseRel, base);
      const value = {
        id: `cv:${tx.meta.next.componentVersion++}`,
        name,
        base,
        domain: parts.domain,
        short: parts.short,
        ...parts.variant ? { variant: parts.variant } : {},
        version: parts.version,
        kind: spec.kind,
        attributes: { ...spec.attributes },
        ...baseDoc.versions.length ? { predecessor: baseDoc.versions[baseDoc.versions.length - 1] } : {},
        createdAt: spec.at,
        provenance: spec.provenance
      };
      baseDoc.versions.push(name);
      const doc = { value, ...spec.files ? { files: spec.files } : {}, ...spec.sboms ? { sboms: spec.sboms } : {} };
      tx.put(objectPath("component-version", name), doc);
      tx.put(baseRel, baseDoc);
      return { value, created: true };
    });
  }
  // ---- applications -----------------------------------------------------------------------------------
  async getApplicationVersion(fullName) {
    return this.store.read(async () => (await avDoc(this.reader, fullName))?.value);
  }
  async listApplicationVersions(application) {
    return this.store.read(async () => {
      const doc = await this.reader.get(objectPath("application", application));
      if (!doc || doc.application !== application) return [];
      const out = [];
      for (const name of doc.versions) out.push((await mustAv(this.reader, name)).value);
      return out;
    });
  }
  async putApplicationVersion(input) {
    const spec = this.host.redactor.redactValue(input);
    splitDomain(spec.application ?? "", "application");
    if (spec.application.includes(";")) throw new InvalidInputError(`application "${spec.application}" must be a base name without ";"`);
    if (spec.version !== void 0 && !spec.version.trim()) throw new InvalidInputError("application version is empty");
    const cvName = spec.component.name;
    const app = spec.application;
    return this.store.transact(async (tx) => {
      if (!await cvDoc(tx, cvName)) throw new NotFoundError(`component version ${cvName} does not exist`);
      const appRel = objectPath("application", app);
      const appDoc = await tx.get(appRel) ?? { application: app, versions: [] };
      if (appDoc.application !== app) throw collision(appRel, app);
      const latestName = appDoc.versions[appDoc.versions.length - 1];
      const latest = latestName ? (await mustAv(tx, latestName)).value : void 0;
      if (latest && latest.components.includes(cvName)) return { value: latest, created: false };
      let version = spec.version ?? (latest ? bumpVersion(latest.version) : "1");
      const taken = new Set(appDoc.versions);
      if (taken.has(`${app};${version}`)) {
        if (!spec.autoIncrement) {
          const doc2 = await mustAv(tx, `${app};${version}`);
          const swapped = swapComponent(doc2.value.components, cvName);
          if (!swapped.changed) return { value: doc2.value, created: false };
          doc2.value.components = swapped.components;
          tx.put(objectPath("application-version", doc2.value.name), doc2);
          return { value: doc2.value, created: false, updated: true };
        }
        version = nextFreeVersion(app, version, taken);
      }
      const value = {
        id: `av:${tx.meta.next.applicationVersion++}`,
        name: `${app};${version}`,
        application: app,
        version,
        components: swapComponent(latest?.components ?? [], cvName).components,
        ...latest ? { predecessor: latest.name } : {},
        stage: spec.initialStage,
        createdAt: spec.at,
        provenance: spec.provenance
      };
      appDoc.versions.push(value.name);
      const doc = { value, approvals: [], moves: [] };
      tx.put(objectPath("application-version", value.name), doc);
      tx.put(appRel, appDoc);
      return { value, created: true };
    });
  }
  // ---- approvals and moves ----------------------------------------------------------------------------
  async recordApproval(input) {
    const approval = this.host.redactor.redactValue(input);
    if (!approval.stage?.trim()) throw new InvalidInputError("approval stage is empty");
    return this.store.transact(async (tx) => {
      const doc = await avDoc(tx, approval.appVersion);
      if (!doc) throw new NotFoundError(`application version ${approval.appVersion} does not exist`);
      doc.approvals.push(approval);
      tx.put(objectPath("application-version", approval.appVersion), doc);
      return approval;
    });
  }
  async listApprovals(appVersion) {
    return this.store.read(async () => (await avDoc(this.reader, appVersion))?.approvals ?? []);
  }
  async moveApplicationVersion(input) {
    const spec = this.host.redactor.redactValue(input);
    const name = spec.appVersion.name;
    return this.store.transact(async (tx) => {
      const doc = await avDoc(tx, name);
      if (!doc) throw new NotFoundError(`application version ${name} does not exist`);
      const stage = doc.value.stage;
      if (stage !== void 0 && stage !== spec.from.name && stage !== spec.from.domain) {
        throw new InvalidInputError(`application version ${name} is in stage ${stage}, not in ${spec.from.name}`);
      }
      if (spec.requiresApproval) {
        const decisions = doc.approvals.filter((a) => a.stage === spec.to.name || a.stage === spec.to.domain);
        const last = decisions[decisions.length - 1];
        if (!last) {
          throw new ApprovalRequiredError(`application version ${name} needs an approval for stage ${spec.to.name}`, {
            hint: `run: shiplog approve --application ${doc.value.application} --app-version ${doc.value.version} --stage ${spec.to.name}`
          });
        }
        if (!last.approved) {
          throw new ApprovalRejectedError(`application version ${name} was rejected for stage ${spec.to.name} by ${last.by} at ${last.at}`);
        }
      }
      doc.value.stage = spec.to.name;
      doc.moves.push({ from: spec.from.name, to: spec.to.name, task: spec.task, by: spec.by, at: spec.at, provenance: spec.provenance });
      tx.put(objectPath("application-version", name), doc);
      return { from: spec.from.name, to: spec.to.name };
    });
  }
  // ---- deployments ------------------------------------------------------------------------------------
  async recordDeployment(input) {
    const spec = this.host.redactor.redactValue(input);
    const problems = [];
    if (!spec.environment?.trim()) problems.push("environment is empty");
    if (!Number.isInteger(spec.exitCode)) problems.push(`exit code ${String(spec.exitCode)} is not an integer`);
    if (problems.length) throw InvalidInputError.of(problems);
    return this.store.transact(async (tx) => {
      const doc = await avDoc(tx, spec.appVersion.name);
      if (!doc) throw new NotFoundError(`application version ${spec.appVersion.name} does not exist`);
      const av = doc.value;
      const deployment = {
        id: tx.meta.next.deployment++,
        appVersion: av.name,
        application: av.application,
        environment: spec.environment,
        componentVersions: [...av.components],
        exitCode: spec.exitCode,
        status: spec.exitCode === 0 ? "success" : "failed",
        startedAt: spec.startedAt,
        finishedAt: spec.finishedAt,
        log: spec.log,
        ...spec.logUrl ? { logUrl: spec.logUrl } : {},
        mode: spec.mode,
        ...spec.attributes ? { attributes: spec.attributes } : {},
        provenance: spec.provenance
      };
      tx.appendLog(deployment);
      if (deployment.status === "success") {
        const rel = envPath(spec.environment);
        const env = await tx.get(rel) ?? { name: spec.environment, applications: {} };
        if (env.name !== spec.environment) throw collision(rel, spec.environment);
        env.applications[av.application] = {
          name: spec.environment,
          application: av.application,
          appVersion: av.name,
          components: [...av.components],
          deploymentId: deployment.id,
          deployedAt: spec.finishedAt,
          provenance: spec.provenance
        };
        tx.put(rel, env);
      }
      return deployment;
    });
  }
  // ---- queries ----------------------------------------------------------------------------------------
  async status(filter = {}) {
    return this.store.read(async () => {
      const docs = [];
      if (filter.environment !== void 0) {
        const doc = await this.reader.get(envPath(filter.environment));
        if (doc && doc.name === filter.environment) docs.push(doc);
      } else {
        for (const f of await listDir(join(this.store.root, ENV_DIR))) {
          if (!f.endsWith(".json")) continue;
          const doc = await this.reader.get(join(ENV_DIR, f));
          if (doc) docs.push(doc);
        }
      }
      const out = docs.flatMap((d) => Object.values(d.applications)).filter((s) => filter.application === void 0 || s.application === filter.application);
      return out.sort((a, b) => cmp(a.name, b.name) || cmp(a.application, b.application));
    });
  }
  async history(filter) {
    const limit = filter.limit ?? Number.POSITIVE_INFINITY;
    if (filter.limit !== void 0 && (!Number.isInteger(filter.limit) || filter.limit < 0)) {
      throw new InvalidInputError(`history limit ${String(filter.limit)} is not a non-negative integer`);
    }
    const out = [];
    if (limit === 0) return out;
    const meta = await this.store.stableMeta();
    for await (const d of readDeploymentsNewestFirst(this.store.root, meta.log)) {
      if (!matches(d, filter)) continue;
      out.push(d);
      if (out.length >= limit) break;
    }
    return out;
  }
  async close() {
  }
}
function matches(d, f) {
  if (f.application !== void 0 && d.application !== f.application) return false;
  if (f.environment !== void 0 && d.environment !== f.environment) return false;
  if (f.component !== void 0) {
    const c = f.component;
    if (!d.componentVersions.some((cv) => cv === c || baseOfComponentVersion(cv) === c)) return false;
  }
  return true;
}
async function cvDoc(r, name) {
  const doc = await r.get(objectPath("component-version", name));
  return doc && doc.value.name === name ? doc : void 0;
}
async function mustCv(r, name) {
  const doc = await cvDoc(r, name);
  if (!doc) throw new ConfigError(`state store is inconsistent: component version ${name} is listed but missing`);
  return doc;
}
async function avDoc(r, name) {
  const doc = await r.get(objectPath("application-version", name));
  return doc && doc.value.name === name ? doc : void 0;
}
async function mustAv(r, name) {
  const doc = await avDoc(r, name);
  if (!doc) throw new ConfigError(`state store is inconsistent: application version ${name} is listed but missing`);
  return doc;
}
function collision(rel, name) {
  return new ConfigError(`state store file ${rel} belongs to another object than ${name} (hash collision)`);
}
function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
async function listDir(dir) {
  try {
    return (await readdir(dir)).sort();
  } catch (err) {
    if (isErrno(err, "ENOENT")) return [];
    throw err;
  }
}

const BREAKER_STALE_MS = 1e4;
async function acquireStoreLock(dir, opts) {
  const lockPath = join(dir, LOCK_FILE);
  const me = { pid: process.pid, host: hostname(), token: randomUUID(), at: (/* @__PURE__ */ new Date()).toISOString() };
  const candidate = join(dir, `${LOCK_FILE}.${process.pid}.${me.token}.cand`);
  await writeFile(candidate, JSON.stringify(me));
  const started = Date.now();
  let attempt = 0;
  let lastOwner;
  try {
    for (; ; ) {
      try {
        await link(candidate, lockPath);
        return () => releaseStoreLock(lockPath, me.token);
      } catch (err) {
        if (!isErrno(err, "EEXIST")) throw err;
      }
      const owner = await readOwner(lockPath);
      if (owner === "gone") continue;
      if (owner !== "unreadable") lastOwner = owner;
      if (await isStale(lockPath, owner, opts.foreignStaleMs ?? 6e5)) {
        await breakStaleLock(dir, lockPath, owner);
        continue;
      }
      const waited = Date.now() - started;
      if (waited >= opts.timeoutMs) {
        const who = lastOwner ? ` by pid ${lastOwner.pid} on ${lastOwner.host} since ${lastOwner.at}` : "";
        throw new StoreLockedError(`state store ${dir} is locked${who}; gave up after ${Math.round(waited / 1e3)} s`, {
          hint: `another shiplog is writing; if no shiplog runs, delete ${lockPath}`
        });
      }
      attempt++;
      await sleep(Math.min(2 + attempt * 2, 40) * (0.5 + Math.random()));
    }
  } finally {
    await unlink(candidate).catch(() => void 0);
  }
}
async function releaseStoreLock(lockPath, token) {
  const owner = await readOwner(lockPath);
  if (typeof owner === "object" && owner.token === token) await unlink(lockPath).catch(() => void 0);
}
async function readOwner(lockPath) {
  let text;
  try {
    text = await readFile(lockPath, "utf8");
  } catch (err) {
    if (isErrno(err, "ENOENT")) return "gone";
    throw err;
  }
  try {
    const o = JSON.parse(text);
    return typeof o.pid === "number" && typeof o.token === "string" ? o : "unreadable";
  } catch {
    return "unreadable";
  }
}
function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return !isErrno(err, "ESRCH");
  }
}
async function isStale(lockPath, owner, foreignStaleMs) {
  if (owner !== "unreadable" && owner.host === hostname()) return !processAlive(owner.pid);
  const st = await stat(lockPath).catch(() => void 0);
  if (!st) return false;
  const limit = owner === "unreadable" ? BREAKER_STALE_MS : foreignStaleMs;
  return Date.now() - st.mtimeMs > limit;
}
async function breakStaleLock(dir, lockPath, seen) {
  const breaker = join(dir, `${LOCK_FILE}.break`);
  try {
    await mkdir(breaker);
  } catch (err) {
    if (!isErrno(err, "EEXIST")) throw err;
    const st = await stat(breaker).catch(() => void 0);
    if (st && Date.now() - st.mtimeMs > BREAKER_STALE_MS) await rmdir(breaker).catch(() => void 0);
    else await sleep(5);
    return;
  }
  try {
    const now = await readOwner(lockPath);
    const same = seen === "unreadable" ? now === "unreadable" : typeof now === "object" && now.token === seen.token;
    if (same) await unlink(lockPath).catch(() => void 0);
  } finally {
    await rmdir(breaker).catch(() => void 0);
  }
}
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

class Transaction {
  constructor(store, meta) {
    this.store = store;
    this.meta = meta;
  }
  store;
  meta;
  staged = /* @__PURE__ */ new Map();
  appended = [];
  async get(rel) {
    const s = this.staged.get(rel);
    if (s !== void 0) return JSON.parse(s);
    return this.store.readObject(rel);
  }
  put(rel, value) {
    this.staged.set(rel, `${JSON.stringify(value)}
`);
  }
  /** Appends one record to the deployment log (one JSON line). */
  appendLog(record) {
    this.appended.push(`${JSON.stringify(record)}
`);
  }
  get dirty() {
    return this.staged.size > 0 || this.appended.length > 0;
  }
  /** The journal committing this transaction (meta.json included). */
  toJournal(segmentBytes) {
    const meta = { ...this.meta, seq: this.meta.seq + 1, log: { ...this.meta.log } };
    let append;
    if (this.appended.length) {
      const data = this.appended.join("");
      const bytes = Buffer.byteLength(data, "utf8");
      let { segment, length: offset } = meta.log;
      if (offset > 0 && offset + bytes > segmentBytes) {
        segment++;
        offset = 0;
      }
      append = { segment, offset, data };
      meta.log = { segment, length: offset + bytes };
    }
    const writes = [...this.staged].map(([path, data]) => ({ path, data }));
    writes.push({ path: META_FILE, data: `${JSON.stringify(meta)}
` });
    return { seq: meta.seq, writes, append };
  }
}
class LocalStore {
  constructor(root, opts) {
    this.root = root;
    this.opts = opts;
  }
  root;
  opts;
  prepared = false;
  /** 'absent' for a store never written; throws SchemaVersionError for an unknown or newer format. */
  async checkSchema() {
    const text = await readTextIfExists(join(this.root, SCHEMA_FILE));
    if (text === void 0) return "absent";
    let s;
    try {
      s = JSON.parse(text);
    } catch {
      throw new SchemaVersionError(`state store ${this.root} has an unreadable ${SCHEMA_FILE}`, {
        hint: "the directory is not a shiplog store, or was damaged; point --state-dir elsewhere"
      });
    }
    if (s.format !== STORE_FORMAT || typeof s.schema !== "number") {
      throw new SchemaVersionError(`state store ${this.root} is not a ${STORE_FORMAT} (format ${JSON.stringify(s.format)})`, {
        hint: "point --state-dir at a shiplog state directory"
      });
    }
    if (s.schema !== SCHEMA_VERSION) {
      const newer = s.schema > SCHEMA_VERSION;
      throw new SchemaVersionError(
        `state store ${this.root} has schema version ${s.schema}; this shiplog reads version ${SCHEMA_VERSION}`,
        { hint: newer ? "it was written by a newer shiplog: upgrade shiplog" : "unknown schema version" }
      );
    }
    return "ok";
  }
  async readObject(rel) {
    const text = await readTextIfExists(join(this.root, rel));
    if (text === void 0) return void 0;
    try {
      return JSON.parse(text);
    } catch {
      throw new ConfigError(`state store file ${rel} is malformed`, { hint: `in ${this.root}` });
    }
  }
  async readMeta() {
    return await this.readObject(META_FILE) ?? emptyMeta();
  }
  async journalExists() {
    try {
      await stat(join(this.root, JOURNAL_FILE));
      return true;
    } catch (err) {
      if (isErrno(err, "ENOENT") || isErrno(err, "ENOTDIR")) return false;
      throw err;
    }
  }
  /** Runs a read against one committed state (see the file comment). Creates nothing on a missing store. */
  async read(fn) {
    for (let attempt = 0; attempt < 4; attempt++) {
      const before = await this.readMeta();
      if (await this.journalExists()) {
        await this.withLock(async () => void 0);
        continue;
      }
      const result = await fn(before);
      if (!await this.journalExists() && (await this.readMeta()).seq === before.seq) return result;
    }
    return this.withLock(async () => fn(await this.readMeta()));
  }
  /**
   * The committed meta for reading the append-only log: log bytes below its committed end never change,
   * so no retry is needed; a crashed writer's journal is replayed first so its deployment is visible.
   */
  async stableMeta() {
    if (await this.journalExists()) await this.withLock(async () => void 0);
    return this.readMeta();
  }
  /** Runs fn under the lock; commits what it staged. Creates the store on its first write. */
  async transact(fn) {
    return this.withLock(async (schema) => {
      const tx = new Transaction(this, await this.readMeta());
      const result = await fn(tx);
      if (!tx.dirty) return result;
      if (schema === "absent") await this.writeSchema();
      const journal = tx.toJournal(this.opts.segmentBytes);
      const dirs = await writeFileAtomic(this.tmpDir, join(this.root, JOURNAL_FILE), JSON.stringify(journal));
      for (const d of new Set(dirs)) await fsyncPath(d);
      await this.applyJournal(journal);
      return result;
    });
  }
  get tmpDir() {
    return join(this.root, TMP_DIR);
  }
  async withLock(fn) {
    if (!this.prepared) {
      await mkdir(this.tmpDir, { recursive: true });
      await mkdir(join(this.root, LOG_DIR), { recursive: true });
      this.prepared = true;
    }
    const release = await acquireStoreLock(this.root, { timeoutMs: this.opts.lockTimeoutMs });
    try {
      const schema = await this.checkSchema();
      await this.recover();
      return await fn(schema);
    } finally {
      await release();
    }
  }
  async writeSchema() {
    const s = { format: STORE_FORMAT, schema: SCHEMA_VERSION, createdAt: this.opts.now().toISOString() };
    const dirs = await writeFileAtomic(this.tmpDir, join(this.root, SCHEMA_FILE), `${JSON.stringify(s)}
`);
    for (const d of new Set(dirs)) await fsyncPath(d);
  }
  /** Under the lock: finishes a crashed writer's transaction and removes its leftovers. */
  async recover() {
    for (const f of await readdir(this.tmpDir)) await unlink(join(this.tmpDir, f)).catch(() => void 0);
    await this.removeDeadLockCandidates();
    const text = await readTextIfExists(join(this.root, JOURNAL_FILE));
    if (text !== void 0) {
      let journal;
      try {
        journal = JSON.parse(text);
      } catch {
        throw new ConfigError(`state store ${this.root} has a malformed ${JOURNAL_FILE}`);
      }
      await this.applyJournal(journal);
      return;
    }
    await truncateUncommitted(this.root, (await this.readMeta()).log);
  }
  async removeDeadLockCandidates() {
    const prefix = `${LOCK_FILE}.`;
    for (const f of await readdir(this.root)) {
      if (!f.startsWith(prefix) || !f.endsWith(".cand")) continue;
      const pid = Number(f.slice(prefix.length).split(".")[0]);
      if (Number.isInteger(pid) && !processAlive(pid)) await unlink(join(this.root, f)).catch(() => void 0);
    }
  }
  async applyJournal(j) {
    const dirs = /* @__PURE__ */ new Set();
    if (j.append) {
      await writeSegmentAt(this.root, j.append.segment, j.append.offset, j.append.data);
      if (j.append.offset === 0) dirs.add(join(this.root, LOG_DIR));
    }
    for (const w of j.writes) {
      for (const d of await writeFileAtomic(this.tmpDir, join(this.root, w.path), w.data)) dirs.add(d);
    }
    for (const d of dirs) await fsyncPath(d);
    await unlink(join(this.root, JOURNAL_FILE));
    await fsyncPath(this.root);
  }
}

const DEFAULT_LOCK_TIMEOUT_MS = 6e4;
const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
async function openLocalBackend(host, opts) {
  if (!isAbsolute(opts.stateDir)) {
    throw new InvalidInputError(`state directory "${opts.stateDir}" must be an absolute path`);
  }
  const st = await stat(opts.stateDir).catch(() => void 0);
  if (st && !st.isDirectory()) {
    throw new ConfigError(`state directory ${opts.stateDir} exists and is not a directory`, {
      hint: "point --state-dir (SHIPLOG_STATE_DIR) at a directory"
    });
  }
  const store = new LocalStore(opts.stateDir, {
    lockTimeoutMs: opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
    segmentBytes: opts.segmentBytes ?? DEFAULT_SEGMENT_BYTES,
    now: host.now
  });
  await store.checkSchema();
  return new LocalBackend(host, store);
}

export { DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_SEGMENT_BYTES, SCHEMA_VERSION, openLocalBackend };
