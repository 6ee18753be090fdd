/**
 * The one mapping from a DeploymentRecordSpec to the Deployment every backend stores and returns:
 * status follows the exit code; the backend supplies the id and, where it knows better, the application
 * version it resolved (its stored name and component list) and the log lines it kept.
 */
import type { ApplicationVersion, Deployment } from '../model.js';
import type { DeploymentRecordSpec } from './backend.js';
export declare function deploymentFromSpec(spec: DeploymentRecordSpec, opts: {
    id: number;
    appVersion?: Pick<ApplicationVersion, 'name' | 'application' | 'components'>;
    appVersionName?: string;
    log?: string[];
}): Deployment;
