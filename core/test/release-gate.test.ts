/**
 * plan's release gate (intent/gate-check.ts releaseGate): one plan asks about an application version once per
 * environment, and must read its record once (issue 18: a plan of 200 applications x 10 environments read every
 * record ten times and rebuilt the gate's view of every deployment each time). The verdicts stay per environment.
 */
import { describe, expect, it } from 'vitest';
import type { Backend } from '../src/backend/backend.js';
import { releaseGate } from '../src/intent/gate-check.js';
import type { AppVersionRecord, ApplicationVersion } from '../src/model.js';
import { parsePipelineConfig, requireEnvironmentStage } from '../src/pipeline-config.js';

const PIPELINE = parsePipelineConfig(
  [
    '[[stage]]',
    'name = "qa"',
    'environments = ["qa-1", "qa-2"]',
    '',
    '[[stage]]',
    'name = "prod"',
    'environments = ["prod-eu"]',
    'approval = true',
    '',
  ].join('\n'),
  'shiplog.toml',
);

const av = (version: string): ApplicationVersion => ({
  id: `av:${version}`,
  name: `GLOBAL.Acme.Store.shop;${version}`,
  application: 'GLOBAL.Acme.Store.shop',
  version,
  components: [],
  stage: 'qa',
  createdAt: '2026-01-01T00:00:00.000Z',
  provenance: { provider: 'local', isCi: false },
});

describe('releaseGate', () => {
  it('reads each application version record once per plan and judges every environment apart', async () => {
    const reads: string[] = [];
    const backend = {
      async applicationVersionRecord(name: string): Promise<AppVersionRecord> {
        reads.push(name);
        await new Promise((r) => setTimeout(r, 5));
        const appVersion = name.endsWith(';1') ? av('1') : av('2');
        return { appVersion, components: [], approvals: [], moves: [], deployments: [] };
      },
    } as unknown as Backend;
    const gate = releaseGate(
      PIPELINE,
      backend,
      async () => ({ id: 'tester', source: 'self-asserted' }),
      () => new Date('2026-01-02T00:00:00.000Z'),
    );
    const target = (environment: string) => ({ environment, stage: requireEnvironmentStage(PIPELINE, environment) });
    // Asked concurrently, as plan asks: still one read per version.
    const verdicts = await Promise.all([
      gate(av('1'), target('qa-1')),
      gate(av('1'), target('qa-2')),
      gate(av('1'), target('prod-eu')),
      gate(av('2'), target('qa-1')),
      gate(av('2'), target('prod-eu')),
    ]);
    expect(reads.sort()).toEqual(['GLOBAL.Acme.Store.shop;1', 'GLOBAL.Acme.Store.shop;2']);
    expect(verdicts.map((v) => v.passed)).toEqual([true, true, false, true, false]);
    expect(verdicts[2].unmetRules.map((r) => r.stage)).toContain('prod');
  });
});
