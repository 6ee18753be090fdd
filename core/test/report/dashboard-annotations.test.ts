// The dashboard's gate and drift per cell (operations/report-annotations.ts) through `shiplog report` on the local
// store: the release policy's gate (waiting for approvals, passed, frozen, overridden, blocked) for the version
// waiting in an earlier environment and for the running one, and drift from intent.toml (in sync, drifted,
// missing, unplanned), in the model, the HTML and the markdown.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportResult } from '../../src/operations/report.js';
import { gateStatus } from '../../src/operations/report-annotations.js';
import type { Dashboard } from '../../src/report/dashboard-model.js';
import { APP, CART, makeRepo, type TestRepo } from '../execute-fixtures.js';

const PIPELINE = `
[[stage]]
name = "dev"
[[stage]]
name = "qa"
[[stage]]
name = "prod"
approval = true
min_approvals = 2
allow_override = true
`;

const FREEZE = `
[[freeze]]
name = "year-end"
environments = ["prod"]
from = 2026-01-01T00:00:00
to = 2026-01-10T00:00:00
time_zone = "UTC"
reason = "year-end change freeze"
`;

describe('dashboard gate and drift (shiplog report, local store)', () => {
  let repo: TestRepo | undefined;
  afterEach(() => {
    repo?.cleanup();
    repo = undefined;
  });

  async function ok(command: Parameters<TestRepo['run']>[0], inputs: Record<string, unknown>, env: Record<string, string> = {}) {
    const r = await repo!.run(command, inputs as never, { env });
    expect(r.exitCode, `${command} ${JSON.stringify(inputs)}: ${JSON.stringify(r.result.error)}`).toBe(0);
    return r;
  }

  async function report(): Promise<{ d: Dashboard; html: string; md: string }> {
    const r = await ok('report', { html: 'r.html', markdown: 'r.md', json: true });
    return {
      d: (r.result as unknown as ReportResult).dashboard,
      html: readFileSync(path.join(repo!.dir, 'r.html'), 'utf8'),
      md: readFileSync(path.join(repo!.dir, 'r.md'), 'utf8'),
    };
  }

  /** v1 in dev and qa, nothing in prod. */
  async function inQa(config = PIPELINE): Promise<void> {
    repo = makeRepo({ 'shiplog.toml': config }, { git: false });
    await ok('version-update', { 'component-name': CART, 'component-version': '1.0.0', application: APP, 'app-version': '1' });
    await ok('deploy', { application: APP, env: 'dev', 'exit-code': '0' });
    await ok('move', { application: APP, to: 'qa' });
    await ok('deploy', { application: APP, env: 'qa', 'exit-code': '0' });
  }

  it('an empty prod cell shows the version waiting for it and its missing approvals; then gate passed', async () => {
    await inQa();
    const first = await report();
    let { d, html } = first;
    const { md } = first;
    const shop = d.applications.find((a) => a.name === APP)!;
    expect(shop.cells[0]!.gate).toEqual({ state: 'passed' });
    expect(shop.cells[1]!.gate).toEqual({ state: 'passed' });
    expect(shop.cells[2]).toBeNull();
    expect(shop.emptyCells?.[2]).toEqual({ gate: { state: 'waiting', approvalsMissing: 2, next: `${APP};1` } });
    expect(html).toContain(
      '<td data-env="prod" class="e" title="not deployed">—<span class="g g-waiting">next 1: waiting for 2 approvals</span></td>',
    );
    expect(md).toContain('| —<br>next 1: waiting for 2 approvals |');
    await ok('approve', { application: APP, stage: 'prod' }, { GITHUB_ACTIONS: 'true', GITHUB_ACTOR: 'maria' });
    ({ d } = await report());
    expect(d.applications[0].emptyCells?.[2]).toEqual({ gate: { state: 'waiting', approvalsMissing: 1, next: `${APP};1` } });
    await ok('approve', { application: APP, stage: 'prod' }, { GITHUB_ACTIONS: 'true', GITHUB_ACTOR: 'sam' });
    ({ d, html } = await report());
    expect(d.applications[0].emptyCells?.[2]).toEqual({ gate: { state: 'passed', next: `${APP};1` } });
    expect(html).toContain('<span class="g g-passed">next 1: gate passed</span>');
  });

  it('a freeze over prod shows frozen, an override shows who overrode it and why', async () => {
    await inQa(PIPELINE + FREEZE);
    let { d, html } = await report();
    expect(d.applications[0].emptyCells?.[2]?.gate).toEqual({ state: 'frozen', reason: 'year-end', next: `${APP};1` });
    expect(html).toContain('<span class="g g-frozen">next 1: frozen: year-end</span>');
    await ok(
      'move',
      { application: APP, to: 'prod', override: true, reason: 'hotfix INC-7' },
      { GITHUB_ACTIONS: 'true', GITHUB_ACTOR: 'maria' },
    );
    await ok(
      'deploy',
      { application: APP, env: 'prod', 'exit-code': '0', override: true, reason: 'hotfix INC-7' },
      { GITHUB_ACTIONS: 'true', GITHUB_ACTOR: 'maria' },
    );
    ({ d, html } = await report());
    expect(d.applications[0].cells[2]!.gate).toEqual({
      state: 'overridden',
      actor: { id: 'maria', source: expect.any(String) },
      reason: 'hotfix INC-7',
    });
    expect(html).toContain('<span class="g g-overridden">overridden by maria: hotfix INC-7</span>');
    // dev is not frozen: its running version's gate passed
    expect(d.applications[0].cells[0]!.gate).toEqual({ state: 'passed' });
  });

  it('a soak time not over blocks the next version: the other rules are named', async () => {
    await inQa();
    repo!.write('shiplog.toml', PIPELINE.replace('name = "qa"', 'name = "qa"\nwait = "2h"'));
    await ok('version-update', { 'component-name': CART, 'component-version': '1.1.0', application: APP, 'app-version': '2' });
    await ok('deploy', { application: APP, env: 'dev', 'exit-code': '0' });
    const { d, md } = await report();
    const shop = d.applications[0];
    // qa runs 1, dev runs 2: qa's gate is the one 2 faces to come to qa (2 h of soak after its dev deployment)
    expect(shop.cells[1]!.gate).toEqual({ state: 'blocked', rules: ['wait'], next: `${APP};2` });
    expect(md).toContain('next 2: blocked: wait');
  });

  it('drift from intent.toml: in sync, drifted, missing and unplanned', async () => {
    await inQa();
    await ok('version-update', { 'component-name': CART, 'component-version': '1.1.0', application: APP, 'app-version': '2' });
    repo!.write(
      'intent.toml',
      `[application."${APP}"]\ndeploy = ["true"]\n\n[environment.dev]\n"${APP}" = "1"\n\n[environment.qa]\n"${APP}" = "2"\n\n[environment.prod]\n"${APP}" = "1"\n`,
    );
    let { d } = await report();
    const { html, md } = await report();
    const shop = d.applications[0];
    expect(shop.cells[0]!.drift).toEqual({ state: 'in-sync', intended: `${APP};1` });
    expect(shop.cells[1]!.drift).toEqual({ state: 'drifted', intended: `${APP};2` });
    expect(shop.emptyCells?.[2]?.drift).toEqual({ state: 'missing', intended: `${APP};1` });
    expect(html).toContain('<span class="dr dr-drifted">intended 2</span>');
    expect(html).toContain('<span class="dr dr-missing">intended 1, not running</span>');
    expect(md).toContain('as intended');
    // an environment of the intent that names no entry for a running application: unplanned
    repo!.write('intent.toml', `[application."${APP}"]\ndeploy = ["true"]\n\n[environment.dev]\n\n[environment.qa]\n"${APP}" = "1"\n`);
    ({ d } = await report());
    expect(d.applications[0].cells[0]!.drift).toEqual({ state: 'unplanned' });
    expect(d.applications[0].cells[1]!.drift).toEqual({ state: 'in-sync', intended: `${APP};1` });
    // a broken intent file: no drift, a warning, the report still written
    repo!.write('intent.toml', `[environment.nowhere]\n"${APP}" = "1"\n`);
    const r = await ok('report', { html: 'r.html', json: true });
    expect((r.result as unknown as ReportResult).dashboard.applications[0].cells[0]!.drift).toBeUndefined();
    expect(r.err).toContain('the dashboard shows no drift');
    // no intent file at all: no drift, no warning
    rmSync(path.join(repo!.dir, 'intent.toml'));
    const none = await ok('report', { html: 'r.html', json: true });
    expect((none.result as unknown as ReportResult).dashboard.applications[0].cells[0]!.drift).toBeUndefined();
    expect(none.err).not.toContain('drift');
  });
});

describe('gateStatus: the verdict in the dashboard words', () => {
  const rule = (r: string, extra: object = {}) => ({ rule: r, stage: 'prod', message: r, next: '', ...extra });
  it('freeze first, then other rules, then approvals; stage-reached alone is passed; a running version shows only freezes', () => {
    expect(gateStatus([rule('approval', { missing: 2 }), rule('freeze', { window: 'xmas' })], true)).toEqual({
      state: 'frozen',
      reason: 'xmas',
    });
    expect(gateStatus([rule('stage-reached'), rule('approval', { missing: 1 })], true)).toEqual({ state: 'waiting', approvalsMissing: 1 });
    expect(gateStatus([rule('stage-reached'), rule('wait'), rule('approval', { missing: 1 })], true)).toEqual({
      state: 'blocked',
      rules: ['wait', 'approval'],
    });
    expect(gateStatus([rule('stage-reached')], true)).toEqual({ state: 'passed' });
    expect(gateStatus([rule('rejected')], false)).toEqual({ state: 'passed' });
    expect(gateStatus([rule('freeze')], false)).toEqual({ state: 'frozen' });
  });
});
