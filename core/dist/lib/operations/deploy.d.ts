import { type AppVersionRef } from './app-version-lookup.js';
import type { CommandModule } from './command-module.js';
import { type DeployResult, type DeploySource } from './deployment-flow.js';
export interface DeployRequest {
    app: AppVersionRef;
    environment: string;
    source: DeploySource;
    logUrl?: string;
    attr: string[];
    timeoutMs: number;
    dryRun: boolean;
}
/** Builds the deployment source from --command / words after `--` / --exit-code / --log-file. */
export declare function deploySource(command: string | undefined, commandArgs: string[], exitCode: number | undefined, logFile: string | undefined, problems: string[]): DeploySource;
export declare const deployCommand: CommandModule<DeployRequest, DeployResult>;
