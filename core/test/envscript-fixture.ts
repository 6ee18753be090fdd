/**
 * A tiny OperationContext for envscript tests: a memory Host over a real directory and a backend that only
 * implements listComponentVersions (the one call envscript makes).
 */
import type { Backend } from '../src/backend/backend.js';
import { readCiContext } from '../src/ci-context.js';
import { createMemoryHost, type Env } from '../src/host.js';
import type { ComponentVersion } from '../src/model.js';
import type { OperationContext } from '../src/operations/context.js';

export interface FakeCtx extends OperationContext {
  host: ReturnType<typeof createMemoryHost>;
  /** Bases asked for, in order. */
  asked: string[];
}

export function fakeContext(opts: {
  cwd: string;
  env?: Env;
  versions?: (base: string) => Promise<Partial<ComponentVersion>[]>;
  dryRun?: boolean;
  now?: Date;
}): FakeCtx {
  const host = createMemoryHost({ cwd: opts.cwd, env: opts.env ?? {}, now: () => opts.now ?? new Date('2026-03-05T07:08:09Z') });
  const asked: string[] = [];
  const backend = {
    kind: 'local',
    location: 'fake',
    async listComponentVersions(base: string) {
      asked.push(base);
      return ((await opts.versions?.(base)) ?? []) as ComponentVersion[];
    },
  } as unknown as Backend;
  return {
    host,
    asked,
    dryRun: opts.dryRun ?? false,
    backend: async () => backend,
    actor: async () => {
      throw new Error('envscript must not need an actor');
    },
    pipeline: async () => {
      throw new Error('envscript must not need the pipeline config');
    },
    ci: () => readCiContext(host.env, host.cwd),
  };
}
