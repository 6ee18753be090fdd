/** The packed orb and every example, parsed and validated with @circleci/circleci-config-parser. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ORB_ROOT } from '../scripts/orb-source.js';
import { loadOrb } from './e2e-fixture.js';
import { validateOrb, validateUsage } from './config-parser.js';

const orb = loadOrb();

describe('config-parser validation', () => {
  it('accepts the packed orb (commands, executors, jobs as one config)', () => {
    expect(() => validateOrb(orb)).not.toThrow();
  });

  it('rejects a broken orb (the validation can fail)', () => {
    const badType = structuredClone(orb);
    badType.commands.deploy.parameters.application.type = 'strng';
    expect(() => validateOrb(badType)).toThrow();
    const badStep = structuredClone(orb);
    badStep.jobs.deploy.steps[1] = { 'no-such-command': {} };
    expect(() => validateOrb(badStep)).toThrow(/no-such-command/);
  });

  const examples = Object.entries<any>(orb.examples);
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });
  it.each(examples)('example %s: described and its usage validates', (_name, example) => {
    expect(example.description).toBeTruthy();
    expect(example.usage.orbs).toEqual({ shiplog: expect.stringMatching(/^shiplog\/shiplog@\d+\.\d+\.\d+$/) });
    expect(() => validateUsage(example.usage, orb)).not.toThrow();
  });

  it.each(examples)('example %s: every orb job and command it uses exists with the parameters it passes', (_name, example) => {
    const usage = JSON.stringify(example.usage);
    const uses = [...usage.matchAll(/"shiplog\/([\w-]+)"/g)].map((m) => m[1]);
    expect(uses.length).toBeGreaterThan(0);
    const check = (name: string, args: Record<string, unknown>, section: 'jobs' | 'commands') => {
      const spec = orb[section][name];
      expect(spec, `${section}.${name}`).toBeDefined();
      const params = Object.keys(spec.parameters ?? {});
      for (const key of Object.keys(args ?? {})) {
        if (section === 'jobs' && ['name', 'requires', 'context', 'filters', 'matrix', 'pre-steps', 'post-steps'].includes(key)) continue;
        expect(params, `${name}: unknown parameter ${key}`).toContain(key);
      }
      for (const [p, s] of Object.entries<any>(spec.parameters ?? {})) {
        if (s.default === undefined) expect(args ?? {}, `${name}: required parameter ${p}`).toHaveProperty(p);
      }
    };
    for (const wf of Object.values<any>(example.usage.workflows ?? {})) {
      for (const entry of wf.jobs) {
        const [key, args] = typeof entry === 'string' ? [entry, {}] : Object.entries<any>(entry)[0];
        if (key.startsWith('shiplog/')) check(key.slice(8), args, 'jobs');
      }
    }
    for (const job of Object.values<any>(example.usage.jobs ?? {})) {
      for (const step of job.steps) {
        const [key, args] = typeof step === 'string' ? [step, {}] : Object.entries<any>(step)[0];
        if (key.startsWith('shiplog/')) check(key.slice(8), args, 'commands');
      }
    }
  });

  it('rejects a usage that calls a job the orb does not have (the validation can fail)', () => {
    const usage = structuredClone(examples[0][1].usage);
    usage.workflows = { main: { jobs: ['shiplog/no-such-job'] } };
    expect(() => validateUsage(usage, orb)).toThrow();
  });

  it('the examples in src/ are the ones packed', () => {
    const src = readFileSync(join(ORB_ROOT, 'src', 'examples', 'release-pipeline.yml'), 'utf8');
    expect(src).toContain('shiplog/version-update');
    expect(Object.keys(orb.examples)).toContain('release-pipeline');
  });
});
