/**
 * The release-policy gate suite: one row per rule, run through execute() (as the CLI and every adapter run) on
 * any backend. Each row builds an application version, walks it up to the refused step, then checks that
 * - the step is refused with exit 1 naming exactly the expected rules (`gatePassed: false`, `unmetRules`),
 * - `--dry-run` of the same step gives the same exit code, the same message and the same rules,
 * - neither wrote anything (the backend's snapshot is byte-identical),
 * and whatever the row adds after (an override recorded and shown, a later approval that passes).
 * A backend joins with one line: describeGateSuite(name, factory) (gate-local, gate-git and gate-ortelius .test.ts run it).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execute, type ExecuteInputs, type ExecuteOutcome } from '../src/execute.js';
import { createMemoryHost } from '../src/host.js';
import type { CommandName } from '../src/inputs.js';
import type { UnmetRule } from '../src/model.js';
import { makeRepo, type TestRepo } from './execute-fixtures.js';

export interface GateBackend {
  /** Environment variables that point execute() at the backend (SHIPLOG_STORE, DHURL...). */
  env: Record<string, string>;
  /** Everything the backend stores, as one string: equal before and after means nothing was written. */
  snapshot(): Promise<string>;
  cleanup(): Promise<void>;
}

export const APP = 'GLOBAL.Acme.Store.shop';
const CART = 'GLOBAL.Acme.Store.cart';
const AV = `${APP};1`;
/** A Monday, 10:00 UTC. */
export const T0 = Date.parse('2026-03-02T10:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

export const POLICY = `
[groups]
release = ["alice@example.com", "github:octocat"]

[[stage]]
name = "dev"

[[stage]]
name = "qa"

[[stage]]
name = "prod"
wait = "30m"
branches = ["main", "release/*"]
approvers = ["group:release", "bob@example.com"]
allow_self_approval = false
expires = "7d"
allow_override = true
`;

interface Step {
  cmd: CommandName;
  inputs: ExecuteInputs;
  /** ms after T0. */
  at?: number;
  env?: Record<string, string>;
  /** Expected exit code (default 0). */
  exit?: number;
}

/** A GitHub Actions build on `branch` by `actor`: the platform names both. */
const github = (actor: string, branch = 'main') => ({
  GITHUB_ACTIONS: 'true',
  GITHUB_ACTOR: actor,
  GITHUB_REF_NAME: branch,
  GITHUB_REF: `refs/heads/${branch}`,
  GITHUB_REPOSITORY: 'acme/store',
  GITHUB_RUN_ID: '7',
});

const build = (actor = 'builder', branch = 'main'): Step => ({
  cmd: 'version-update',
  inputs: { 'component-name': CART, 'component-version': '1.0.0', application: APP, 'app-version': '1' },
  env: github(actor, branch),
});
const deploy = (env: string, at = 0, exit = 0, more: ExecuteInputs = {}): Step => ({
  cmd: 'deploy',
  inputs: { application: AV, env, 'exit-code': exit, as: 'deployer@example.com', ...more },
  at,
  exit: exit === 0 ? 0 : 1,
});
const move = (to: string, at = 0, more: ExecuteInputs = {}): Step => ({
  cmd: 'move',
  inputs: { application: AV, to, as: 'deployer@example.com', ...more },
  at,
});
const approve = (stage: string, as: string, at = 0, more: ExecuteInputs = {}): Step => ({
  cmd: 'approve',
  inputs: { application: AV, stage, as, ...more },
  at,
});
const reject = (stage: string, as: string, at = 0): Step => approve(stage, as, at, { reject: true, notes: 'smoke tests red' });

/** dev deployed and left, qa deployed at T0: everything prod needs but its approval and the 30m soak. */
const toQa = (b: Step = build()): Step[] => [b, deploy('dev', -60 * MIN), move('qa', -50 * MIN), deploy('qa', 0)];
/** ...approved for prod and moved there at T0 + 40m. */
const toProd = (b: Step = build()): Step[] => [...toQa(b), approve('prod', 'alice@example.com', 35 * MIN), move('prod', 40 * MIN)];

interface Ctx {
  run(step: Step): Promise<ExecuteOutcome>;
  backend: GateBackend;
}

interface GateRow {
  name: string;
  toml?: string;
  setup: Step[];
  /** The refused step. */
  probe: Step;
  rules: string[];
  message?: RegExp;
  /** More checks once the refusal (and its dry run) have been checked. */
  then?: (t: Ctx, refused: ExecuteOutcome) => Promise<void>;
}

const FREEZE_MIDNIGHT = `${POLICY}
[[freeze]]
name = "friday-night"
environments = ["prod*"]
from = "Fri 22:00"
to = "Sat 02:00"
time_zone = "Europe/Berlin"
reason = "weekend on-call is thin"
`;

const FREEZE_DST = `${POLICY}
[[freeze]]
name = "sunday-maintenance"
environments = ["prod"]
from = "Sun 01:00"
to = "Sun 04:00"
time_zone = "America/New_York"
`;

/** Sat 2026-03-07 00:30Z = 01:30 in Berlin (CET): inside Fri 22:00 -> Sat 02:00, past local midnight. */
const SAT_0030Z = Date.parse('2026-03-07T00:30:00Z') - T0;
/** Sun 2026-03-08 07:30Z = 03:30 EDT, after New York's clocks went from 02:00 EST to 03:00 EDT. */
const DST_0730Z = Date.parse('2026-03-08T07:30:00Z') - T0;

export const GATE_ROWS: GateRow[] = [
  {
    name: 'a rejected version, record-only deployed to prod, is refused',
    setup: [...toProd(), reject('prod', 'bob@example.com', 45 * MIN)],
    probe: deploy('prod', 50 * MIN),
    rules: ['rejected'],
    message:
      /rejected: .*rejected for stage prod by bob@example\.com \(self-asserted\) at .*\("smoke tests red"\).*next: a later approval by one of alice@example\.com, github:octocat, bob@example\.com/,
    then: async (t) => {
      // The same deployment with --override --reason: recorded with who and why, and shown everywhere.
      const over = await t.run(deploy('prod', 55 * MIN, 0, { override: true, reason: 'hotfix INC-42' }));
      expect(over.exitCode, JSON.stringify(over.result)).toBe(0);
      expect(over.result).toMatchObject({
        gatePassed: false,
        override: {
          reason: 'hotfix INC-42',
          actor: { id: 'deployer@example.com', source: 'self-asserted' },
          rules: [{ rule: 'rejected' }],
        },
      });
      const id = (over.result.deployment as { id: number }).id;
      const status = await t.run({ cmd: 'status', inputs: { env: 'prod' } });
      expect(status.result.environments).toMatchObject([{ deploymentId: id, override: { reason: 'hotfix INC-42' } }]);
      const history = await t.run({ cmd: 'history', inputs: { env: 'prod' } });
      expect((history.result.deployments as unknown[])[0]).toMatchObject({
        id,
        override: { reason: 'hotfix INC-42' },
        actor: { id: 'deployer@example.com' },
      });
      const overrides = await t.run({ cmd: 'history', inputs: { kind: 'override' } });
      expect(overrides.result.events).toMatchObject([
        { kind: 'override', environment: 'prod', deploymentId: id, reason: 'hotfix INC-42', rules: ['rejected'] },
      ]);
      const show = await t.run({ cmd: 'show', inputs: { application: AV } });
      expect((show.result.events as { kind: string }[]).map((e) => e.kind)).toEqual([
        'deploy',
        'move',
        'deploy',
        'approve',
        'move',
        'reject',
        'deploy',
        'override',
      ]);
    },
  },
  {
    name: 'a skipped stage is refused, naming it',
    setup: [build(), deploy('dev'), approve('prod', 'alice@example.com')],
    probe: move('prod', 60 * MIN),
    rules: ['stage-order'],
    message: /would skip qa \(not optional\).*next: shiplog move --application "GLOBAL\.Acme\.Store\.shop;1" --to qa/,
  },
  {
    name: 'a failed dev deployment is refused, naming the deployment',
    setup: [build(), deploy('dev', 0), deploy('dev', 5 * MIN, 3)],
    probe: move('qa', 10 * MIN),
    rules: ['require-success'],
    message: /the last deployment of .* to dev \(deployment \d+ to dev\) failed/,
    then: async (t, refused) => {
      const [rule] = refused.result.unmetRules as UnmetRule[];
      expect(rule.deploymentId).toEqual(expect.any(Number));
      expect(refused.result.error).toMatchObject({ message: expect.stringContaining(`deployment ${rule.deploymentId} to dev`) });
    },
  },
  {
    name: 'a version built from a branch prod does not take is refused',
    setup: [...toQa(build('builder', 'feature/x')), approve('prod', 'alice@example.com', 35 * MIN)],
    probe: move('prod', 40 * MIN),
    rules: ['branches'],
    message: /built from feature\/x; prod takes only versions built from main, release\/\*/,
  },
  {
    name: 'the soak time after the qa deployment is enforced',
    setup: [...toQa(), approve('prod', 'alice@example.com', 5 * MIN)],
    probe: move('prod', 10 * MIN),
    rules: ['wait'],
    message: /soak in qa \(30m after deployment \d+ at 2026-03-02T10:00:00\.000Z\) ends in 20m, at 2026-03-02T10:30:00\.000Z/,
    then: async (t) => {
      expect((await t.run(move('prod', 30 * MIN))).exitCode).toBe(0);
    },
  },
  {
    name: 'the identity that recorded the version may not approve it (nothing stored)',
    setup: toQa(build('octocat')),
    probe: { cmd: 'approve', inputs: { application: AV, stage: 'prod' }, at: 5 * MIN, env: github('octocat') },
    rules: ['self-approval'],
    message: /octocat \(ci:github\) recorded GLOBAL\.Acme\.Store\.shop;1, and prod does not allow self-approval/,
  },
  {
    name: 'an approver not in the list is refused (nothing stored)',
    setup: toQa(),
    probe: approve('prod', 'mallory@example.com', 5 * MIN),
    rules: ['approvers'],
    message:
      /mallory@example\.com \(self-asserted\) is not an approver of prod \(approvers: group:release, bob@example\.com = alice@example\.com, github:octocat, bob@example\.com\)/,
  },
  {
    name: 'prod needs two approvals: one is refused, the second passes',
    toml: POLICY.replace('expires = "7d"', 'expires = "7d"\nmin_approvals = 2'),
    setup: [...toQa(), approve('prod', 'alice@example.com', 35 * MIN), approve('prod', 'alice@example.com', 36 * MIN)],
    probe: move('prod', 40 * MIN),
    rules: ['approval'],
    message:
      /needs 1 more approval for stage prod from group:release, bob@example\.com \(1 of 2; not counted: alice@example\.com \(alice@example\.com already approved\)\)/,
    then: async (t) => {
      expect((await t.run(approve('prod', 'bob@example.com', 41 * MIN))).exitCode).toBe(0);
      expect((await t.run(move('prod', 42 * MIN))).exitCode).toBe(0);
    },
  },
  {
    name: 'an expired approval no longer counts',
    setup: [...toQa(), approve('prod', 'alice@example.com', 35 * MIN)],
    probe: move('prod', 8 * DAY),
    rules: ['approval'],
    message:
      /needs an approval for stage prod from group:release, bob@example\.com \(not counted: alice@example\.com \(expired at 2026-03-09T10:35:00\.000Z \(expires = 7d\)\)\)/,
  },
  {
    name: 'a rejection blocks until a later approval by an allowed approver overrides it',
    setup: [...toQa(), approve('prod', 'alice@example.com', 33 * MIN), reject('prod', 'bob@example.com', 34 * MIN)],
    probe: move('prod', 40 * MIN),
    rules: ['rejected'],
    then: async (t) => {
      const again = await t.run(approve('prod', 'alice@example.com', 41 * MIN));
      expect(again.result).toMatchObject({ approved: true, overrides: { actor: { id: 'bob@example.com' } } });
      expect((await t.run(move('prod', 42 * MIN))).exitCode).toBe(0);
      const show = await t.run({ cmd: 'show', inputs: { application: AV } });
      const decisions = (show.result.events as { kind: string; actor: { id: string } }[]).filter(
        (e) => e.kind === 'approve' || e.kind === 'reject',
      );
      expect(decisions.map((e) => [e.kind, e.actor.id])).toEqual([
        ['approve', 'alice@example.com'],
        ['reject', 'bob@example.com'],
        ['approve', 'alice@example.com'],
      ]);
    },
  },
  {
    name: 'a weekly freeze crossing midnight refuses, and ends at its local end',
    toml: FREEZE_MIDNIGHT,
    setup: [...toQa(), approve('prod', 'alice@example.com', 35 * MIN)],
    probe: move('prod', SAT_0030Z),
    rules: ['freeze'],
    message:
      /prod is frozen by "friday-night" \(Fri 22:00 -> Sat 02:00 Europe\/Berlin\): weekend on-call is thin until 2026-03-07T01:00:00\.000Z/,
    then: async (t) => {
      expect((await t.run(move('prod', SAT_0030Z + 30 * MIN))).exitCode).toBe(0);
    },
  },
  {
    name: 'a weekly freeze keeps its local hours across a daylight saving change',
    toml: FREEZE_DST,
    setup: [...toQa(), approve('prod', 'alice@example.com', 35 * MIN)],
    probe: move('prod', DST_0730Z),
    rules: ['freeze'],
    message: /until 2026-03-08T08:00:00\.000Z/,
    then: async (t) => {
      // 08:00Z is 04:00 EDT: the window is over (with the winter offset it would be 03:00, still inside).
      expect((await t.run(move('prod', DST_0730Z + 30 * MIN))).exitCode).toBe(0);
    },
  },
];

export function describeGateSuite(name: string, factory: (dir: string) => Promise<GateBackend>): void {
  describe(`release policy gates: ${name}`, () => {
    let dir: string;
    let backend: GateBackend;
    let repo: TestRepo;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'shiplog-gate-'));
      backend = await factory(dir);
    });
    afterEach(async () => {
      repo?.cleanup();
      await backend.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    it.each(GATE_ROWS.map((r) => [r.name, r] as const))('%s', async (_, row) => {
      repo = makeRepo({ 'shiplog.toml': row.toml ?? POLICY }, { git: false });
      const t: Ctx = {
        backend,
        async run(step) {
          const host = createMemoryHost({
            env: { ...repo.env, ...backend.env, ...step.env },
            cwd: repo.dir,
            now: () => new Date(T0 + (step.at ?? 0)),
          });
          return execute(step.cmd, step.inputs, host);
        },
      };
      for (const step of row.setup) {
        const r = await t.run(step);
        expect(r.exitCode, `${step.cmd} ${JSON.stringify(step.inputs)}: ${JSON.stringify(r.result)}`).toBe(step.exit ?? 0);
      }
      const before = await backend.snapshot();
      const dry = await t.run({ ...row.probe, inputs: { ...row.probe.inputs, 'dry-run': true } });
      expect(await backend.snapshot()).toBe(before);
      const refused = await t.run(row.probe);
      expect(await backend.snapshot()).toBe(before);
      expect(refused.exitCode, JSON.stringify(refused.result)).toBe(1);
      expect(refused.result.gatePassed).toBe(false);
      expect((refused.result.unmetRules as UnmetRule[]).map((r) => r.rule)).toEqual(row.rules);
      const error = refused.result.error as { message: string };
      for (const rule of row.rules) expect(error.message).toContain(`${rule}: `);
      expect(error.message).toContain('(next: ');
      if (row.message) expect(error.message).toMatch(row.message);
      // Dry-run parity: the same exit code, message and rules.
      expect(dry.exitCode).toBe(refused.exitCode);
      expect(dry.result.error).toEqual(refused.result.error);
      expect(dry.result.unmetRules).toEqual(refused.result.unmetRules);
      await row.then?.(t, refused);
    });
  });
}
