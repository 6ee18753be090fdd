/**
 * Builds the plan (docs/intent.md "Plan"): for each environment and application of the intent, what runs now,
 * what should, and what to do about it, grouped into dependency waves. Reads the current state once
 * (Backend.status, never the deployment history), each application's versions once, and each environment's
 * custom state once when an application there uses it; the release gate decides "blocked" and
 * `latest-approved` (gate-check.ts). Every problem of the intent (its own, against the pipeline, and selectors
 * that resolve to nothing) is reported at once, exit 2.
 */
import type { Backend } from '../backend/backend.js';
import { InvalidInputError } from '../errors.js';
import type { ApplicationVersion, EnvironmentState, PipelineConfig, Stage } from '../model.js';
import { findStage, stageIndex, stageOfEnvironment } from '../pipeline-config.js';
import { environmentOrder, pipelineEnvironments } from '../operations/query-filters.js';
import { versionPart } from '../operations/render-table.js';
import type { CustomStateValue } from '../state-model.js';
import type { GateCheck, UnmetGateRule } from './gate-check.js';
import type { Intent, IntentApplication, IntentEntry } from './intent-file.js';

export type PlanAction = 'deploy' | 'undeploy' | 'nothing' | 'blocked';

export interface PlanRow {
  environment: string;
  stage: string;
  application: string;
  /** The wave it runs in (docs/intent.md "Waves"). */
  wave: number;
  dependsOn: string[];
  /** The selector as written in the intent. */
  selector: string;
  /** Full application version name running there now, or null. */
  current: string | null;
  /** Full application version name that should run there, or null (selector `none`). */
  desired: string | null;
  action: PlanAction;
  /** One human line: why this action. */
  reason: string;
  /** Custom state keys (uses_state) that changed since the running version was deployed. */
  stateChanged: string[];
  /** When blocked: every rule of the release gate that is not met. */
  unmetRules: UnmetGateRule[];
}

export interface PlanWave {
  wave: number;
  /** Deploy waves go by dependency level; undeploy waves follow them in reverse order (dependants first). */
  phase: 'deploy' | 'undeploy';
  applications: string[];
}

export interface Plan {
  /** The intent file read. */
  intent: string;
  environments: { name: string; stage: string }[];
  waves: PlanWave[];
  /** Pipeline order of environments, then wave, then application. */
  rows: PlanRow[];
  counts: Record<PlanAction, number>;
  /** true when any row is not `nothing`: work to do, drift, or blocked (plan exits 1). */
  changes: boolean;
}

/** The plan plus what apply needs beyond its JSON. */
export interface BuiltPlan {
  plan: Plan;
  /** Application versions named by the plan (desired and current), by full name. */
  versions: Map<string, ApplicationVersion>;
  applications: Map<string, IntentApplication>;
}

export interface PlanInput {
  intent: Intent;
  /** Problems already found in the intent file. */
  problems: string[];
  pipeline: PipelineConfig;
  backend: Backend;
  gate: GateCheck;
  /** Only these environments / applications (empty: all of the intent). */
  environments?: string[];
  applications?: string[];
}

