/**
 * Counts what a git store holds, three ways that must agree: the commits of the state ref (`git log`: one per
 * operation, by its subject), a scan of the tip (documents, current states, deployments), and meta.json's
 * counters; plus the invariants of store-files.ts storeProblems. Used by the reliability tests, which print
 * the counts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGitStore } from '../../src/backend/git/index.js';
import type { ApplicationVersionDoc, ApplicationDoc } from '../../src/backend/records/documents.js';
import { RecordBackend } from '../../src/backend/records/record-backend.js';
import { createMemoryHost } from '../../src/host.js';
import type { Deployment } from '../../src/model.js';
import { storeProblems } from '../fixtures/store/store-files.js';
import { git } from './git-servers.js';
import { STATE_REF, stateLog } from './git-store-fixture.js';

export interface StoreAudit {
  commits: number;
  /** Commits by operation: cv, av, approve, move, deploy, other. */
  byKind: Record<string, number>;
  /** Trailers that name more than one commit (a keyed operation applied twice). */
  repeatedKeys: number;
  docs: Record<string, number>;
  deployments: Deployment[];
  environmentStates: number;
  next: { componentVersion: number; applicationVersion: number; deployment: number };
  applications: Map<string, ApplicationDoc>;
  appVersions: Map<string, ApplicationVersionDoc>;
  problems: string[];
}

const KIND_OF: [RegExp, string][] = [
  [/^version-update: component version /, 'cv'],
  [/^version-update: application /, 'av'],
  [/^approve: /, 'approve'],
  [/^move: /, 'move'],
  [/^deploy: /, 'deploy'],
];

/**
 * The audit of one tip: a writer killed while pushing leaves its `git push` running as an orphan, which may still
 * land (a whole operation: that is allowed) while the audit reads. The three counts are only comparable when the
 * ref did not move in between, so the audit is repeated until it did not.
 */
export async function auditGitStore(remote: string, scope: { applications: string[]; bases: string[] }): Promise<StoreAudit> {
  const tipOf = () => git(['--git-dir', remote, 'rev-parse', '--verify', '-q', STATE_REF]).trim();
  for (let attempt = 1; ; attempt++) {
    const before = tipOf();
    const audit = await auditOnce(remote, scope);
    if (tipOf() === before || attempt >= 20) return audit;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function auditOnce(remote: string, scope: { applications: string[]; bases: string[] }): Promise<StoreAudit> {
  const log = stateLog(remote);
  const byKind: Record<string, number> = { cv: 0, av: 0, approve: 0, move: 0, deploy: 0, other: 0 };
  for (const [subject] of log) byKind[KIND_OF.find(([re]) => re.test(subject))?.[1] ?? 'other']++;
  const keys = new Map<string, number>();
  for (const [, key] of log) keys.set(key, (keys.get(key) ?? 0) + 1);
  const dir = await mkdtemp(join(tmpdir(), 'shiplog-audit-'));
  const host = createMemoryHost();
  const store = await openGitStore(host, { remote, cacheDir: join(dir, 'cache') });
  try {
    const docs: Record<string, number> = {};
    const deployments: Deployment[] = [];
    const applications = new Map<string, ApplicationDoc>();
    const appVersions = new Map<string, ApplicationVersionDoc>();
    let environmentStates = 0;
    for await (const e of store.scan()) {
      if (e.type === 'doc') {
        docs[e.kind] = (docs[e.kind] ?? 0) + 1;
        if (e.kind === 'application') applications.set(e.name, e.value as ApplicationDoc);
        if (e.kind === 'application-version') appVersions.set(e.name, e.value as ApplicationVersionDoc);
      } else if (e.type === 'env-state') environmentStates++;
      else deployments.push(e.value);
    }
    const next = JSON.parse(git(['--git-dir', remote, 'show', `${STATE_REF}:meta.json`])).next;
    const { problems } = await storeProblems(new RecordBackend(host, store), scope);
    return {
      commits: log.length,
      byKind,
      repeatedKeys: [...keys.values()].filter((n) => n > 1).length,
      docs,
      deployments,
      environmentStates,
      next,
      applications,
      appVersions,
      problems,
    };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Dense 1..n, as numbers (deployment ids) or `<prefix><n>` strings (cv:, av:). */
export function dense(ids: (number | string)[], prefix = ''): boolean {
  const n = ids.map((x) => (typeof x === 'number' ? x : Number(String(x).slice(prefix.length)))).sort((a, b) => a - b);
  return n.every((x, i) => x === i + 1);
}
