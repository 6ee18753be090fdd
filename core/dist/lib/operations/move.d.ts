import { type AppVersionRef } from './app-version-lookup.js';
import type { CommandModule, CommandResultBase } from './command-module.js';
export interface MoveRequest {
    app: AppVersionRef;
    to?: string;
    from?: string;
    task?: string;
    notes?: string;
    dryRun: boolean;
}
export interface MoveResult extends CommandResultBase {
    operation: 'move';
    appVersion: string;
    from: string;
    to: string;
    task: string;
    /** false when the application version already was in the target stage (nothing changed). */
    moved: boolean;
    requiresApproval: boolean;
    /** `--notes` as stored with the move (redacted); absent without notes or when nothing moved. */
    notes?: string;
    dryRun?: boolean;
}
export declare const moveCommand: CommandModule<MoveRequest, MoveResult>;
