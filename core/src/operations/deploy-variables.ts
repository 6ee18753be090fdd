/**
 * What a deployment command receives besides the job's own environment (docs/intent.md "What a deploy
 * command receives"): the application version's facts as SHIPLOG_* variables, and the environment's custom
 * state as SHIPLOG_STATE_<KEY> (exactly the environment's: inherited SHIPLOG_STATE_* variables are removed).
 * Used by every deployment shiplog runs (deploy, version-update --env, apply).
 */
import { keepsDesiredState, type Backend } from '../backend/backend.js';
import { STATE_VARIABLE_PREFIX, stateVariableName, stateVariableValue } from '../custom-state-keys.js';
import type { Env } from '../host.js';
import { INPUTS } from '../inputs.js';
import type { ApplicationVersion, Stage } from '../model.js';

export interface DeploymentVariables {
  /** Variables to set; `undefined` removes an inherited one. */
  env: Record<string, string | undefined>;
  /** The custom state revisions passed (recorded with the deployment, for the uses_state cascade). */
  stateRevisions?: Record<string, number>;
}

/** shiplog's own SHIPLOG_STATE_* input variables (SHIPLOG_STATE_DIR), which are never state. */
const OWN = new Set(INPUTS.flatMap((i) => i.env ?? []));

export async function deploymentVariables(
  backend: Backend,
  inherited: Env,
  av: ApplicationVersion,
  environment: string,
  stage: Stage,
  action: 'deploy' | 'undeploy' = 'deploy',
): Promise<DeploymentVariables> {
  const env: Record<string, string | undefined> = {
    SHIPLOG_ACTION: action,
    SHIPLOG_APPLICATION: av.application,
    SHIPLOG_APP_VERSION: av.version,
    SHIPLOG_APP_VERSION_NAME: av.name,
    SHIPLOG_ENVIRONMENT: environment,
    SHIPLOG_STAGE: stage.name,
    SHIPLOG_COMPONENTS: av.components.join(','),
  };
  if (!keepsDesiredState(backend)) return { env };
  for (const k of Object.keys(inherited)) if (k.startsWith(STATE_VARIABLE_PREFIX) && !OWN.has(k)) env[k] = undefined;
  const stateRevisions: Record<string, number> = {};
  for (const v of await backend.getCustomState(environment)) {
    env[stateVariableName(v.key)] = stateVariableValue(v.value);
    stateRevisions[v.key] = v.revision;
  }
  return { env, stateRevisions };
}
