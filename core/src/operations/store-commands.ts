/**
 * `shiplog store info | copy | check` (docs/store.md): what a store is and holds, a copy of all its history
 * into another store of any engine, and a read of everything that reports what does not hold together.
 * They work on the record stores (local directory, git, PostgreSQL), not on an Ortelius server.
 */
import type { DocumentStore, StoreInfo } from '../backend/records/document-store.js';
import { RecordBackend } from '../backend/records/record-backend.js';
import { copyStore, type CopyReport } from '../backend/records/store-copy.js';
import { checkStore, type StoreProblem } from '../backend/records/store-check.js';
import { parseStoreUrl } from '../backend/store-url.js';
import { StoreInconsistentError, UsageError } from '../errors.js';
import type { CommandModule, CommandResultBase, ResolvedInputs } from './command-module.js';
import type { OperationContext } from './context.js';
import { str } from './request-inputs.js';

/** The record store behind the command's backend; an Ortelius server is refused before it is contacted. */
async function recordStore(ctx: OperationContext, what: string): Promise<DocumentStore> {
  const refuse = (where: string) =>
    new UsageError(`${what} works on local, git and postgres stores; ${where} is an Ortelius server`, {
      hint: 'name a store with --store (or SHIPLOG_STORE), e.g. --store git+origin',
    });
  if ((await ctx.backendKind?.()) === 'ortelius') throw refuse('the backend');
  const backend = await ctx.backend();
  if (backend instanceof RecordBackend) return backend.store;
  throw refuse(backend.location);
}

async function openNamed(ctx: OperationContext, url: string, storePassword: string | undefined): Promise<DocumentStore> {
  const loc = parseStoreUrl(url, ctx.host.cwd);
  if (loc.kind === 'ortelius') {
    throw new UsageError(`${loc.display} is an Ortelius server, not a store shiplog can copy`, {
      hint: 'store copy works on local, git and postgres stores',
    });
  }
  const { openDocumentStore } = await import('../backend/open-store.js');
  return openDocumentStore(ctx.host, loc, {
    storePassword,
    ...(ctx.deadline ? { deadline: ctx.deadline } : {}),
    ...(ctx.maxResponseBytes ? { maxResponseBytes: ctx.maxResponseBytes } : {}),
  });
}

function countLine(c: { documents: number; environmentStates: number; deployments: number }): string {
  return `${c.documents} document(s), ${c.environmentStates} current state(s), ${c.deployments} deployment(s)`;
}

// ---- store info -------------------------------------------------------------------------------------

export interface StoreInfoResult extends CommandResultBase, Omit<StoreInfo, 'kind' | 'location'> {
  operation: 'store-info';
}

export const storeInfoCommand: CommandModule<Record<string, never>, StoreInfoResult> = {
  name: 'store-info',
  summary: 'Which store this command uses (kind, location without credentials, where it was chosen), its schema version and counts',
  examples: [
    'shiplog store info',
    'shiplog store info --store git+origin --json',
    'SHIPLOG_STORE=postgres://ci@db.internal/shiplog shiplog store info',
  ],
  mutating: false,
  request: () => ({}),
  async run(ctx) {
    const info = await (await recordStore(ctx, 'store info')).info();
    const { kind: _kind, location: _location, ...rest } = info;
    return { ok: true, operation: 'store-info', ...rest };
  },
  render(res) {
    const r = res as StoreInfoResult & { store?: { kind: string; location: string; source: string }; config?: string | null };
    const lines = [
      `store:    ${r.store ? `${r.store.kind} ${r.store.location} (${sourceText(r.store.source)})` : '?'}`,
      `config:   ${r.config ?? 'none (default pipeline: dev -> qa -> prod)'}`,
      `schema:   ${r.schema === 'absent' ? 'none yet (created by the first write)' : r.schema}`,
      `records:  ${r.counts.componentVersions} component version(s), ${r.counts.applicationVersions} application version(s), ${r.counts.deployments} deployment(s), ${r.counts.environmentStates} current state(s)`,
      `next ids: cv:${r.next.componentVersion} av:${r.next.applicationVersion} deployment ${r.next.deployment}`,
      ...Object.entries(r.details ?? {}).map(([k, v]) => `${`${k}:`.padEnd(10)}${v}`),
    ];
    return lines.join('\n');
  },
};

