/**
 * Whole-store invariants of a postgres store, checked with SQL after the reliability tests: no partial operation
 * (every committed operation row has all its records, and nothing exists without its operation), dense ids, no
 * duplicate application versions, lists and documents agreeing. Returns the problems found and the figures.
 */
import type postgres from 'postgres';
import { componentKeys } from '../../src/backend/postgres/pg-transaction.js';
import type { Deployment, EnvironmentState } from '../../src/model.js';
import type { ApplicationDoc, ApplicationVersionDoc, ComponentBaseDoc, ComponentVersionDoc } from '../../src/backend/records/documents.js';

export interface StoreFigures {
  componentVersions: number;
  applicationVersions: number;
  approvals: number;
  moves: number;
  deployments: number;
  operations: number;
  environmentStates: number;
}

export async function pgStoreProblems(sql: postgres.Sql, schema = 'shiplog'): Promise<{ problems: string[]; figures: StoreFigures }> {
  const s = `"${schema}"`;
  const problems: string[] = [];
  const docs = await sql.unsafe(`select kind, name, value from ${s}.documents`);
  const byKind = (k: string) => docs.filter((d) => d.kind === k);
  const cvs = byKind('component-version').map((d) => d.value as ComponentVersionDoc);
  const avs = byKind('application-version').map((d) => d.value as ApplicationVersionDoc);
  const bases = byKind('component-base').map((d) => d.value as ComponentBaseDoc);
  const apps = byKind('application').map((d) => d.value as ApplicationDoc);
  for (const d of docs) {
    const v = d.value as { value?: { name?: string }; base?: string; application?: string; name?: string };
    const own = v.value?.name ?? v.base ?? v.application ?? v.name;
    if (own !== d.name) problems.push(`${d.kind} row ${d.name} holds ${own}`);
  }
  // The application catalog (when the store has one) lists every application once.
  for (const c of byKind('catalog').map((d) => d.value as { applications: string[] })) {
    const listed = [...c.applications].sort().join(',');
    const stored = apps
      .map((a) => a.application)
      .sort()
      .join(',');
    if (listed !== stored) problems.push(`catalog lists ${listed}, the store holds ${stored}`);
  }
  const [counters] = await sql.unsafe(
    `select component_version::int as cv, application_version::int as av, deployment::int as dep from ${s}.counters`,
  );
  const denseIds = (ids: number[], next: number, what: string) => {
    const sorted = [...ids].sort((a, b) => a - b);
    if (sorted.some((id, i) => id !== i + 1) || next !== sorted.length + 1)
      problems.push(`${what} ids not dense 1..${sorted.length} with next ${next}: ${sorted.slice(-5)}`);
  };
  denseIds(
    cvs.map((c) => Number(c.value.id.slice(3))),
    counters.cv,
    'component version',
  );
  denseIds(
    avs.map((a) => Number(a.value.id.slice(3))),
    counters.av,
    'application version',
  );
  const cvNames = new Set(cvs.map((c) => c.value.name));
  const avNames = new Set(avs.map((a) => a.value.name));
  if (avNames.size !== avs.length) problems.push('duplicate application version names');
  const listedCv = bases.flatMap((b) => b.versions);
  if (listedCv.length !== new Set(listedCv).size) problems.push('a component version listed twice');
  for (const n of listedCv) if (!cvNames.has(n)) problems.push(`base lists missing ${n}`);
  if (listedCv.length !== cvs.length) problems.push(`${cvs.length} component versions, ${listedCv.length} listed`);
  const listedAv = apps.flatMap((a) => a.versions);
  if (listedAv.length !== new Set(listedAv).size) problems.push('an application version listed twice');
  for (const n of listedAv) if (!avNames.has(n)) problems.push(`application lists missing ${n}`);
  if (listedAv.length !== avs.length) problems.push(`${avs.length} application versions, ${listedAv.length} listed`);
  for (const app of apps) {
    const seen = new Set<string>();
    for (const n of app.versions) {
      const a = avs.find((x) => x.value.name === n);
      if (!a) continue;
      for (const c of a.value.components) if (!cvNames.has(c)) problems.push(`${n} holds missing ${c}`);
      const key = [...a.value.components].sort().join(',');
      if (seen.has(key) && app.versions.indexOf(n) > 0) problems.push(`${n} repeats the components of an earlier version`);
      seen.add(key);
    }
  }
  const deps = (await sql.unsafe(`select id::int as id, application, environment, value from ${s}.deployments order by id`)).map((r) => ({
    id: r.id as number,
    application: r.application as string,
    environment: r.environment as string,
    value: r.value as Deployment,
  }));
  denseIds(
    deps.map((d) => d.id),
    counters.dep,
    'deployment',
  );
  for (const d of deps) {
    if (d.value.id !== d.id || d.value.application !== d.application || d.value.environment !== d.environment)
      problems.push(`deployment row ${d.id} disagrees with its value`);
    if (!avNames.has(d.value.appVersion)) problems.push(`deployment ${d.id} of missing ${d.value.appVersion}`);
  }
  const keys = await sql.unsafe(`select deployment_id::int as id, count(*)::int as n from ${s}.deployment_components group by 1`);
  const keyCount = new Map(keys.map((k) => [k.id as number, k.n as number]));
  for (const d of deps) {
    const want = componentKeys(d.value.componentVersions).size;
    if ((keyCount.get(d.id) ?? 0) !== want) problems.push(`deployment ${d.id} has ${keyCount.get(d.id) ?? 0} component keys, not ${want}`);
  }
  if (keys.length > deps.length) problems.push('component keys of missing deployments');
  const states = (await sql.unsafe(`select environment, application, deployment_id::int as id, value from ${s}.environment_states`)).map(
    (r) => ({
      id: r.id as number,
      environment: r.environment as string,
      application: r.application as string,
      value: r.value as EnvironmentState,
    }),
  );
  for (const st of states) {
    const d = deps.find((x) => x.id === st.id);
    if (!d || d.value.status !== 'success' || d.value.appVersion !== st.value.appVersion)
      problems.push(`state ${st.environment}/${st.application} points to ${st.id}`);
    const newest = deps
      .filter((x) => x.environment === st.environment && x.application === st.application && x.value.status === 'success')
      .pop();
    if (newest && newest.id !== st.id)
      problems.push(`state ${st.environment}/${st.application} is ${st.id}, the newest success is ${newest.id}`);
  }
  const approvals = avs.reduce((n, a) => n + a.approvals.length, 0);
  const moves = avs.reduce((n, a) => n + a.moves.length, 0);
  const [ops] = await sql.unsafe(`select count(*)::int as n from ${s}.operations`);
  const figures: StoreFigures = {
    componentVersions: cvs.length,
    applicationVersions: avs.length,
    approvals,
    moves,
    deployments: deps.length,
    operations: ops.n as number,
    environmentStates: states.length,
  };
  // Each committed write is one operation row: a new component version, a new application version, an approval,
  // a move or a deployment (these writers never update in place). A partial operation would break the equality.
  const writes = figures.componentVersions + figures.applicationVersions + approvals + moves + figures.deployments;
  if (writes !== figures.operations) problems.push(`${figures.operations} operations committed, ${writes} records written`);
  return { problems, figures };
}
