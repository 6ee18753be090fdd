import { type AppVersionRef } from './app-version-lookup.js';
import type { CommandModule, CommandResultBase } from './command-module.js';
import type { OperationContext } from './context.js';
export interface ApproveRequest {
    app: AppVersionRef;
    stage?: string;
    reject: boolean;
    notes?: string;
    dryRun: boolean;
}
export interface ApproveResult extends CommandResultBase {
    operation: 'approve';
    appVersion: string;
    approved: boolean;
    stage: string;
    by: string;
    at: string;
    notes?: string;
    dryRun?: boolean;
}
/** Who is acting: the CI actor, else the USER environment variable, else "unknown". */
export declare function actorOf(ctx: OperationContext): string;
export declare const approveCommand: CommandModule<ApproveRequest, ApproveResult>;
