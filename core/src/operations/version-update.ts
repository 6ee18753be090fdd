/**
 * `version-update` (dh `updatecomp`, the orbs' "microservice version update"): records a component version
 * built by this CI run, and the application version that holds it.
 * - Name/Variant/Version: flag > env binding > component.toml > git (missing component.toml);
 * - creates exactly the version asked for; `--auto-increment true` names it v<schema>_<commit count>_g<sha>;
 * - attributes: derived CI/git values < [Attributes] < --attr; SBOMs from --sbom TYPE@FILE;
 * - `--application` (or Application/Application_Version in the TOML): creates or reuses the application
 *   version holding the component version (`--app-auto-increment` bumps an existing one);
 * - `--env` (or DeployEnv) deploys that application version afterwards (the command after `--`).
 * Re-running the same build creates nothing and says created:false.
 */
import { FailedDeploymentError, InvalidInputError, OperationFailedError, ShiplogError } from '../errors.js';
import { parseAttrArgs } from '../attributes.js';
import { findAppVersion } from './app-version-lookup.js';
import type { CommandModule, CommandResultBase } from './command-module.js';
import type { OperationContext } from './context.js';
import {
  canDeployItself,
  performDeployment,
  planDeployment,
  renderDeployment,
  type DeploymentPlan,
  type DeploymentSummary,
} from './deployment-flow.js';
import { deploySource } from './deploy.js';
import { DEFAULT_TIMEOUT_MS, durationInput } from './input-resolution.js';
import { bool, list, str, tomlInput } from './request-inputs.js';
import { parseSbomArg, resolveComponentPlan, type SbomArg } from './version-update-plan.js';

export interface VersionUpdateRequest {
  toml: string;
  /** `toml` names a file other than the default ./component.toml: it must exist. */
  tomlExplicit: boolean;
  name?: string;
  variant?: string;
  version?: string;
  autoIncrement: boolean;
  kind: 'docker' | 'file';
  attr: string[];
  sboms: SbomArg[];
  /** --sbom-required: SBOM capability checked before any write; a refused upload is fatal (exit 4). */
  sbomRequired: boolean;
  application?: string;
  appVersion?: string;
  appAutoIncrement: boolean;
  environment?: string;
  commandArgs: string[];
  /** Shell command (the `command` input) that deploys after the update; alternative to commandArgs. */
  command?: string;
  timeoutMs: number;
  dryRun: boolean;
}

/**
 * The component version and the application version a version-update recorded, in the result vocabulary
 * (docs/cli.md, "JSON results"): names as plain strings, backend ids and created/updated flags beside them.
 */
export interface RecordedVersions {
  /** Full component version name. */
  componentVersion: string;
  /** Backend id; null on a dry run for a version that does not exist yet. */
  componentVersionId: string | null;
  componentVersionCreated: boolean;
  /** Present (true) when an existing component version's attributes were updated. */
  componentVersionUpdated?: true;
  /** Full application version name; null when no application was given. */
  appVersion: string | null;
  appVersionId: string | null;
  /** null when there is no application version. */
  appVersionCreated: boolean | null;
  appVersionUpdated?: true;
}

export interface VersionUpdateResult extends CommandResultBase, RecordedVersions {
  operation: 'version-update';
  /** dh's several-components form (COMPONENT_NAME_n): the further component versions, in order. */
  additional?: RecordedVersions[];
  attributes: Record<string, string>;
  deployment?: DeploymentSummary;
  dryRun?: boolean;
}

