/**
 * Deployments on an Ortelius server (sections 5.1 and 6): start with `GET /API/deploy`, follow
 * `/API/log/<id>?checkcomplete=Y` with an adaptive interval (about 1 s, growing to 10 s) and a deadline,
 * streaming new log lines as they appear; record-only deployments with `POST /API/deploy`.
 */
import type { DeploymentRecordSpec, FollowOptions } from '../backend.js';
import type { Deployment } from '../../model.js';
import type { Host } from '../../host.js';
import type { OrteliusHttp } from './http-client.js';
import type { ApplicationFlow } from './application-flow.js';
export interface PollSettings {
    /** First interval between polls. */
    initialMs: number;
    /** The interval grows by this factor per poll... */
    factor: number;
    /** ...up to this. */
    maxMs: number;
}
export declare const DEFAULT_POLL: PollSettings;
/** The wait after `current`: x factor, at most maxMs. */
export declare function nextPollInterval(current: number, poll: PollSettings): number;
export declare class DeployFlow {
    private readonly host;
    private readonly http;
    private readonly apps;
    private readonly poll;
    /** Components of the application versions this instance started deployments of, by deployment id. */
    private readonly started;
    constructor(host: Host, http: OrteliusHttp, apps: ApplicationFlow, poll: PollSettings);
    start(appVersion: {
        id: string;
        name: string;
        components: string[];
    }, environment: string): Promise<{
        id: number;
    }>;
    follow(id: number, opts: FollowOptions): Promise<Deployment>;
    record(spec: DeploymentRecordSpec): Promise<Deployment>;
}
