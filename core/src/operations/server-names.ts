/**
 * Environments, stages and move tasks the pipeline config (shiplog.toml) does not define, taken from the
 * backend's server when it has one (ortelius: Backend.resolveEnvironment/resolveDomain/moveTasks), so that a
 * dh pipeline's names (`--env GLOBAL.Acme.Store.dev`, `--from_domain GLOBAL.Acme.Store.qa --task "Move to
 * prod"`) work without a shiplog.toml. A name the config defines always wins; a backend without a server
 * keeps the config's answer (exit 2 naming the known ones).
 */
import type { Backend } from '../backend/backend.js';
import { InvalidInputError } from '../errors.js';
import type { PipelineConfig, Stage } from '../model.js';
import { findStage, requireEnvironmentStage, stageOfEnvironment } from '../pipeline-config.js';

/** The stage of an environment, and the name to send for it (the server's full name when it came from there). */
export async function environmentStage(
  pipeline: PipelineConfig,
  backend: Backend,
  environment: string,
  application?: string,
): Promise<{ stage: Stage; environment: string }> {
  const known = stageOfEnvironment(pipeline, environment);
  if (known || !backend.resolveEnvironment) return { stage: known ?? requireEnvironmentStage(pipeline, environment), environment };
  const env = await backend.resolveEnvironment(environment, { application });
  // The environment's domain is its stage: the config's stage with that domain, else the domain itself.
  const stage = findStage(pipeline, env.domain) ?? findStage(pipeline, lastSegment(env.domain)) ?? serverStage(env.domain, [env.name]);
  return { stage, environment: env.name };
}

/** A stage named in the config (by name or domain), else a domain of the server; undefined when neither. */
export async function namedStage(
  pipeline: PipelineConfig,
  backend: Backend,
  name: string,
  application?: string,
): Promise<Stage | undefined> {
  const known = findStage(pipeline, name);
  if (known || !backend.resolveDomain) return known;
  const d = await backend.resolveDomain(name, { application });
  return findStage(pipeline, d.name) ?? serverStage(d.name, []);
}

/**
 * Where a move from a server-side stage goes: the stage named by `task` ("Move to <domain>"), else the one
 * Move task of the from-domain. Several tasks and no --task or --to: exit 2 listing them.
 */
export async function nextServerStage(
  pipeline: PipelineConfig,
  backend: Backend,
  from: Stage,
  task: string | undefined,
  application?: string,
): Promise<{ stage: Stage; task: string } | undefined> {
  if (!backend.resolveDomain || !backend.moveTasks) return undefined;
  const domain = await backend.resolveDomain(from.domain, { application });
  const tasks = await backend.moveTasks(domain.id);
  const chosen = task ?? (tasks.length === 1 ? tasks[0] : undefined);
  if (chosen === undefined) {
    throw new InvalidInputError(
      tasks.length === 0
        ? `domain ${domain.name} has no Move task on the Ortelius server`
        : `domain ${domain.name} has ${tasks.length} Move tasks on the Ortelius server (${tasks.map((t) => `"${t}"`).join(', ')}): name one with --task, or the target with --to`,
    );
  }
  const target = /^move\s+to\s+(.+)$/i.exec(chosen.trim())?.[1]?.trim();
  if (!target) {
    throw new InvalidInputError(`cannot tell the target of task "${chosen}" in ${domain.name} (not "Move to <domain>")`, {
      hint: 'name the target stage or domain with --to',
    });
  }
  const parent = domain.name.includes('.') ? domain.name.slice(0, domain.name.lastIndexOf('.')) : undefined;
  const stage =
    findStage(pipeline, target) ??
    (await namedStage(pipeline, backend, parent && !target.includes('.') ? `${parent}.${target}` : target, application).catch(
      () => undefined,
    )) ??
    (await namedStage(pipeline, backend, target, application));
  return stage ? { stage, task: chosen } : undefined;
}

function serverStage(domain: string, environments: string[]): Stage {
  return { name: domain, domain, requiresApproval: false, task: `Move to ${lastSegment(domain)}`, environments };
}

function lastSegment(domain: string): string {
  return domain.slice(domain.lastIndexOf('.') + 1);
}