export const versionUpdateCommand: CommandModule<VersionUpdateRequest, VersionUpdateResult> = {
  name: 'version-update',
  summary: 'Record a new component version (from component.toml, flags or git) and the application version holding it',
  examples: [
    'shiplog version-update                       # reads ./component.toml',
    'shiplog version-update --component-name GLOBAL.Acme.Store.cart --component-version 1.4.0 --application GLOBAL.Acme.Store.shop',
    'shiplog version-update --toml svc/component.toml --auto-increment true --attr DockerSha=sha256:0f3c... --sbom cyclonedx@bom.json',
    'shiplog version-update --application GLOBAL.Acme.Store.shop --env dev -- ./deploy.sh dev',
  ],
  mutating: true,

  request(inputs, extra) {
    const problems: string[] = [];
    const sboms: SbomArg[] = [];
    for (const s of list(inputs, 'sbom')) {
      const parsed = parseSbomArg(s, problems);
      if (parsed) sboms.push(parsed);
    }
    const timeoutMs = durationInput(inputs, 'timeout', problems) ?? DEFAULT_TIMEOUT_MS;
    const kind = str(inputs, 'kind') ?? 'docker';
    if (kind !== 'docker' && kind !== 'file') problems.push(`--kind must be docker or file (got "${kind}")`);
    if (problems.length > 0) throw InvalidInputError.of(problems);
    const toml = tomlInput(inputs);
    return {
      toml: toml.path,
      tomlExplicit: toml.explicit,
      name: str(inputs, 'component-name'),
      variant: str(inputs, 'component-variant'),
      version: str(inputs, 'component-version'),
      autoIncrement: bool(inputs, 'auto-increment'),
      kind: kind as 'docker' | 'file',
      attr: list(inputs, 'attr'),
      sboms,
      sbomRequired: bool(inputs, 'sbom-required'),
      application: str(inputs, 'application'),
      appVersion: str(inputs, 'app-version'),
      appAutoIncrement: bool(inputs, 'app-auto-increment'),
      environment: str(inputs, 'env'),
      commandArgs: extra.commandArgs,
      command: str(inputs, 'command'),
      timeoutMs,
      dryRun: bool(inputs, 'dry-run'),
    };
  },

  async run(ctx, req) {
    const first = await updateOne(ctx, req);
    // dh's several-components form: COMPONENT_NAME_1.._n (with _VERSION_n, _APPLICATION_n,
    // _APPLICATION_VERSION_n; the variant reset) after the main one, each recorded the same way, none deployed.
    const extra = extraComponents(ctx.host.env);
    if (extra.length === 0) return first;
    const additional: NonNullable<VersionUpdateResult['additional']> = [];
    for (const e of extra) {
      const r = await updateOne(ctx, {
        ...req,
        ...e,
        autoIncrement: req.autoIncrement,
        commandArgs: [],
        command: undefined,
        environment: undefined,
        skipDeployEnv: true,
        ownApplicationOnly: true,
      });
      additional.push(recordedVersions(r));
    }
    return { ...first, additional };
  },

  render(res) {
    const lines = [
      `${res.dryRun ? '[dry run] ' : ''}component version ${res.componentVersion}${res.dryRun ? '' : res.componentVersionCreated ? ' (created)' : ' (exists, created: false)'}`,
    ];
    if (res.appVersion)
      lines.push(
        `application version ${res.appVersion}${res.dryRun ? '' : res.appVersionCreated ? ' (created)' : ' (exists, created: false)'}`,
      );
    if (res.deployment) lines.push(renderDeployment(res.deployment));
    for (const a of res.additional ?? []) {
      lines.push(
        `component version ${a.componentVersion}${a.componentVersionCreated ? ' (created)' : ' (exists, created: false)'}${a.appVersion ? ` in ${a.appVersion}` : ''}`,
      );
    }
    return lines.join('\n');
  },
};

/** The RecordedVersions fields of a result (the entries of `additional`). */
function recordedVersions(r: RecordedVersions): RecordedVersions {
  return {
    componentVersion: r.componentVersion,
    componentVersionId: r.componentVersionId,
    componentVersionCreated: r.componentVersionCreated,
    ...(r.componentVersionUpdated ? { componentVersionUpdated: true as const } : {}),
    appVersion: r.appVersion,
    appVersionId: r.appVersionId,
    appVersionCreated: r.appVersionCreated,
    ...(r.appVersionUpdated ? { appVersionUpdated: true as const } : {}),
  };
}

