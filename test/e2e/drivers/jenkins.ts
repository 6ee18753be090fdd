/**
 * Jenkins driver: the shared library's vars/ steps (shiplogVersionUpdate, shiplogApprove, ...) run under the
 * adapter's Groovy harness (adapters/jenkins/test/groovy/Harness.groovy; groovy 2.4 + java, `sh` in real bash),
 * one Jenkins build per run, through jenkins-steps.groovy beside this file. The JVM is started asynchronously
 * (an in-process Ortelius emulator must keep serving). runBuild() runs several steps in one build/JVM.
 *
 * Secrets: the Ortelius password is a Jenkins "username with password" credential passed as `credentialsId`
 * (bound into DHUSER/DHPASS by withCredentials, as on Jenkins); the token is a Jenkins API token, both exposed as
 * JENKINS_API_TOKEN in the build environment (`environment { JENKINS_API_TOKEN = credentials(...) }`) and stored
 * as the credential `jenkins-api` (user ci-bot) for shiplogDeploy's `jenkinsCredentialsId`.
 *
 * Artifacts: the console (everything `sh` printed), the build description, the step's error message, the `sh`
 * scripts and the SHIPLOG_* environment the step set for them, the archived result files, and every file the
 * build left in the workspace (outside .git; includes the bundle written from libraryResource).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  filesOf,
  makeCheckout,
  parseJson,
  removeDir,
  REPO_ROOT,
  type Driver,
  type DriverResult,
  type Inputs,
  type Operation,
  type RunContext,
} from './driver.js';

export const JENKINS_API_USER = 'ci-bot';
export const JENKINS_ROOT = join(REPO_ROOT, 'adapters', 'jenkins');
const HERE = dirname(fileURLToPath(import.meta.url));

export const STEP_OF: Record<Operation, string> = {
  'version-update': 'shiplogVersionUpdate',
  move: 'shiplogMove',
  approve: 'shiplogApprove',
  deploy: 'shiplogDeploy',
  envscript: 'shiplogEnvscript',
};

export interface StepOutcome {
  step: string;
  failed: boolean;
  error?: string;
  returned?: any;
  ms: number;
  console: string;
  scripts: string[];
  stepEnv: Record<string, string>[];
  archived: { path: string; text: string | null }[];
  description: string | null;
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Input-table inputs -> the step's named arguments (`app-version` -> appVersion; numbers stay numbers). */
export function stepArgs(inputs: Inputs): Record<string, unknown> {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [camel(k), v]));
}

let javaHome: string | undefined;
async function findJavaHome(): Promise<string> {
  if (process.env.JAVA_HOME) return process.env.JAVA_HOME;
  // as adapters/jenkins/test/groovy/run.sh: the JDK holding the `java` on PATH
  for (const dir of (process.env.PATH ?? '').split(':')) {
    try {
      return dirname(dirname(await realpath(join(dir, 'java'))));
    } catch {
      /* not here */
    }
  }
  throw new Error('java is not on PATH (the Jenkins driver needs groovy 2.4 + java)');
}

function runGroovy(args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('groovy', ['-cp', join(JENKINS_ROOT, 'test', 'groovy'), ...args], {
      // C1 only and the serial GC: the JVM starts about twice as fast for these short builds.
      env: { JAVA_OPTS: '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC', ...process.env, JAVA_HOME: javaHome },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

export interface JenkinsBuild {
  outcomes: StepOutcome[];
}

export function jenkinsDriver(): Driver & {
  runBuild(steps: { name: string; args: Record<string, unknown> }[], ctx: RunContext): Promise<JenkinsBuild>;
  workspace(): Promise<string>;
} {
  let ws: string | undefined;
  let sha = '';
  let builds = 0;
  const workspace = async () => {
    if (!ws) {
      const co = await makeCheckout('shiplog-e2e-jenkins-');
      ws = co.dir;
      sha = co.sha;
    }
    return ws;
  };

  async function runBuild(steps: { name: string; args: Record<string, unknown> }[], ctx: RunContext): Promise<JenkinsBuild> {
    javaHome ??= await findJavaHome();
    const dir = await workspace();
    const n = ++builds;
    const io = await mkdtemp(join(tmpdir(), 'shiplog-e2e-jenkins-io-'));
    try {
      const env: Record<string, string> = {
        JENKINS_URL: 'https://jenkins.example.test/',
        JOB_NAME: 'shop-release',
        BUILD_NUMBER: String(200 + n),
        BUILD_ID: String(200 + n),
        BUILD_URL: `https://jenkins.example.test/job/shop-release/${200 + n}/`,
        GIT_COMMIT: sha,
        GIT_BRANCH: 'origin/main',
        WORKSPACE: dir,
        JENKINS_API_TOKEN: ctx.token,
        ...(ctx.env ?? {}),
      };
      const common: Record<string, unknown> = { credentialsId: 'ortelius' };
      if (ctx.backend.kind === 'local') Object.assign(common, { backend: 'local', stateDir: ctx.backend.stateDir });
      else Object.assign(common, { dhurl: ctx.backend.url });
      const user = ctx.backend.kind === 'ortelius' ? ctx.backend.user : 'jenkins';
      const request = {
        root: JENKINS_ROOT,
        workspace: dir,
        env,
        // `jenkins-api`: the Jenkins API token as a username/password credential (shiplogDeploy's jenkinsCredentialsId)
        credentials: { ortelius: { user, password: ctx.password }, 'jenkins-api': { user: JENKINS_API_USER, password: ctx.token } },
        steps: steps.map((s) => ({ name: s.name, args: { ...common, ...s.args } })),
      };
      await writeFile(join(io, 'request.json'), JSON.stringify(request));
      const r = await runGroovy([join(HERE, 'jenkins-steps.groovy'), join(io, 'request.json'), join(io, 'out.json')]);
      if (r.status !== 0) throw new Error(`groovy harness failed (exit ${r.status}): ${r.output}`);
      const out = JSON.parse(await readFile(join(io, 'out.json'), 'utf8')) as { steps: StepOutcome[] };
      return { outcomes: out.steps };
    } finally {
      await rm(io, { recursive: true, force: true });
    }
  }

  return {
    name: 'jenkins',
    workspace,
    runBuild,
    async run(op: Operation, inputs: Inputs, ctx: RunContext): Promise<DriverResult> {
      const { outcomes } = await runBuild([{ name: STEP_OF[op], args: stepArgs(inputs) }], ctx);
      const o = outcomes[0];
      const artifacts: Record<string, string | Buffer> = {
        console: o.console,
        description: o.description ?? '',
        'step-error': o.error ?? '',
        'sh-scripts': o.scripts.join('\n'),
        'sh-step-env': JSON.stringify(o.stepEnv),
      };
      for (const a of o.archived) artifacts[`archived:${a.path}`] = a.text ?? '';
      for (const [rel, b] of Object.entries(await filesOf(await workspace()))) artifacts[`workspace:${rel}`] = b;
      const last = o.archived.at(-1);
      const result = last ? parseJson(last.text ?? '') : null;
      const exitCode = !o.failed ? 0 : Number(/\(exit (\d+)\)/.exec(o.error ?? '')?.[1] ?? 1);
      return { exitCode, result, artifacts };
    },
    async close() {
      await removeDir(ws);
      ws = undefined;
    },
  };
}
