/**
 * The postgres store's tables (docs/store-postgres.md "Schema"), created and migrated by shiplog itself. All of
 * them live in one PostgreSQL schema (namespace, default `shiplog`):
 *
 *   schema_version          one row per migration applied (version, format marker, when, by whom)
 *   counters                one row: the next dense id of each kind
 *   documents               (kind, name) -> jsonb: every record document (document-store.ts DocKind), generic, so
 *                           a new kind needs no migration
 *   environment_states      (environment, application) -> the current state, primary key
 *   deployments             append-only history (id, application, environment, jsonb), indexed for history
 *   deployment_components   (component key, deployment id): history by component, newest first, at any size
 *   operations              append-only: the id, attempt and title of every committed write (idempotency and audit)
 *
 * A migration runs in one transaction under an advisory lock, so two first writers never race to create the store.
 */
import { ConfigError, SchemaVersionError } from '../../errors.js';

export const PG_STORE_FORMAT = 'shiplog-postgres-store';
export const PG_SCHEMA_VERSION = 1;

/** The tables shiplog owns in its schema: any of them without our schema_version row means a foreign schema. */
export const STORE_TABLES = [
  'schema_version',
  'counters',
  'documents',
  'environment_states',
  'deployments',
  'deployment_components',
  'operations',
];

export interface Migration {
  version: number;
  description: string;
  /** DDL, given the quoted schema name. */
  statements: (s: string) => string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'documents, counters, environment states, append-only deployments and operations',
    statements: (s) => [
      `create table ${s}.schema_version (
        version integer primary key,
        format text not null,
        description text not null,
        applied_at timestamptz not null default now(),
        applied_by text not null default current_user
      )`,
      `create table ${s}.counters (
        id boolean primary key default true check (id),
        component_version bigint not null,
        application_version bigint not null,
        deployment bigint not null
      )`,
      `insert into ${s}.counters (id, component_version, application_version, deployment) values (true, 1, 1, 1)`,
      `create table ${s}.documents (
        kind text collate "C" not null check (kind <> ''),
        name text collate "C" not null,
        value jsonb not null,
        primary key (kind, name)
      )`,
      `create table ${s}.environment_states (
        environment text collate "C" not null,
        application text collate "C" not null,
        deployment_id bigint not null,
        value jsonb not null,
        primary key (environment, application)
      )`,
      `create index environment_states_by_application on ${s}.environment_states (application, environment)`,
      `create table ${s}.deployments (
        id bigint primary key check (id > 0),
        application text collate "C" not null,
        environment text collate "C" not null,
        value jsonb not null
      )`,
      `create index deployments_by_application on ${s}.deployments (application, id)`,
      `create index deployments_by_application_environment on ${s}.deployments (application, environment, id)`,
      `create index deployments_by_environment on ${s}.deployments (environment, id)`,
      `create table ${s}.deployment_components (
        component text collate "C" not null,
        deployment_id bigint not null,
        primary key (component, deployment_id)
      )`,
      `create table ${s}.operations (
        id text collate "C" primary key,
        attempt integer not null,
        title text not null,
        committed_at timestamptz not null default now()
      )`,
      // History is append-only: the database refuses to change or delete it (TRUNCATE stays possible for an admin).
      `create function ${s}.refuse_history_change() returns trigger language plpgsql as $$
        begin
          raise exception 'shiplog: %.% is append-only', tg_table_schema, tg_table_name using errcode = 'P0001';
        end
      $$`,
      `create trigger deployments_append_only before update or delete on ${s}.deployments
        for each statement execute function ${s}.refuse_history_change()`,
      `create trigger deployment_components_append_only before update or delete on ${s}.deployment_components
        for each statement execute function ${s}.refuse_history_change()`,
      `create trigger operations_append_only before update or delete on ${s}.operations
        for each statement execute function ${s}.refuse_history_change()`,
    ],
  },
];

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** What the schema holds, from one catalogue query (inspectSql). */
export interface SchemaFacts {
  exists: boolean;
  owner?: string;
  currentUser: string;
  canCreate: boolean;
  tables: string[];
}

/** One query: the schema's owner, whether this role may create in it, and the tables it holds. */
export const INSPECT_SQL = `
  select n.oid is not null as exists,
         pg_get_userbyid(n.nspowner) as owner,
         current_user::text as current_user,
         case when n.oid is null then has_database_privilege(current_database(), 'CREATE')
              else has_schema_privilege(n.oid, 'CREATE') end as can_create,
         coalesce((select json_agg(c.relname::text order by c.relname) from pg_class c
                    where c.relnamespace = n.oid and c.relkind in ('r', 'p', 'v', 'm', 'f')), '[]'::json) as tables
    from (select $1::text as name) wanted
    left join pg_namespace n on n.nspname = wanted.name`;

export type StoreState = { state: 'absent' } | { state: 'present'; version: number };

/**
 * Decides from the facts and the schema_version rows (undefined when there is no such table) whether the schema
 * holds no store, our store, or another tool's tables under our names.
 */
export function storeStateOf(
  facts: SchemaFacts,
  versions: { format: string; version: number }[] | 'unreadable' | undefined,
  where: string,
): StoreState {
  const ours = facts.tables.filter((t) => STORE_TABLES.includes(t));
  if (ours.length === 0) return { state: 'absent' };
  const marker = Array.isArray(versions) ? versions.filter((v) => v.format === PG_STORE_FORMAT) : [];
  if (marker.length === 0 || (Array.isArray(versions) && marker.length !== versions.length)) {
    throw new ConfigError(`${where} holds tables shiplog did not create (${ours.join(', ')}): it is not a shiplog store`, {
      hint: 'point the store at another schema (?schema=<name> in the store URL) or another database',
    });
  }
  const version = Math.max(...marker.map((v) => v.version));
  if (version > PG_SCHEMA_VERSION) {
    throw new SchemaVersionError(`${where} has schema version ${version}; this shiplog reads up to ${PG_SCHEMA_VERSION}`, {
      hint: 'upgrade shiplog',
    });
  }
  const missing = STORE_TABLES.filter((t) => !facts.tables.includes(t));
  if (missing.length) throw new ConfigError(`${where} is incomplete: table ${missing.join(', ')} is missing`);
  return { state: 'present', version };
}

/** The migrations to run from `from` (0: a new store). */
export function pendingMigrations(from: number): Migration[] {
  return MIGRATIONS.filter((m) => m.version > from);
}

/** A one-line refusal when this role cannot create the store's tables in an existing schema it does not own. */
export function ownerProblem(facts: SchemaFacts, schema: string, database: string): ConfigError | undefined {
  if (facts.canCreate) return undefined;
  if (facts.exists) {
    return new ConfigError(
      `schema ${schema} in database ${database} is owned by role ${facts.owner}; role ${facts.currentUser} may not create or migrate shiplog's tables in it`,
      {
        hint: `run shiplog once as ${facts.owner}, or GRANT CREATE ON SCHEMA ${schema} TO ${facts.currentUser}, or use another schema (?schema=<name>)`,
      },
    );
  }
  return new ConfigError(`role ${facts.currentUser} may not create schema ${schema} in database ${database}`, {
    hint: `CREATE SCHEMA ${schema} AUTHORIZATION ${facts.currentUser} as the database owner, or GRANT CREATE ON DATABASE ${database} TO ${facts.currentUser}`,
  });
}