function sourceText(source: string): string {
  switch (source) {
    case 'flag':
      return 'from --store';
    case 'env':
      return 'from SHIPLOG_STORE';
    case 'config':
      return 'from [store] url in shiplog.toml';
    case 'state-dir':
      return 'from --state-dir';
    case 'backend':
      return 'from --backend';
    default:
      return 'discovered';
  }
}

// ---- store copy -------------------------------------------------------------------------------------

export interface StoreCopyRequest {
  from?: string;
  to: string;
  /** --store-password / SHIPLOG_STORE_PASSWORD: for whichever of the two stores needs one. */
  storePassword?: string;
}

export interface StoreCopyResult extends CommandResultBase, Omit<CopyReport, 'digest'> {
  operation: 'store-copy';
  from: string;
  to: string;
  verified: true;
}

export const storeCopyCommand: CommandModule<StoreCopyRequest, StoreCopyResult> = {
  name: 'store-copy',
  summary: 'Copy every record (ids kept) from one store into another of any engine; idempotent, verified by reading both back',
  examples: [
    'shiplog store copy --to postgres://shiplog@db.internal:5432/shiplog',
    'shiplog store copy --from .shiplog --to git+https://github.com/acme/release-state.git',
    'shiplog store copy --from git+origin --to /backup/shiplog-$(date +%F)',
  ],
  mutating: false,
  request(inputs: ResolvedInputs) {
    const to = str(inputs, 'to');
    const from = str(inputs, 'from');
    const storePassword = str(inputs, 'store-password');
    return { to: to ?? '', ...(from ? { from } : {}), ...(storePassword ? { storePassword } : {}) };
  },
  async run(ctx, req) {
    const to = await openNamed(ctx, req.to, req.storePassword);
    try {
      const from = req.from !== undefined ? await openNamed(ctx, req.from, req.storePassword) : await recordStore(ctx, 'store copy');
      try {
        if (from.kind === to.kind && from.location === to.location) {
          throw new UsageError(`store copy: --from and --to are the same store (${to.location})`);
        }
        ctx.host.log.info(`copying ${from.kind} ${from.location} -> ${to.kind} ${to.location}`);
        let lastShown = 0;
        const report = await copyStore(from, to, {
          onProgress: (p) => {
            if (p.read - lastShown >= 10_000) {
              lastShown = p.read;
              ctx.host.log.info(`  ${p.read} record(s) read, ${p.written} written`);
            }
          },
        });
        const { digest: _digest, ...rest } = report;
        return { ok: true, operation: 'store-copy', from: from.location, to: to.location, ...rest, verified: true };
      } finally {
        if (req.from !== undefined) await from.close();
      }
    } finally {
      await to.close();
    }
  },
  render(r) {
    return [
      `copied ${r.from} -> ${r.to}: ${r.written} record(s) written in ${r.transactions} transaction(s), ${r.alreadyPresent} already there`,
      `verified: both hold ${countLine(r.counts)}; next ids cv:${r.next.componentVersion} av:${r.next.applicationVersion} deployment ${r.next.deployment}`,
    ].join('\n');
  },
};

// ---- store check ------------------------------------------------------------------------------------

export interface StoreCheckResult extends CommandResultBase {
  operation: 'store-check';
  location: string;
  consistent: boolean;
  counts: { documents: number; environmentStates: number; deployments: number };
  problems: StoreProblem[];
}

export const storeCheckCommand: CommandModule<Record<string, never>, StoreCheckResult> = {
  name: 'store-check',
  summary: 'Read every record of the store and report what does not hold together (exit 1 when anything is found)',
  examples: ['shiplog store check', 'shiplog store check --store git+origin --json'],
  mutating: false,
  request: () => ({}),
  async run(ctx) {
    const store = await recordStore(ctx, 'store check');
    const report = await checkStore(store);
    const result: StoreCheckResult = {
      ok: true,
      operation: 'store-check',
      location: store.location,
      consistent: report.problems.length === 0,
      counts: report.counts,
      problems: report.problems,
    };
    if (report.problems.length > 0) {
      for (const p of report.problems) ctx.host.log.info(`  ${p.record}: ${p.problem}`);
      throw new StoreInconsistentError(
        `store ${store.location}: ${report.problems.length} problem(s) in ${countLine(report.counts)}`,
        result as unknown as Record<string, unknown>,
        {
          hint: "restore the store from a copy (shiplog store copy) or its history (git: the state ref's log), then run store check again",
        },
      );
    }
    return result;
  },
  render(r) {
    return `store ${r.location} is consistent: ${countLine(r.counts)} read`;
  },
};
