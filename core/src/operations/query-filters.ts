/**
 * Input handling shared by the read-only queries (status, history, diff, graph): parsing the application
 * filter, checking that an environment filter names something real, environment ordering, and the `build`
 * provenance block every query result carries.
 */
import type { Backend } from '../backend/backend.js';
import { NotFoundError } from '../errors.js';
import type { CiContext, PipelineConfig } from '../model.js';
import { applicationBaseName, applicationParts, applicationVersionName } from '../naming.js';

export interface ApplicationFilter {
  /** Full base name `domain.short`. */
  application: string;
  /** Full application version name when the flag carried `;version`. */
  appVersion?: string;
}

/**
 * Parses `--application GLOBAL.Acme.Store.shop[;1.0.0]`. Pushes a problem (instead of throwing) so that
 * request() can report every problem at once.
 */
export function parseApplication(raw: string, problems: string[]): ApplicationFilter | undefined {
  try {
    const p = applicationParts(raw);
    const application = applicationBaseName(p);
    return p.version ? { application, appVersion: applicationVersionName({ ...p, version: p.version }) } : { application };
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
    return undefined;
  }
}

/** Environment names of the pipeline config in pipeline order (stage by stage). */
export function pipelineEnvironments(config: PipelineConfig): string[] {
  const seen = new Set<string>();
  for (const stage of config.stages) for (const e of stage.environments) seen.add(e);
  for (const e of Object.keys(config.environments)) seen.add(e);
  return [...seen];
}

/**
 * An environment filter is valid when the pipeline config knows it or something was ever deployed to it
 * (an Ortelius server may have environments the local config does not list). Otherwise: exit 2.
 */
export async function assertKnownEnvironment(
  backend: Backend,
  config: PipelineConfig,
  environment: string,
  what = 'environment',
): Promise<void> {
  const known = pipelineEnvironments(config);
  if (known.includes(environment)) return;
  if ((await backend.status({ environment })).length > 0) return;
  if ((await backend.history({ environment, limit: 1 })).length > 0) return;
  throw new NotFoundError(`unknown ${what} "${environment}": not in the pipeline config and never deployed to`, {
    hint: known.length > 0 ? `known environments: ${known.join(', ')}` : 'define environments in shiplog.toml',
  });
}

/** Sort key putting pipeline environments first, in pipeline order, then the rest by name. */
export function environmentOrder(config: PipelineConfig): (a: string, b: string) => number {
  const order = new Map(pipelineEnvironments(config).map((e, i) => [e, i]));
  return (a, b) => {
    const ia = order.get(a) ?? Number.MAX_SAFE_INTEGER;
    const ib = order.get(b) ?? Number.MAX_SAFE_INTEGER;
    return ia !== ib ? ia - ib : a < b ? -1 : a > b ? 1 : 0;
  };
}

/** Which CI job built or deployed something (never secrets: CiContext holds none). */
export interface BuildInfo {
  provider: string;
  buildId: string | null;
  /** The job's name (CiContext.job), e.g. `release / deploy`. */
  job: string | null;
  buildUrl: string | null;
  commit: string | null;
  branch: string | null;
  /** The CI platform's user that started the build (CiContext.actor); who acted is the entry's `actor`. */
  user: string | null;
}

export function buildInfo(ci: CiContext | undefined): BuildInfo {
  return {
    provider: ci?.provider ?? 'unknown',
    buildId: ci?.buildId ?? ci?.buildNumber ?? null,
    job: ci?.job ?? null,
    buildUrl: ci?.buildUrl ?? ci?.jobUrl ?? null,
    commit: ci?.commit ?? null,
    branch: ci?.branch ?? null,
    user: ci?.actor ?? null,
  };
}

/** `github #1234`, `jenkins shop-release #206`, `local`: the short build column of the human tables. */
export function buildLabel(b: BuildInfo): string {
  const who = b.job ? `${b.provider} ${b.job}` : b.provider;
  return b.buildId ? `${who} #${b.buildId}` : who;
}
