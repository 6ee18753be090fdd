/**
 * The release policy through the CLI: show (with the application version as a word), check-gate's exit codes,
 * history --kind, status marking an override, refusals in --json, and --as only outside CI.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { APP, CART, makeRepo, runCliInProcess, type TestRepo } from './execute-fixtures.js';

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

const AV = `${APP};1`;
const POLICY = `[[stage]]
name = "dev"
[[stage]]
name = "qa"
[[stage]]
name = "prod"
approvers = ["alice@example.com", "bob@example.com"]
allow_override = true
`;

function cli(argv: string[], env: Record<string, string> = {}) {
  return runCliInProcess(argv, { cwd: repo!.dir, env: { ...repo!.env, ...env } });
}

/** A version in qa, deployed in dev and qa. */
async function inQa(): Promise<void> {
  repo = makeRepo({ 'shiplog.toml': POLICY }, { git: false });
  expect(
    (await cli(['version-update', '--component-name', CART, '--component-version', '1', '--application', APP, '--as', 'dana@example.com']))
      .code,
  ).toBe(0);
  expect((await cli(['deploy', '--application', AV, '--env', 'dev', '--exit-code', '0', '--as', 'dana@example.com'])).code).toBe(0);
  expect((await cli(['move', '--application', AV, '--to', 'qa', '--as', 'dana@example.com'])).code).toBe(0);
  expect((await cli(['deploy', '--application', AV, '--env', 'qa', '--exit-code', '0', '--as', 'dana@example.com'])).code).toBe(0);
}

describe('release policy on the CLI', () => {
  it('check-gate: exit 1 naming every unmet rule (as move would), exit 0 once it passes', async () => {
    await inQa();
    const refused = await cli(['check-gate', '--application', APP, '--to', 'prod']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /^shiplog: error: move of GLOBAL\.Acme\.Store\.shop;1 to prod refused by the release policy: approval: .*needs an approval for stage prod from alice@example\.com, bob@example\.com \(next: shiplog approve --application "GLOBAL\.Acme\.Store\.shop;1" --stage prod/,
    );
    const move = await cli(['move', '--application', APP, '--to', 'prod', '--dry-run']);
    expect(move.code).toBe(1);
    expect(move.err.split('\n')[0]).toBe(refused.err.split('\n')[0]);
    const json = await cli(['check-gate', '--application', APP, '--env', 'prod', '--json']);
    expect(json.code).toBe(1);
    expect(json.json()).toMatchObject({
      ok: false,
      operation: 'check-gate',
      gatePassed: false,
      unmetRules: [{ rule: 'stage-reached' }, { rule: 'approval', missing: 1 }],
      error: { code: 'GATE_REFUSED' },
    });
    expect((await cli(['approve', '--application', APP, '--stage', 'prod', '--as', 'alice@example.com', '--notes', 'CAB-1'])).code).toBe(0);
    const ok = await cli(['check-gate', '--application', APP, '--to', 'prod', '--json']);
    expect(ok.code).toBe(0);
    expect(ok.json()).toMatchObject({ ok: true, gatePassed: true, unmetRules: [], action: 'move', from: 'qa', stage: 'prod' });
    expect(ok.err).toBe('gate passes: move of GLOBAL.Acme.Store.shop;1 to prod\n');
  });

  it('show: the application version as a word or --application; every decision and what each stage still needs', async () => {
    await inQa();
    expect(
      (await cli(['approve', '--application', APP, '--stage', 'prod', '--as', 'bob@example.com', '--reject', '--notes', 'perf regression']))
        .code,
    ).toBe(0);
    const r = await cli(['show', AV]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('GLOBAL.Acme.Store.shop;1: stage qa; recorded');
    expect(r.err).toMatch(/reject\s+bob@example\.com\s+self-asserted\s+prod "perf regression"/);
    expect(r.err).toMatch(/prod: needs rejected: GLOBAL\.Acme\.Store\.shop;1 was rejected for stage prod by bob@example\.com/);
    const json = await cli(['show', '--application', APP, '--json']);
    expect(json.json()).toMatchObject({
      appVersion: AV,
      stage: 'qa',
      actor: { id: 'dana@example.com', source: 'self-asserted' },
      stages: [
        { name: 'dev', state: 'passed' },
        { name: 'qa', state: 'current' },
        { name: 'prod', state: 'ahead', gatePassed: false, unmetRules: [{ rule: 'rejected' }] },
      ],
    });
    expect((json.json().events as { kind: string }[]).map((e) => e.kind)).toEqual(['deploy', 'move', 'deploy', 'reject']);
    const both = await cli(['show', AV, '--application', APP]);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/either as a word or with --application/);
  });

  it('an override is recorded and marked by status and history; history --kind lists decisions', async () => {
    await inQa();
    const over = await cli([
      'deploy',
      '--application',
      AV,
      '--env',
      'prod',
      '--exit-code',
      '0',
      '--override',
      '--reason',
      'INC-7 hotfix',
      '--as',
      'dana@example.com',
      '--json',
    ]);
    expect(over.code, over.err).toBe(0);
    expect(over.err).toMatch(/warning: overriding the release policy \(stage-reached, approval\): INC-7 hotfix/);
    expect(over.json()).toMatchObject({
      gatePassed: false,
      override: { reason: 'INC-7 hotfix', rules: [{ rule: 'stage-reached' }, { rule: 'approval' }] },
    });
    const status = await cli(['status', '--env', 'prod', '--format', 'table']);
    expect(status.out).toMatch(/prod\s+GLOBAL\.Acme\.Store\.shop\s+1 \(override\)/);
    const history = await cli(['history', '--env', 'prod', '--format', 'table']);
    expect(history.out).toMatch(/record \(override\)/);
    const kinds = await cli(['history', '--kind', 'override', '--json']);
    expect(kinds.json()).toMatchObject({
      kind: 'override',
      deployments: [],
      events: [{ kind: 'override', environment: 'prod', reason: 'INC-7 hotfix', actor: { id: 'dana@example.com' } }],
    });
    const moves = await cli(['history', '--kind', 'move', '--format', 'table']);
    expect(moves.out).toMatch(/EVENT\s+ACTOR\s+SOURCE\s+DETAIL/);
    expect(moves.out).toMatch(/move\s+dana@example\.com\s+self-asserted\s+dev -> qa/);
    const csv = await cli(['history', '--kind', 'move', '--format', 'csv']);
    expect(csv.out.split('\n')[0]).toBe('TIME,APPLICATION,VERSION,EVENT,ACTOR,SOURCE,DETAIL');
    const none = await cli(['history', '--kind', 'reject']);
    expect(none.out).toBe('');
    expect(none.err).toMatch(/no rejections/);
    expect((await cli(['history', '--kind', 'bogus'])).code).toBe(2);
  });

  it('--override needs --reason and an allowing stage; --as is refused in CI', async () => {
    await inQa();
    const noReason = await cli(['move', '--application', AV, '--to', 'prod', '--override']);
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain('--override needs --reason');
    repo!.write('shiplog.toml', POLICY.replace('allow_override = true', ''));
    const denied = await cli(['move', '--application', AV, '--to', 'prod', '--override', '--reason', 'now']);
    expect(denied.code).toBe(1);
    expect(denied.err).toMatch(/override: prod does not allow --override \(allow_override = false\)/);
    const ci = await cli(['approve', '--application', AV, '--stage', 'prod', '--as', 'alice@example.com'], {
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTOR: 'octocat',
    });
    expect(ci.code).toBe(2);
    expect(ci.err).toMatch(/--as is accepted only outside CI/);
  });
});
