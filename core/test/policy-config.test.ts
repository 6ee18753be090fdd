/**
 * The release-policy keys of shiplog.toml: what they parse to, and the bad-config table (every problem of a file
 * in one exit-2 error, before anything is written, on the real store).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/errors.js';
import { defaultPipelineConfig, parsePipelineConfig } from '../src/pipeline-config.js';
import { APP, makeRepoWithAppVersion, type TestRepo } from './execute-fixtures.js';

function problemsOf(text: string): string[] {
  try {
    parsePipelineConfig(text, 'shiplog.toml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).exitCode).toBe(2);
    return (err as ConfigError).problems ?? [(err as Error).message];
  }
  throw new Error('expected a config error');
}

const THREE = '[[stage]]\nname = "dev"\n[[stage]]\nname = "qa"\n[[stage]]\nname = "prod"\n';

describe('release policy config', () => {
  it('reads every key of a stage, [groups] and a freeze', () => {
    const cfg = parsePipelineConfig(
      `[groups]
release = ["alice@example.com", "github:octocat"]
[[stage]]
name = "dev"
require_success = false
[[stage]]
name = "perf"
optional = true
[[stage]]
name = "qa"
after = "dev"
all_environments = true
environments = ["qa-1", "qa-2"]
[[stage]]
name = "prod"
after = "qa"
branches = ["main", "release/*"]
wait = "30m"
approvers = ["group:release", "bob@example.com"]
min_approvals = 2
allow_self_approval = false
expires = "7d"
trust = ["ci", "verified"]
allow_override = true
[[freeze]]
environments = ["prod"]
from = 2026-12-20T18:00:00
to = 2027-01-04T06:00:00
time_zone = "Europe/Berlin"
`,
      'shiplog.toml',
    );
    const prod = cfg.stages.find((s) => s.name === 'prod')!;
    expect(prod.requiresApproval).toBe(true);
    expect(prod.policy).toEqual({
      after: 'qa',
      optional: false,
      requireSuccess: true,
      allEnvironments: false,
      branches: ['main', 'release/*'],
      wait: { text: '30m', ms: 30 * 60_000 },
      approvers: ['group:release', 'bob@example.com'],
      minApprovals: 2,
      allowSelfApproval: false,
      expires: { text: '7d', ms: 7 * 86_400_000 },
      trust: ['ci', 'verified'],
      allowOverride: true,
    });
    expect(cfg.stages.map((s) => [s.name, s.policy?.after, s.policy?.optional, s.policy?.requireSuccess])).toEqual([
      ['dev', undefined, false, false],
      ['perf', 'dev', true, true],
      ['qa', 'dev', false, true],
      ['prod', 'qa', false, true],
    ]);
    expect(cfg.groups).toEqual({ release: ['alice@example.com', 'github:octocat'] });
    // Berlin is at +01:00 in winter: the window is stored as instants.
    expect(cfg.freezes).toMatchObject([
      { name: 'freeze 1', schedule: { kind: 'absolute', from: '2026-12-20T17:00:00.000Z', to: '2027-01-04T05:00:00.000Z' } },
    ]);
  });

  it('the built-in pipeline keeps the old behaviour: prod needs one approval, qa may be skipped, no success requirement', () => {
    const cfg = defaultPipelineConfig();
    expect(cfg.stages.map((s) => [s.name, s.policy?.after, s.policy?.optional, s.policy?.minApprovals, s.policy?.requireSuccess])).toEqual([
      ['dev', undefined, false, 0, false],
      ['qa', 'dev', true, 0, false],
      ['prod', 'qa', false, 1, false],
    ]);
  });

  // The bad-config table: each file and every problem its one error must name.
  it.each([
    [
      'an unknown stage in after',
      `${THREE}[[stage]]\nname = "live"\nafter = "staging"\n`,
      ['stage "live": after = "staging" is not a stage (stages: dev, qa, prod, live)'],
    ],
    [
      'a cycle',
      '[[stage]]\nname = "dev"\n[[stage]]\nname = "qa"\nafter = "prod"\n[[stage]]\nname = "prod"\nafter = "qa"\n',
      ['stages "qa" -> "prod" -> "qa" form a cycle (each "after" must lead back to the first stage)'],
    ],
    [
      'an unknown approver group',
      `${THREE}approvers = ["group:release", "bob@example.com"]\n`,
      ['stage "prod": approver "group:release" names a group that does not exist (groups: none; define them under [groups])'],
    ],
    [
      'a freeze whose from is after its to',
      `${THREE}[[freeze]]\nname = "xmas"\nenvironments = ["prod"]\nfrom = 2026-12-27T00:00:00\nto = 2026-12-20T00:00:00\ntime_zone = "UTC"\n`,
      ['freeze "xmas": "from" (2026-12-27T00:00:00.000) is not before "to" (2026-12-20T00:00:00.000)'],
    ],
    [
      'min_approvals larger than the approver list',
      `[groups]\nrelease = ["alice@example.com"]\n${THREE}approvers = ["group:release", "bob@example.com"]\nmin_approvals = 3\n`,
      ['stage "prod": min_approvals = 3 is larger than the approver list (2: alice@example.com, bob@example.com)'],
    ],
  ])('%s: exit 2 naming it', (_, text, problems) => {
    expect(problemsOf(text)).toEqual(problems);
  });

  it('every problem of a file at once', () => {
    const problems = problemsOf(`[groups]
ops = ["group:release"]
[[stage]]
name = "dev"
after = "qa"
[[stage]]
name = "qa"
wait = "soon"
trust = ["ci", "email"]
[[stage]]
name = "prod"
after = "nowhere"
approvers = ["group:missing"]
min_approvals = 4
approval = false
[[freeze]]
environments = ["prd-*"]
from = "Fri 25:00"
to = "Mon 06:00"
`);
    expect(problems).toEqual([
      'stage "qa": trust "email" is not an identity source (ci, verified, git, os, self-asserted, ci:<platform>, verified:<platform>)',
      'stage "qa": "wait" must be a duration like "30m", "12h" or "7d" (got "soon")',
      'group "ops" holds "group:release": a group cannot hold another group',
      'stage "dev": the first stage cannot have "after" (new versions start in it)',
      'stage "prod": after = "nowhere" is not a stage (stages: dev, qa, prod)',
      'stage "prod": approver "group:missing" names a group that does not exist (groups: ops)',
      'stage "prod": approval = false, but approvers or min_approvals ask for approvals',
      'freeze 1: environments "prd-*" matches no environment of the pipeline',
      'freeze 1: "from" time 25:00 is not a time of day',
      'freeze 1: a weekly window needs "time_zone" (e.g. "Europe/Berlin", "UTC")',
    ]);
  });

  it('an unknown time zone and a mixed window are problems', () => {
    expect(
      problemsOf(`${THREE}[[freeze]]\nenvironments = ["prod"]\nfrom = "Fri 18:00"\nto = 2026-01-01T00:00:00\ntime_zone = "Mars/Olympus"\n`),
    ).toEqual([
      'freeze 1: "time_zone" "Mars/Olympus" is not a time zone (e.g. "Europe/Berlin", "UTC")',
      'freeze 1: "from" and "to" must both be date-times (2026-12-20T18:00:00) or both weekday times ("Fri 18:00")',
    ]);
  });
});

describe('a bad policy stops every command before it writes', () => {
  let repo: TestRepo;
  afterEach(() => repo?.cleanup());

  it('move, approve and deploy exit 2 with every problem, and the store is byte-identical', async () => {
    repo = await makeRepoWithAppVersion();
    repo.write(
      'shiplog.toml',
      '[[stage]]\nname = "dev"\n[[stage]]\nname = "qa"\nafter = "prod"\n[[stage]]\nname = "prod"\nafter = "qa"\napprovers = ["group:x"]\n',
    );
    const before = repo.storeSnapshot();
    for (const [cmd, inputs] of [
      ['move', { application: APP }],
      ['approve', { application: APP, stage: 'prod' }],
      ['deploy', { application: APP, env: 'dev', 'exit-code': 0 }],
    ] as const) {
      const r = await repo.run(cmd, inputs);
      expect(r.exitCode).toBe(2);
      expect((r.result.error as { problems: string[] }).problems).toEqual([
        'stage "prod": approver "group:x" names a group that does not exist (groups: none; define them under [groups])',
        'stages "qa" -> "prod" -> "qa" form a cycle (each "after" must lead back to the first stage)',
      ]);
    }
    expect(repo.storeSnapshot()).toEqual(before);
  });
});