/** COMPONENT_NAME_1, _2, ... until the first one unset (dh's loop), as request overrides. */
export function extraComponents(env: Readonly<Record<string, string | undefined>>): Partial<VersionUpdateRequest>[] {
  const out: Partial<VersionUpdateRequest>[] = [];
  const get = (k: string) => (env[k] !== undefined && env[k]!.trim() !== '' ? env[k]!.trim() : undefined);
  for (let n = 1; get(`COMPONENT_NAME_${n}`) !== undefined; n++) {
    out.push({
      name: get(`COMPONENT_NAME_${n}`),
      variant: '',
      version: get(`COMPONENT_VERSION_${n}`),
      application: get(`COMPONENT_APPLICATION_${n}`),
      appVersion: get(`COMPONENT_APPLICATION_VERSION_${n}`),
    });
  }
  return out;
}

async function updateOne(
  ctx: OperationContext,
  req: VersionUpdateRequest & { skipDeployEnv?: boolean; ownApplicationOnly?: boolean },
): Promise<VersionUpdateResult> {
  const host = ctx.host;
  const flags = await parseAttrArgs(host, req.attr);
  // Everything that can be wrong is found before the first write: names, files, pipeline, deploy mode.
  const plan = await resolveComponentPlan(ctx, req, flags);
  const pipeline = await ctx.pipeline();
  const backend = await ctx.backend();
  let deployPlan: DeploymentPlan | undefined;
  const runs = req.commandArgs.length > 0 || req.command !== undefined;
  if (plan.environment === undefined && runs) {
    throw new InvalidInputError(
      `a deployment command was given (${req.command ?? req.commandArgs.join(' ')}) but no environment to deploy to`,
      {
        hint: 'pass --env (or set DeployEnv in component.toml), or drop the words after --',
      },
    );
  }
  let environment = req.skipDeployEnv ? undefined : plan.environment;
  if (environment !== undefined && plan.environmentFrom === 'toml' && !runs && !canDeployItself(backend)) {
    // DeployEnv names where the build goes next (the dh file format); with no command and a backend that cannot
    // deploy by itself there is nothing to run it with: record the versions, say how to deploy, and go on.
    const app = plan.app ? `--application "${plan.app.application}" ` : '';
    host.log.warn(
      `DeployEnv "${environment}" in ${req.toml} not deployed: the ${backend.kind} backend cannot run deployments itself and no deployment command was given (deploy with: shiplog deploy ${app}--env ${environment} -- <command>)`,
    );
    environment = undefined;
  }
  if (environment !== undefined) {
    const problems: string[] = [];
    const source = deploySource(req.command, req.commandArgs, undefined, undefined, problems);
    if (problems.length > 0) throw InvalidInputError.of(problems);
    if (!plan.app) {
      throw new InvalidInputError(`deploying to ${environment} needs an application`, {
        hint: 'pass --application (or set Application in component.toml)',
      });
    }
    deployPlan = await planDeployment(
      ctx,
      pipeline,
      backend,
      { environment, application: plan.app.application, source, timeoutMs: req.timeoutMs },
      'version-update',
    );
  }
  const version = plan.autoIncrement ? await plan.autoIncrement(backend) : plan.parts.version!;
  const fullName = `${plan.base};${version}`;
  const provenance = ctx.ci();
  const at = host.now().toISOString();
  const attributes = host.redactor.redactValue(plan.attributes);
  const actor = await ctx.actor();

  if (req.dryRun) {
    const existing = await backend.getComponentVersion(fullName);
    host.log.info(
      `dry run: would ${existing ? 'reuse' : 'create'} component version ${fullName} (${Object.keys(attributes).length} attributes${plan.sboms.length ? `, ${plan.sboms.length} SBOMs` : ''})`,
    );
    let appName: string | null = null;
    if (plan.app) {
      appName = plan.app.version ? `${plan.app.application};${plan.app.version}` : `${plan.app.application} (next version)`;
      host.log.info(`dry run: would put ${fullName} into application version ${appName}`);
    }
    if (deployPlan) host.log.info(`dry run: would deploy to ${deployPlan.req.environment}`);
    return {
      ok: true,
      operation: 'version-update',
      componentVersion: fullName,
      componentVersionId: existing?.id ?? null,
      componentVersionCreated: false,
      appVersion: appName,
      appVersionId: null,
      appVersionCreated: appName === null ? null : false,
      attributes,
      dryRun: true,
    };
  }

  // SBOMs go last (ortelius: after the component and application steps, so that a refused SBOM leaves the
  // versions recorded); --sbom-required asks the backend whether it takes them before anything is written.
  const sbomsLater = plan.sboms.length > 0 && backend.attachSboms !== undefined;
  if (sbomsLater && req.sbomRequired) await backend.probeSboms?.();
  if (plan.clockBuildDate) {
    const existing = await backend.getComponentVersion(fullName);
    if (existing?.attributes.DockerBuildDate) delete attributes.DockerBuildDate;
  }
  const cv = await backend.putComponentVersion({
    domain: plan.parts.domain,
    short: plan.parts.short,
    ...(plan.parts.variant ? { variant: plan.parts.variant } : {}),
    version,
    kind: req.kind,
    attributes,
    ...(plan.files && Object.keys(plan.files).length > 0 ? { files: plan.files } : {}),
    ...(plan.sboms.length > 0 && !sbomsLater ? { sboms: plan.sboms } : {}),
    provenance,
    actor,
    at,
  });
  const result: VersionUpdateResult = {
    ok: true,
    operation: 'version-update',
    componentVersion: cv.value.name,
    componentVersionId: cv.value.id,
    componentVersionCreated: cv.created,
    ...(cv.updated ? { componentVersionUpdated: true as const } : {}),
    appVersion: null,
    appVersionId: null,
    appVersionCreated: null,
    attributes,
  };
  const attachSboms = async () => {
    if (!sbomsLater) return;
    try {
      await backend.attachSboms!(cv.value, plan.sboms);
    } catch (err) {
      if (req.sbomRequired || !(err instanceof ShiplogError)) throw err;
      const recorded = [cv.value.name, result.appVersion].filter(Boolean).join(' and ');
      throw new OperationFailedError(`recorded ${recorded}, SBOM not uploaded: ${err.message}`, {
        hint: 'run the same version-update again once the server takes SBOMs (nothing is created twice), or pass --sbom-required to make this fatal before anything is written',
      });
    }
  };
  if (!plan.app) {
    await attachSboms();
    return result;
  }

  const av = await backend.putApplicationVersion({
    application: plan.app.application,
    ...(plan.app.version ? { version: plan.app.version } : {}),
    autoIncrement: req.appAutoIncrement,
    component: cv.value,
    initialStage: pipeline.stages[0].name,
    provenance,
    actor,
    at,
  });
  result.appVersion = av.value.name;
  result.appVersionId = av.value.id;
  result.appVersionCreated = av.created;
  if (av.updated) result.appVersionUpdated = true;
  await attachSboms();
  if (!deployPlan) return result;

  const fresh = await findAppVersion(backend, { application: av.value.application, version: av.value.version });
  try {
    const deployed = await performDeployment(ctx, pipeline, backend, deployPlan, fresh);
    return { ...result, deployment: deployed.deployment };
  } catch (err) {
    // A failed deployment still reports what was recorded, as version-update's own result.
    if (err instanceof FailedDeploymentError) {
      throw new FailedDeploymentError(err.message, { ...result, ok: false, deployment: err.result.deployment }, { timedOut: err.timedOut });
    }
    throw err;
  }
}
