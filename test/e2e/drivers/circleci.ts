/**
 * CircleCI driver: the packed, committed adapters/circleci-orb/orb.yml; the orb's JOB for the operation expanded
 * with concrete parameters the way CircleCI compiles a config (the orb's own expansion helper), then its steps
 * run in bash one by one (the orb's own job runner), downloading the pinned core bundle from a loopback npm
 * registry. One job machine (checked-out repo, HOME with the bundle cache, BASH_ENV) per driver, like one
 * project whose jobs share a cache; every job gets fresh result and artifact directories.
 *
 * Secrets: DHPASS (and DHURL/DHUSER) are context variables in the job environment, read by the orb by name;
 * the token is CIRCLE_TOKEN (a project API token, as pipelines keep one for the CircleCI API).
 *
 * Artifacts: every step's output, every stored artifact file, every result file, BASH_ENV, every `node`
 * command line the steps started, and every file the job left in the checkout (outside .git).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { readPin, ORB_ROOT } from '../../../adapters/circleci-orb/scripts/orb-source.js';
import { join } from 'node:path';
import { expandJob } from '../../../adapters/circleci-orb/test/circleci-expand.js';
import { runJob } from '../../../adapters/circleci-orb/test/circleci-runner.js';
import {
  freshOrb,
  loadOrb,
  makeMachine,
  startFakeRegistry,
  type FakeRegistry,
  type Machine,
} from '../../../adapters/circleci-orb/test/e2e-fixture.js';
import { filesOf, parseJson, type Driver, type DriverResult, type Inputs, type Operation, type RunContext } from './driver.js';

interface ParamSpec {
  type: string;
}

/** Input-table inputs -> the orb job's parameters (`app-version` -> `app_version`, lists one per line). */
export function orbParameters(specs: Record<string, ParamSpec>, inputs: Inputs): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(inputs)) {
    const param = name.replace(/-/g, '_');
    const type = specs[param]?.type;
    if (Array.isArray(value)) out[param] = value.join('\n');
    else if (type === 'boolean') out[param] = value === true || value === 'true';
    else if (type === 'integer') out[param] = Number(value);
    else out[param] = String(value);
  }
  return out;
}

/**
 * The committed, packed orb.yml when its SHA-256 pin matches the core bundle the loopback registry serves (the
 * working tree's core/dist/shiplog.mjs); otherwise the orb as `npm run build` would pack it now, so a core rebuild
 * that is not yet repinned fails once, in the orb's own pack.test.ts, not as a checksum failure here.
 */
export function orbUnderTest(): { orb: any; committed: boolean } {
  const committed = readFileSync(join(ORB_ROOT, 'orb.yml'), 'utf8').includes(readPin().sha256);
  return { orb: committed ? loadOrb() : freshOrb(), committed };
}

export function circleciDriver(): Driver & { machine(): Machine } {
  const { orb } = orbUnderTest();
  let machine: Machine | undefined;
  let registry: FakeRegistry | undefined;
  let jobs = 0;
  const m = () => (machine ??= makeMachine());
  return {
    name: 'circleci',
    machine: m,
    async run(op: Operation, inputs: Inputs, ctx: RunContext): Promise<DriverResult> {
      registry ??= await startFakeRegistry();
      const mach = m();
      const n = ++jobs;
      const results = join(mach.root, `results-${n}`);
      const artifactsDir = join(mach.root, `artifacts-${n}`);
      mkdirSync(results, { recursive: true });
      const env: Record<string, string> = {
        ...mach.env,
        SHIPLOG_RESULT_DIR: results,
        DHPASS: ctx.password,
        CIRCLE_TOKEN: ctx.token,
        ...(ctx.env ?? {}),
      };
      const given = { ...inputs };
      if (ctx.backend.kind === 'local') {
        given.backend ??= 'local';
        given['state-dir'] ??= ctx.backend.stateDir;
      } else {
        Object.assign(env, { DHURL: ctx.backend.url, DHUSER: ctx.backend.user });
      }
      const params = orbParameters(orb.jobs[op].parameters, given);
      const steps = expandJob(orb, op, { registry: registry.url, ...params });
      const argvBefore = existsSync(mach.argvLog) ? readFileSync(mach.argvLog, 'utf8').length : 0;
      const job = await runJob(steps, { cwd: mach.cwd, env, artifactsDir, pathMap: { '/tmp/shiplog-results': results } });

      const artifacts: Record<string, string | Buffer> = {};
      for (const s of job.steps) artifacts[`step:${s.name} (exit ${s.exitCode})`] = s.output;
      if (existsSync(artifactsDir)) for (const [rel, b] of Object.entries(await filesOf(artifactsDir))) artifacts[`artifact:${rel}`] = b;
      for (const [rel, b] of Object.entries(await filesOf(results))) artifacts[`result-dir:${rel}`] = b;
      if (existsSync(mach.bashEnv)) artifacts.BASH_ENV = readFileSync(mach.bashEnv);
      if (existsSync(mach.argvLog)) artifacts['node-argv'] = readFileSync(mach.argvLog, 'utf8').slice(argvBefore);
      for (const [rel, b] of Object.entries(await filesOf(mach.cwd))) artifacts[`checkout:${rel}`] = b;
      const stored = join(artifactsDir, 'shiplog', `${op}.json`);
      const result = existsSync(stored) ? parseJson(readFileSync(stored, 'utf8')) : null;
      return { exitCode: job.exitCode, result, artifacts };
    },
    async close() {
      await registry?.close();
      registry = undefined;
      machine?.cleanup();
      machine = undefined;
    },
  };
}
