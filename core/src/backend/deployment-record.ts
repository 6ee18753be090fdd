/**
 * The one mapping from a DeploymentRecordSpec to the Deployment every backend stores and returns:
 * status follows the exit code; the backend supplies the id and, where it knows better, the application
 * version it resolved (its stored name and component list) and the log lines it kept.
 */
import type { ApplicationVersion, Deployment, EnvironmentState } from '../model.js';
import type { DeploymentRecordSpec } from './backend.js';

export function deploymentFromSpec(
  spec: DeploymentRecordSpec,
  opts: {
    id: number;
    appVersion?: Pick<ApplicationVersion, 'name' | 'application' | 'components'>;
    appVersionName?: string;
    log?: string[];
  },
): Deployment {
  const av = opts.appVersion ?? spec.appVersion;
  return {
    id: opts.id,
    appVersion: opts.appVersionName ?? av.name,
    application: av.application,
    environment: spec.environment,
    componentVersions: [...av.components],
    exitCode: spec.exitCode,
    status: spec.exitCode === 0 ? 'success' : 'failed',
    startedAt: spec.startedAt,
    finishedAt: spec.finishedAt,
    log: opts.log ?? [...spec.log],
    ...(spec.logUrl ? { logUrl: spec.logUrl } : {}),
    mode: spec.mode,
    ...(spec.attributes ? { attributes: { ...spec.attributes } } : {}),
    ...(spec.actor ? { actor: { ...spec.actor } } : {}),
    ...(spec.override ? { override: spec.override } : {}),
    provenance: { ...spec.provenance },
  };
}

/**
 * What an environment runs after a successful deployment (or undeployment) of `av`: the fields every record
 * store writes; the caller adds what its kind of deployment carries (actor, override, state revisions, undeployed).
 */
export function environmentStateAfter(
  deployment: Pick<Deployment, 'id'>,
  av: Pick<ApplicationVersion, 'name' | 'application' | 'components'>,
  spec: Pick<DeploymentRecordSpec, 'environment' | 'finishedAt' | 'provenance'>,
): EnvironmentState {
  return {
    name: spec.environment,
    application: av.application,
    appVersion: av.name,
    components: [...av.components],
    deploymentId: deployment.id,
    deployedAt: spec.finishedAt,
    provenance: spec.provenance,
  };
}
