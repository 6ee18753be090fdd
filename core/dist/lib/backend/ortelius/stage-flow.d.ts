/**
 * Approvals and moves (section 5.4, with the reference's bugs fixed): ids are sent as numbers,
 * GetTasks is read as the bare array it is, and RunTask's `result` decides success.
 * The server keeps no per-stage approval shiplog can read back, so the decision is also kept as an attribute
 * of the application version (shiplog-attributes.ts), and so is the stage a move lands in.
 */
import type { MoveSpec } from '../backend.js';
import type { Approval } from '../../model.js';
import type { Host } from '../../host.js';
import { type OrteliusHttp } from './http-client.js';
import type { ApplicationFlow } from './application-flow.js';
export declare class StageFlow {
    private readonly host;
    private readonly http;
    private readonly apps;
    /** Domain ids by name, learned by this instance. */
    private readonly domains;
    constructor(host: Host, http: OrteliusHttp, apps: ApplicationFlow);
    approve(approval: Approval): Promise<Approval>;
    listApprovals(appVersion: string): Promise<Approval[]>;
    move(spec: MoveSpec): Promise<{
        from: string;
        to: string;
    }>;
    private domainId;
}
