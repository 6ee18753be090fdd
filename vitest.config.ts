import { availableParallelism } from 'node:os';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages import @shiplog/core from its TypeScript sources (core/package.json `exports`).
  resolve: { conditions: ['shiplog-source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['shiplog-source', ...defaultServerConditions] } },
  test: {
    include: ['core/**/*.test.ts', 'adapters/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Many suites wait (on child processes, servers that stall on purpose, timeouts) rather than compute, so more
    // files run at once than there are cores (vitest's default is cores - 1: one file at a time on a 2-core
    // runner; with 3 at a time the cores were still idle a quarter of the run). SHIPLOG_TEST_WORKERS overrides it
    // (1 = one file at a time, for debugging an ordering problem).
    maxWorkers: Number(process.env.SHIPLOG_TEST_WORKERS) || Math.max(4, availableParallelism() * 2),
    // One throwaway PostgreSQL cluster per run, started by the first postgres test (docs/store-postgres.md).
    globalSetup: ['core/test/support/pg-global-setup.ts'],
    // Every result a test gets from execute() or the in-process CLI is validated against schemas/ (ajv).
    setupFiles: ['core/test/support/result-schema-setup.ts'],
    // The JSON report feeds .ci/run's closing "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'node_modules/.cache/shiplog/vitest-results.json' }]],
  },
});
