/**
 * The SQL of the postgres store, built once per schema (the schema name is a validated identifier, quoted).
 * Batches travel as one jsonb parameter expanded with jsonb_to_recordset: one statement whatever the size.
 */
import type { HistoryFilter } from '../backend.js';
import { quoteIdent } from './schema.js';

export type SqlParam = string | number | boolean | null;

/** What the store needs of a driver session (a pool, a reserved connection or a transaction). */
export interface PgSession {
  unsafe(query: string, params?: SqlParam[], opts?: { prepare?: boolean }): Promise<Record<string, unknown>[]>;
}

export type StoreSql = ReturnType<typeof storeSql>;

export function storeSql(schema: string) {
  const s = quoteIdent(schema);
  return {
    schema: s,
    lockCounters: `select component_version, application_version, deployment from ${s}.counters where id for update`,
    findOperation: `select attempt from ${s}.operations where id = $1`,
    getDocument: `select value from ${s}.documents where kind = $1 and name = $2`,
    /** Everything one transaction staged, in one statement (writable CTEs); an empty batch is '[]'. */
    flush: `with docs as (
        insert into ${s}.documents (kind, name, value)
        select d.kind, d.name, d.value from jsonb_to_recordset($1::text::jsonb) as d(kind text, name text, value jsonb)
        on conflict (kind, name) do update set value = excluded.value
      ), states as (
        insert into ${s}.environment_states (environment, application, deployment_id, value)
        select d.environment, d.application, d.deployment_id, d.value
          from jsonb_to_recordset($2::text::jsonb) as d(environment text, application text, deployment_id bigint, value jsonb)
        on conflict (environment, application) do update set deployment_id = excluded.deployment_id, value = excluded.value
      ), deployments as (
        insert into ${s}.deployments (id, application, environment, value)
        select d.id, d.application, d.environment, d.value
          from jsonb_to_recordset($3::text::jsonb) as d(id bigint, application text, environment text, value jsonb)
      ), component_keys as (
        insert into ${s}.deployment_components (component, deployment_id)
        select distinct d.component, d.deployment_id from jsonb_to_recordset($4::text::jsonb) as d(component text, deployment_id bigint)
      ), counters as (
        update ${s}.counters set component_version = $5::bigint, application_version = $6::bigint, deployment = $7::bigint where id
      )
      insert into ${s}.operations (id, attempt, title) values ($8, $9::int, $10)`,
    /** The counters and the counts of `store info`, from one snapshot. */
    info: `select c.component_version, c.application_version, c.deployment,
        (select count(*) from ${s}.environment_states)::bigint as states,
        (select count(*) from ${s}.operations)::bigint as operations,
        current_setting('server_version') as server, current_user::text as "user"
      from ${s}.counters c where c.id`,
    schemaVersions: `select format, version from ${s}.schema_version`,
    scanDocuments: `select kind, name, value from ${s}.documents where (kind, name) > ($1, $2) order by kind, name limit $3`,
    scanStates: `select environment, application, value from ${s}.environment_states
      where (environment, application) > ($1, $2) order by environment, application limit $3`,
    scanDeployments: `select id, value from ${s}.deployments where id > $1 order by id limit $2`,
  };
}

/** Current states, sorted by environment then application (the primary key's order, collation "C"). */
export function statusQuery(q: StoreSql, filter: { environment?: string; application?: string }): { text: string; params: SqlParam[] } {
  const where: string[] = [];
  const params: SqlParam[] = [];
  if (filter.environment !== undefined) where.push(`environment = $${params.push(filter.environment)}`);
  if (filter.application !== undefined) where.push(`application = $${params.push(filter.application)}`);
  const cond = where.length ? ` where ${where.join(' and ')}` : '';
  return { text: `select value from ${q.schema}.environment_states${cond} order by environment, application`, params };
}

/**
 * Deployments newest first, filtered, stopping at the limit: each filter combination walks an index backwards
 * (deployments_by_application, deployments_by_environment, deployment_components' primary key, or the
 * deployments' primary key), so the cost follows the rows answered, not the history.
 */
export function historyQuery(q: StoreSql, filter: HistoryFilter): { text: string; params: SqlParam[] } {
  const params: SqlParam[] = [];
  const where: string[] = [];
  const limit = filter.limit === undefined ? '' : ` limit ${Number(filter.limit)}`;
  if (filter.component !== undefined) {
    where.push(`c.component = $${params.push(filter.component)}`);
    if (filter.application !== undefined) where.push(`d.application = $${params.push(filter.application)}`);
    if (filter.environment !== undefined) where.push(`d.environment = $${params.push(filter.environment)}`);
    return {
      text: `select d.value from ${q.schema}.deployment_components c join ${q.schema}.deployments d on d.id = c.deployment_id
        where ${where.join(' and ')} order by c.deployment_id desc${limit}`,
      params,
    };
  }
  if (filter.application !== undefined) where.push(`application = $${params.push(filter.application)}`);
  if (filter.environment !== undefined) where.push(`environment = $${params.push(filter.environment)}`);
  const cond = where.length ? ` where ${where.join(' and ')}` : '';
  return { text: `select value from ${q.schema}.deployments${cond} order by id desc${limit}`, params };
}
