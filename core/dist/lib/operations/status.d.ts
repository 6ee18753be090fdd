import type { CommandModule, CommandResultBase, ResolvedInputs } from './command-module.js';
import type { OperationContext } from './context.js';
import { type ApplicationFilter, type BuildInfo } from './query-filters.js';
export interface StatusRequest {
    environment?: string;
    application?: ApplicationFilter;
}
export interface StatusEntry {
    name: string;
    application: string;
    /** Full application version name, e.g. `GLOBAL.Acme.Store.shop;1_0_2`. */
    appVersion: string;
    /** Full component version names. */
    components: string[];
    deploymentId: number;
    deployedAt: string;
    build: BuildInfo;
}
export interface StatusResult extends CommandResultBase {
    operation: 'status';
    environments: StatusEntry[];
    /** The filters applied (null when absent). */
    filter: {
        environment: string | null;
        application: string | null;
    };
}
export declare function statusRequest(inputs: ResolvedInputs): StatusRequest;
export declare function runStatus(ctx: OperationContext, req: StatusRequest): Promise<StatusResult>;
export declare function renderStatus(res: StatusResult): string;
export declare const statusCommand: CommandModule<StatusRequest, StatusResult>;