export async function buildPlan(input: PlanInput): Promise<BuiltPlan> {
  const { intent, pipeline, backend, gate } = input;
  const problems = [...input.problems];
  const apps = new Map(intent.applications.map((a) => [a.name, a]));
  const intentEnvs = new Set(intent.environments.map((e) => e.name));
  for (const e of input.environments ?? [])
    if (!intentEnvs.has(e))
      problems.push(`--env ${e}: not an environment of ${intent.file} (it has: ${[...intentEnvs].join(', ') || 'none'})`);
  for (const a of input.applications ?? []) if (!apps.has(a)) problems.push(`--application ${a}: not an application of ${intent.file}`);
  const known = pipelineEnvironments(pipeline);
  const where = pipeline.file ? `in ${pipeline.file}` : 'in the default pipeline';

  // What is planned: the selected environments of the intent that the pipeline knows, and their entries.
  const selected: { name: string; stage: Stage; entries: IntentEntry[] }[] = [];
  for (const env of intent.environments) {
    const stage = stageOfEnvironment(pipeline, env.name);
    if (!stage) problems.push(`unknown environment ${env.name} (not ${where}; environments: ${known.join(', ')})`);
    for (const entry of env.entries) {
      const s = entry.selector;
      if (s.kind === 'same-as' && !known.includes(s.environment))
        problems.push(`environment ${env.name}: ${entry.application} = "${entry.text}": unknown environment ${s.environment}`);
      if (s.kind === 'latest-in' && !findStage(pipeline, s.stage))
        problems.push(
          `environment ${env.name}: ${entry.application} = "${entry.text}": unknown stage ${s.stage} (stages: ${pipeline.stages.map((x) => x.name).join(', ')})`,
        );
    }
    if (!stage || (input.environments?.length && !input.environments.includes(env.name))) continue;
    const entries = env.entries.filter((e) => !input.applications?.length || input.applications.includes(e.application));
    selected.push({ name: env.name, stage, entries });
  }

  // One read of what runs where, one list of versions per application, one custom state read per environment that needs it.
  const needed = new Set(selected.flatMap((e) => e.entries.map((x) => x.application)));
  const [states, versionLists] = await Promise.all([
    needed.size ? backend.status({}) : Promise.resolve([] as EnvironmentState[]),
    Promise.all([...needed].map(async (a) => [a, await backend.listApplicationVersions(a)] as const)),
  ]);
  const versionsOf = new Map(versionLists);
  const running = new Map(states.map((s) => [`${s.name}\0${s.application}`, s]));
  const customState = new Map<string, Map<string, CustomStateValue>>();
  for (const env of selected) {
    if (!env.entries.some((e) => apps.get(e.application)?.usesState.length)) continue;
    customState.set(env.name, new Map((await backend.getCustomState(env.name)).map((v) => [v.key, v])));
  }

  const versions = new Map<string, ApplicationVersion>();
  for (const list of versionsOf.values()) for (const v of list) versions.set(v.name, v);
  const verdicts = new Map<string, ReturnType<GateCheck>>();
  const check = (av: ApplicationVersion, env: { name: string; stage: Stage }) => {
    const key = `${av.name}\0${env.name}`;
    let v = verdicts.get(key);
    if (!v) verdicts.set(key, (v = gate(av, { environment: env.name, stage: env.stage })));
    return v;
  };

  const maxLevel = Math.max(1, ...intent.levels.values());
  const rows: PlanRow[] = [];
  for (const env of selected) {
    for (const entry of env.entries) {
      const app = apps.get(entry.application)!;
      const list = versionsOf.get(entry.application) ?? [];
      const now = running.get(`${env.name}\0${entry.application}`);
      const resolved = await resolveSelector(entry, env, list, running, pipeline, check);
      if ('problem' in resolved) {
        problems.push(`environment ${env.name}: ${entry.application} = "${entry.text}": ${resolved.problem}`);
        continue;
      }
      const level = intent.levels.get(entry.application) ?? 1;
      const row: PlanRow = {
        environment: env.name,
        stage: env.stage.name,
        application: entry.application,
        wave: level,
        dependsOn: app.dependsOn,
        selector: entry.text,
        current: now?.appVersion ?? null,
        desired: resolved.desired?.name ?? null,
        action: 'nothing',
        reason: '',
        stateChanged: [],
        unmetRules: [],
      };
      const runs = now ? `runs ${versionPart(now.appVersion)}` : 'nothing runs there';
      if (!resolved.desired) {
        if (now) Object.assign(row, { action: 'undeploy', wave: 2 * maxLevel + 1 - level, reason: `${runs}, wants none` });
        else row.reason = 'nothing runs there, as wanted';
      } else if (now?.appVersion === resolved.desired.name) {
        const values = customState.get(env.name);
        row.stateChanged = app.usesState.filter((k) => values?.has(k) && now.stateRevisions?.[k] !== values.get(k)!.revision);
        if (row.stateChanged.length) Object.assign(row, { action: 'deploy', reason: `redeploy: ${row.stateChanged.join(', ')} changed` });
        else row.reason = entry.selector.kind === 'version' ? 'up to date' : `up to date (${entry.text})`;
      } else {
        const verdict = resolved.verdict ?? (await check(resolved.desired, env));
        const wants = `${runs}, wants ${versionPart(resolved.desired.name)}${entry.selector.kind === 'version' ? '' : ` (${entry.text})`}`;
        if (verdict.passed) Object.assign(row, { action: 'deploy', reason: wants });
        else Object.assign(row, { action: 'blocked', reason: `${wants}: blocked by the release policy`, unmetRules: verdict.unmetRules });
      }
      rows.push(row);
    }
  }
  if (problems.length > 0) {
    throw InvalidInputError.of(problems, `fix ${intent.file} (docs/intent.md)`);
  }

  const order = environmentOrder(pipeline);
  rows.sort((a, b) => order(a.environment, b.environment) || a.wave - b.wave || cmp(a.application, b.application));
  const counts: Record<PlanAction, number> = { deploy: 0, undeploy: 0, nothing: 0, blocked: 0 };
  for (const r of rows) counts[r.action]++;
  const plan: Plan = {
    intent: intent.file,
    environments: selected.map((e) => ({ name: e.name, stage: e.stage.name })).sort((a, b) => order(a.name, b.name)),
    waves: wavesOf(rows, intent, maxLevel),
    rows,
    counts,
    changes: rows.some((r) => r.action !== 'nothing'),
  };
  return { plan, versions, applications: apps };
}

