/** The CircleCI expansion the end-to-end tests rely on: if it were wrong, e2e.test.ts would test something else. */
import { describe, expect, it } from 'vitest';
import { expandJob, resolveParameters, substitute } from './circleci-expand.js';
import { freshOrb } from './e2e-fixture.js';

const orb = freshOrb();

describe('CircleCI expansion', () => {
  it('a value that is exactly one reference keeps its type; inside a string it is interpolated', () => {
    const out = substitute(
      { a: '<< parameters.flag >>', b: 'x-<<parameters.flag>>-<< parameters.n >>', c: '<< parameters.n >>' },
      { flag: true, n: 3 },
    );
    expect(out).toEqual({ a: true, b: 'x-true-3', c: 3 });
    expect(() => substitute('<< parameters.nope >>', {})).toThrow(/unknown parameter nope/);
  });

  it('parameters: defaults, required, types, env_var_name, enum, unknown arguments', () => {
    const specs = {
      app: { type: 'string' },
      pass: { type: 'env_var_name', default: 'DHPASS' },
      flag: { type: 'boolean', default: false },
      kind: { type: 'enum', enum: ['docker', 'file'], default: 'docker' },
    };
    expect(resolveParameters('t', specs, { app: 'a' })).toEqual({ app: 'a', pass: 'DHPASS', flag: false, kind: 'docker' });
    expect(() => resolveParameters('t', specs, {})).toThrow(/missing required argument app/);
    expect(() => resolveParameters('t', specs, { app: 'a', pass: 'not a name' })).toThrow(/must name an environment variable/);
    expect(() => resolveParameters('t', specs, { app: 'a', flag: 'yes' })).toThrow(/must be a boolean/);
    expect(() => resolveParameters('t', specs, { app: 'a', kind: 'helm' })).toThrow(/must be one of/);
    expect(() => resolveParameters('t', specs, { app: 'a', extra: 1 })).toThrow(/unexpected argument extra/);
  });

  it('a deploy job expands to checkout, install, run, store_artifacts, exit status; \\<< is unescaped', () => {
    const steps = expandJob(orb, 'deploy', { application: 'GLOBAL.A.shop', env: 'qa', dry_run: true });
    expect(steps.map((s) => (s.kind === 'run' ? s.name : s.kind))).toEqual([
      'checkout',
      'Install shiplog 0.1.0',
      'shiplog deploy',
      'store_artifacts',
      'shiplog exit status',
    ]);
    const run = steps[2];
    if (run.kind !== 'run') throw new Error('not a run step');
    expect(run.environment).toMatchObject({
      SHIPLOG_IN_APPLICATION: 'GLOBAL.A.shop',
      SHIPLOG_IN_ENV: 'qa',
      SHIPLOG_FLAG_DRY_RUN: 'true',
      SHIPLOG_ENVVAR_DHPASS: 'DHPASS',
      SHIPLOG_DEFER_EXIT: 'true',
    });
    expect(run.command).not.toContain('\\<<');
    expect(run.command).toContain('shiplog_run');
  });

  it('report: true stores the dashboard page the core wrote as the shiplog/report.html artifact; without it, no such step', () => {
    const steps = expandJob(orb, 'deploy', { application: 'GLOBAL.A.shop', env: 'qa', report: true, working_directory: 'svc' });
    expect(steps.map((s) => (s.kind === 'run' ? s.name : s.kind))).toEqual([
      'checkout',
      'Install shiplog 0.1.0',
      'shiplog deploy',
      'store_artifacts',
      'store_artifacts',
      'shiplog exit status',
    ]);
    const run = steps[2];
    if (run.kind !== 'run') throw new Error('not a run step');
    expect(run.environment).toMatchObject({ SHIPLOG_FLAG_REPORT: 'true' });
    expect(steps[3]).toMatchObject({ kind: 'store_artifacts', path: 'svc/shiplog-report.html', destination: 'shiplog/report.html' });
    expect(expandJob(orb, 'deploy', { application: 'GLOBAL.A.shop', env: 'qa' }).filter((s) => s.kind === 'store_artifacts')).toHaveLength(
      1,
    );
    expect(() => expandJob(orb, 'envscript', { report: true })).toThrow(/unexpected argument report/);
  });

  it('checkout: false drops the checkout step; a missing required parameter is refused like CircleCI does', () => {
    expect(expandJob(orb, 'approve', { application: 'GLOBAL.A.shop', checkout: false }).map((s) => s.kind)).not.toContain('checkout');
    expect(() => expandJob(orb, 'deploy', { application: 'GLOBAL.A.shop' })).toThrow(/missing required argument env/);
  });
});
