import type { DeploymentMode, DeploymentStatus } from '../model.js';
import type { CommandModule, CommandResultBase, ResolvedInputs } from './command-module.js';
import type { OperationContext } from './context.js';
import { type ApplicationFilter, type BuildInfo } from './query-filters.js';
export declare const DEFAULT_HISTORY_LIMIT = 20;
export interface HistoryRequest {
    application?: ApplicationFilter;
    environment?: string;
    /** Full component base or version name, cleaned. */
    component?: string;
    limit: number;
}
export interface HistoryEntry {
    id: number;
    application: string;
    /** Full application version name. */
    appVersion: string;
    environment: string;
    status: DeploymentStatus;
    exitCode: number | null;
    startedAt: string;
    finishedAt: string | null;
    mode: DeploymentMode;
    components: string[];
    logUrl: string | null;
    build: BuildInfo;
}
export interface HistoryResult extends CommandResultBase {
    operation: 'history';
    deployments: HistoryEntry[];
    filter: {
        application: string | null;
        environment: string | null;
        component: string | null;
        limit: number;
    };
}
export declare function historyRequest(inputs: ResolvedInputs): HistoryRequest;
export declare function runHistory(ctx: OperationContext, req: HistoryRequest): Promise<HistoryResult>;
export declare function renderHistory(res: HistoryResult): string;
export declare const historyCommand: CommandModule<HistoryRequest, HistoryResult>;
