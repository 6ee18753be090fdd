import type { CommandModule, CommandResultBase } from './command-module.js';
import { type DeploymentSummary } from './deployment-flow.js';
import { type SbomArg } from './version-update-plan.js';
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
export interface VersionUpdateResult extends CommandResultBase {
    operation: 'version-update';
    componentVersion: {
        id: string | null;
        name: string;
        created: boolean;
        updated?: boolean;
    };
    appVersion: {
        id: string | null;
        name: string;
        created: boolean;
        updated?: boolean;
    } | null;
    attributes: Record<string, string>;
    deployment?: DeploymentSummary;
    dryRun?: boolean;
}
export declare const versionUpdateCommand: CommandModule<VersionUpdateRequest, VersionUpdateResult>;
