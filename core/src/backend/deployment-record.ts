/**
 * The one mapping from a DeploymentRecordSpec to the Deployment every backend stores and returns:
 * status follows the exit code; the backend supplies the id and, where it knows better, the application
 * version it resolved (its stored name and component list) and the log lines it kept.
 */
import type { ApplicationVersion, Deployment } from '../model.js';
import type { DeploymentRecordSpec } from './backend.js';

export function deploymentFromSpec(
  spec: DeploymentRecordSpec,
  opts: { id: number; appVersion?: Pick<ApplicationVersion, 'name' | 'application' | 'components'>; appVersionName?: string; log?: string[] },
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
