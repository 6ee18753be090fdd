// Results as `shiplog --json` prints them, one per operation (and the failure shapes), for the report goldens.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonResult } from '../../src/kit/outputs.js';

/** plan and apply results as the CLI printed them (goldens kept by plan-golden.test.ts and intent-ci.test.ts). */
const planFixture = (name: string): JsonResult =>
  JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'plan', name), 'utf8')) as JsonResult;

export const RESULTS: Record<string, JsonResult> = {
  'version-update': {
    ok: true,
    operation: 'version-update',
    componentVersion: 'GLOBAL.Acme.Store.cart;main;v1_2_0',
    componentVersionId: 'cv:1',
    componentVersionCreated: true,
    appVersion: 'GLOBAL.Acme.Store.shop;1_0_3',
    appVersionId: 'av:3',
    appVersionCreated: false,
  },
  move: {
    ok: true,
    operation: 'move',
    appVersion: 'GLOBAL.Acme.Store.shop;1_0_3',
    from: 'dev',
    to: 'qa',
    task: 'Move to qa',
    moved: true,
    notes: 'smoke <ok> | *fine*',
  },
  approve: {
    ok: true,
    operation: 'approve',
    appVersion: 'GLOBAL.Acme.Store.shop;1_0_3',
    approved: true,
    stage: 'prod',
    actor: { id: 'ada', source: 'ci:github' },
    at: '2025-01-02T03:04:05.000Z',
  },
  deploy: {
    ok: true,
    operation: 'deploy',
    deployment: {
      id: 7,
      appVersion: 'GLOBAL.Acme.Store.shop;1_0_3',
      environment: 'qa',
      exitCode: 0,
      status: 'success',
      logUrl: 'https://ci.example/build/7',
    },
  },
  envscript: { ok: true, operation: 'envscript', file: 'build.env', format: 'sh', variables: { GIT_BRANCH: 'main', SHORT_SHA: '61ba0ab' } },
  'deploy-failed': {
    ok: false,
    operation: 'deploy',
    deployment: { id: 8, appVersion: 'GLOBAL.Acme.Store.shop;1_0_3', environment: 'qa', exitCode: 3, status: 'failed' },
    error: { code: 'DEPLOY_FAILED', message: 'deployment #8 of GLOBAL.Acme.Store.shop;1_0_3 to qa failed with exit code 3', exitCode: 1 },
  },
  'move-blocked': {
    ok: false,
    operation: 'move',
    error: {
      code: 'APPROVAL_REQUIRED',
      message: 'GLOBAL.Acme.Store.shop;1_0_3 needs an approval for prod',
      exitCode: 1,
      hint: 'run shiplog approve --stage prod first',
    },
  },
  // A refusal as the core writes it (policy/refusal.ts): the verdict beside `error`, one entry per unmet rule.
  'move-refused': {
    ok: false,
    operation: 'move',
    gatePassed: false,
    unmetRules: [
      {
        rule: 'approval',
        stage: 'prod',
        message: 'GLOBAL.Acme.Store.shop;1_0_3 needs 1 more approval for stage prod (1 of 2)',
        next: 'shiplog approve --application "GLOBAL.Acme.Store.shop;1_0_3" --stage prod',
        missing: 1,
      },
      {
        rule: 'freeze',
        stage: 'prod',
        environment: 'prod-eu',
        message: 'prod-eu is frozen by year-end until 2027-01-04T05:00:00.000Z',
        next: 'wait until the freeze ends',
        endsAt: '2027-01-04T05:00:00.000Z',
      },
    ],
    error: {
      code: 'GATE_REFUSED',
      message: 'move of GLOBAL.Acme.Store.shop;1_0_3 to prod refused by the release policy: approval: ...; freeze: ...',
      exitCode: 1,
      hint: 'shiplog show "GLOBAL.Acme.Store.shop;1_0_3" lists every decision and what each stage still needs',
    },
  },
  'deploy-dry-run': {
    ok: true,
    operation: 'deploy',
    dryRun: true,
    deployment: { id: null, appVersion: 'GLOBAL.Acme.Store.shop;1_0_3', environment: 'qa', status: 'planned', mode: 'run' },
  },
  plan: planFixture('plan.json'),
  apply: planFixture('apply.json'),
  'apply-failed': planFixture('apply-failed.json'),
  'approve-invalid': {
    ok: false,
    operation: 'approve',
    error: {
      code: 'INVALID_INPUT',
      message: '2 problems: --application is required; --stage x',
      exitCode: 2,
      problems: ['--application is required', '--stage x'],
      hint: 'see shiplog approve --help',
    },
  },
};
