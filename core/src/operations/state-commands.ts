/**
 * `shiplog state set|get|list`: custom state passed between releases (docs/intent.md "Custom state"): a value
 * per environment and key (a database URL, a cluster name; never a secret), with its history. Deploy commands
 * receive the environment's values as SHIPLOG_STATE_<KEY>, `envscript --env E` writes them, and an intent's
 * `uses_state` redeploys an application when one of its keys changes. The Ortelius server has no place for
 * custom state: exit 2.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { stateKeyProblem, stateValueProblem, stateVariableName } from '../custom-state-keys.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { namePartProblem } from '../naming.js';
import { requireEnvironmentStage } from '../pipeline-config.js';
import type { Actor } from '../model.js';
import { actorOrLegacy } from '../policy/identity.js';
import type { CustomStateValue } from '../state-model.js';
import type { CommandModule, CommandResultBase, ResolvedInputs } from './command-module.js';
import type { OperationContext } from './context.js';
import { pipelineEnvironments } from './query-filters.js';
import { renderTable, shortTime } from './render-table.js';
import { bool, int, str } from './request-inputs.js';

export interface StateSetRequest {
  environment: string;
  key: string;
  value?: string;
  fromJson?: string;
  dryRun: boolean;
}

/** A value as results show it: the stored value without its CI context. */
export type StateValueView = Omit<CustomStateValue, 'provenance' | 'setBy'> & {
  /** Who set it (source `unknown`: the store keeps only the id). */
  actor: Actor;
};

export interface StateSetResult extends CommandResultBase, StateValueView {
  operation: 'state-set';
  /** false when the key already held this value (nothing written). */
  changed: boolean;
  previous: { value: unknown; revision: number } | null;
  /** The variable deploy commands receive. */
  variable: string;
  dryRun?: boolean;
}

export interface StateGetResult extends CommandResultBase, StateValueView {
  operation: 'state-get';
  variable: string;
  /** Newest first (the current value first), at most --limit. */
  history: StateValueView[];
}

export interface StateListResult extends CommandResultBase {
  operation: 'state-list';
  environments: string[];
  values: StateValueView[];
}

function view(v: CustomStateValue): StateValueView {
  return {
    environment: v.environment,
    key: v.key,
    value: v.value,
    revision: v.revision,
    setAt: v.setAt,
    actor: actorOrLegacy(undefined, v.setBy),
  };
}

/** The value as one line for people: a string as it is, anything else as JSON. */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function environmentInput(inputs: ResolvedInputs, problems: string[], required: boolean): string | undefined {
  const env = str(inputs, 'env');
  if (env === undefined && required) problems.push('--env is required');
  return env;
}

function keyInput(inputs: ResolvedInputs, problems: string[]): string {
  const key = str(inputs, 'key');
  if (key === undefined) problems.push('--key is required');
  else {
    const p = stateKeyProblem(key);
    if (p) problems.push(p);
  }
  return key ?? '';
}

/** The environment must be one of the pipeline's (a typo must not start a second, unused state). */
async function checkEnvironment(ctx: OperationContext, environment: string): Promise<void> {
  requireEnvironmentStage(await ctx.pipeline(), environment);
}