type Resolution = { desired: ApplicationVersion | null; verdict?: Awaited<ReturnType<GateCheck>> } | { problem: string };

async function resolveSelector(
  entry: IntentEntry,
  env: { name: string; stage: Stage },
  list: ApplicationVersion[],
  running: Map<string, EnvironmentState>,
  pipeline: PipelineConfig,
  check: (av: ApplicationVersion, env: { name: string; stage: Stage }) => ReturnType<GateCheck>,
): Promise<Resolution> {
  const s = entry.selector;
  const app = entry.application;
  const newest = list[list.length - 1];
  switch (s.kind) {
    case 'none':
      return { desired: null };
    case 'version': {
      const av = list.find((v) => v.name === `${app};${s.version}`);
      return av ? { desired: av } : { problem: `application version ${app};${s.version} does not exist` };
    }
    case 'latest':
      return newest ? { desired: newest } : { problem: `${app} has no versions` };
    case 'latest-approved': {
      if (!newest) return { problem: `${app} has no versions` };
      // The newest version the gate lets into this environment; none: the newest, blocked by what it lacks.
      for (let i = list.length - 1; i >= 0; i--) {
        const verdict = await check(list[i], env);
        if (verdict.passed) return { desired: list[i], verdict };
      }
      return { desired: newest, verdict: await check(newest, env) };
    }
    case 'same-as': {
      const there = running.get(`${s.environment}\0${app}`);
      if (!there) return { problem: `nothing runs in ${s.environment}` };
      const av = list.find((v) => v.name === there.appVersion);
      return av ? { desired: av } : { problem: `${there.appVersion} runs in ${s.environment} but is not a version of ${app} in the store` };
    }
    case 'latest-in': {
      const target = stageIndex(pipeline, s.stage);
      for (let i = list.length - 1; i >= 0; i--) {
        const at = list[i].stage === undefined ? -1 : stageIndex(pipeline, list[i].stage!);
        if (at >= target) return { desired: list[i] };
      }
      return { problem: `no version of ${app} has reached stage ${s.stage}` };
    }
  }
}

function wavesOf(rows: PlanRow[], intent: Intent, maxLevel: number): PlanWave[] {
  const planned = new Set(rows.filter((r) => r.action !== 'undeploy').map((r) => r.application));
  const out: PlanWave[] = [];
  for (let level = 1; level <= maxLevel; level++) {
    const applications = intent.applications
      .filter((a) => planned.has(a.name) && (intent.levels.get(a.name) ?? 1) === level)
      .map((a) => a.name);
    if (applications.length) out.push({ wave: level, phase: 'deploy', applications });
  }
  const undeploys = new Map<number, Set<string>>();
  for (const r of rows)
    if (r.action === 'undeploy') (undeploys.get(r.wave) ?? undeploys.set(r.wave, new Set()).get(r.wave)!).add(r.application);
  for (const wave of [...undeploys.keys()].sort((a, b) => a - b))
    out.push({ wave, phase: 'undeploy', applications: [...undeploys.get(wave)!].sort(cmp) });
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
