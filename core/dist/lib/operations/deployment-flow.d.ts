import type { Backend } from '../backend/backend.js';
import type { ApplicationVersion, Deployment, DeploymentMode, PipelineConfig, Stage } from '../model.js';
import type { CommandResultBase } from './command-module.js';
import type { OperationContext } from './context.js';
/** Where the deployment's result comes from. */
export type DeploySource = {
    kind: 'run';
    shell?: string;
    argv?: string[];
} | {
    kind: 'record';
    exitCode: number;
    logFile?: string;
} | {
    kind: 'server';
};
export interface DeploymentRequest {
    environment: string;
    source: DeploySource;
    timeoutMs: number;
    logUrl?: string;
    attributes?: Record<string, string>;
}
export interface DeploymentSummary {
    id: number | null;
    appVersion: string;
    application: string;
    environment: string;
    stage: string;
    exitCode: number | null;
    status: Deployment['status'] | 'planned';
    mode: DeploymentMode;
    componentVersions: string[];
    startedAt?: string;
    finishedAt?: string;
    logLines: number;
    logUrl?: string;
}
export interface DeployResult extends CommandResultBase {
    operation: 'deploy';
    deployment: DeploymentSummary;
    dryRun?: boolean;
}
/** Recorded exit code of a command stopped at --timeout that still ended with 0 (as timeout(1) reports). */
export declare const TIMED_OUT_EXIT_CODE = 124;
/** A deployment whose inputs have been checked; nothing has been written yet. */
export interface DeploymentPlan {
    req: DeploymentRequest;
    mode: DeploymentMode;
    stage: Stage;
    /** Record mode: the (redacted, capped) log lines read from --log-file. */
    recordedLog?: string[];
}
/** Whether the backend's own deploy engine can run a deployment (server mode: no command, no exit code). */
export declare function canDeployItself(backend: Backend): boolean;
/**
 * Checks what can be checked before any write: the environment exists in the pipeline, the backend can
 * run the chosen mode, the log file is readable. `command` is the operation asking, so that a hint only
 * suggests flags it takes (version-update has no record-only mode).
 */
export declare function planDeployment(ctx: OperationContext, pipeline: PipelineConfig, backend: Backend, req: DeploymentRequest, command?: 'deploy' | 'version-update'): Promise<DeploymentPlan>;
/** Runs (or records) the planned deployment of `av`. Throws FailedDeploymentError when it failed. */
export declare function performDeployment(ctx: OperationContext, pipeline: PipelineConfig, backend: Backend, plan: DeploymentPlan, av: ApplicationVersion): Promise<DeployResult>;
export declare function renderDeployment(d: DeploymentSummary, dryRun?: boolean): string;