export const stateSetCommand: CommandModule<StateSetRequest, StateSetResult> = {
  name: 'state-set',
  summary: 'Set a custom state value of an environment (passed to deploy commands as SHIPLOG_STATE_<KEY>)',
  examples: [
    'shiplog state set --env qa --key db_url --value postgres://db.qa.internal:5432/shop',
    'shiplog state set --env prod-eu --key cluster --from-json cluster.json',
  ],
  mutating: true,

  request(inputs) {
    const problems: string[] = [];
    const environment = environmentInput(inputs, problems, true);
    const key = keyInput(inputs, problems);
    const value = inputs.value === undefined ? undefined : String(inputs.value);
    const fromJson = str(inputs, 'from-json');
    if ((value === undefined) === (fromJson === undefined)) problems.push('give the value with exactly one of --value or --from-json');
    if (problems.length) throw InvalidInputError.of(problems);
    return {
      environment: environment!,
      key,
      ...(value !== undefined ? { value } : {}),
      ...(fromJson ? { fromJson } : {}),
      dryRun: bool(inputs, 'dry-run'),
    };
  },

  async run(ctx, req) {
    await checkEnvironment(ctx, req.environment);
    let value: unknown = req.value;
    if (req.fromJson !== undefined) {
      const file = path.resolve(ctx.host.cwd, req.fromJson);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new InvalidInputError(`cannot read --from-json ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      try {
        value = JSON.parse(text);
      } catch (err) {
        throw new InvalidInputError(`--from-json ${file} is not JSON: ${(err as Error).message}`);
      }
    }
    const problem = stateValueProblem(value);
    if (problem) throw new InvalidInputError(problem);
    const backend = await ctx.backend();
    const base = { ok: true as const, operation: 'state-set' as const, variable: stateVariableName(req.key) };
    if (ctx.dryRun || req.dryRun) {
      const current = (await backend.getCustomState(req.environment)).find((v) => v.key === req.key);
      const redacted = ctx.host.redactor.redactValue(value);
      const changed = !current || JSON.stringify(current.value) !== JSON.stringify(redacted);
      ctx.host.log.info(`dry run: would ${changed ? 'set' : 'keep'} ${req.key} in ${req.environment}`);
      return {
        ...base,
        environment: req.environment,
        key: req.key,
        value: redacted,
        revision: current ? current.revision + (changed ? 1 : 0) : 1,
        setAt: ctx.host.now().toISOString(),
        actor: await ctx.actor(),
        changed,
        previous: current ? { value: current.value, revision: current.revision } : null,
        dryRun: true,
      };
    }
    const put = await backend.setCustomState({
      environment: req.environment,
      key: req.key,
      value,
      by: (await ctx.actor()).id,
      at: ctx.host.now().toISOString(),
      provenance: ctx.ci(),
    });
    return {
      ...base,
      ...view(put.value),
      changed: put.changed,
      previous: put.previous ? { value: put.previous.value, revision: put.previous.revision } : null,
    };
  },

  render(res) {
    const what = `state ${res.key} in ${res.environment}`;
    if (res.dryRun) return `[dry run] ${what}: would be revision ${res.revision}`;
    if (!res.changed) return `${what}: unchanged (revision ${res.revision})`;
    return `${what}: revision ${res.revision}${res.previous ? ` (was revision ${res.previous.revision})` : ''}; deploy commands get it as ${res.variable}`;
  },
};

export interface StateGetRequest {
  environment: string;
  key: string;
  limit: number;
  /** Print the value on stdout (not under --json). */
  print: boolean;
}

export const stateGetCommand: CommandModule<StateGetRequest, StateGetResult> = {
  name: 'state-get',
  summary: 'Print a custom state value of an environment (with its history under --json)',
  examples: ['shiplog state get --env qa --key db_url', 'shiplog state get --env qa --key db_url --limit 5 --json'],
  mutating: false,

  request(inputs) {
    const problems: string[] = [];
    const environment = environmentInput(inputs, problems, true);
    const key = keyInput(inputs, problems);
    const limit = int(inputs, 'limit') ?? 20;
    if (!Number.isInteger(limit) || limit < 1) problems.push(`--limit must be 1 or more (got ${limit})`);
    if (problems.length) throw InvalidInputError.of(problems);
    return { environment: environment!, key, limit, print: inputs.json !== true };
  },

  async run(ctx, req) {
    await checkEnvironment(ctx, req.environment);
    const backend = await ctx.backend();
    const history = await backend.customStateHistory(req.environment, req.key, req.limit);
    const current = history[0];
    if (!current)
      throw new NotFoundError(`no state ${req.key} in ${req.environment}`, {
        hint: `set it with shiplog state set --env ${req.environment} --key ${req.key} --value ...`,
      });
    if (req.print) ctx.host.stdout(`${shown(current.value)}\n`);
    return { ok: true, operation: 'state-get', ...view(current), variable: stateVariableName(req.key), history: history.map(view) };
  },

  render(res) {
    return `state ${res.key} in ${res.environment}: revision ${res.revision}, set by ${res.actor.id} at ${res.setAt}`;
  },
};

export interface StateListRequest {
  environment?: string;
}

export const stateListCommand: CommandModule<StateListRequest, StateListResult> = {
  name: 'state-list',
  summary: 'List the custom state of one environment, or of every environment of the pipeline',
  examples: ['shiplog state list', 'shiplog state list --env prod-eu --json'],
  mutating: false,

  request(inputs) {
    const problems: string[] = [];
    const environment = environmentInput(inputs, problems, false);
    const bad = environment === undefined ? undefined : namePartProblem(environment, '--env');
    if (bad) problems.push(bad);
    if (problems.length) throw InvalidInputError.of(problems);
    return environment ? { environment } : {};
  },

  async run(ctx, req) {
    if (req.environment) await checkEnvironment(ctx, req.environment);
    const environments = req.environment ? [req.environment] : pipelineEnvironments(await ctx.pipeline());
    const backend = await ctx.backend();
    const values: StateValueView[] = [];
    for (const e of environments) for (const v of await backend.getCustomState(e)) values.push(view(v));
    return { ok: true, operation: 'state-list', environments, values };
  },

  render(res) {
    return renderTable<StateValueView>(
      [
        { header: 'ENVIRONMENT', cell: (v) => v.environment },
        { header: 'KEY', cell: (v) => v.key },
        { header: 'REVISION', cell: (v) => v.revision, right: true },
        { header: 'SET', cell: (v) => shortTime(v.setAt) },
        { header: 'BY', cell: (v) => v.actor.id },
        { header: 'VALUE', cell: (v) => shown(v.value) },
      ],
      res.values,
      `no custom state in ${res.environments.join(', ') || 'any environment'}`,
    );
  },
};
