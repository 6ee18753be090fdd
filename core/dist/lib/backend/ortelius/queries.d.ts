/**
 * Read-only questions answered from what the dmadminweb API offers (docs/ortelius.md, "Queries"):
 * - status: per (environment, application) `GET /API/application/?name=<app>&lastsuccess=Y&envid=<env>`;
 *   environments and applications come from the filter or from `/API/export/environments|applications`;
 *   the deployment id and time come from the `ShiplogDeployment_<id>` attributes (0 and '' when absent).
 * - history: deployment ids are dense (the server assigns max+1), so the newest id is found by probing
 *   `/API/log/<id>?checkcomplete=Y` (O(log n) calls), then logs are read newest first until `limit` match;
 *   mode, provenance and components come from the attributes shiplog stored (server-run deployments: from the
 *   application version).
 */
import { type HistoryFilter } from '../backend.js';
import type { Deployment, EnvironmentState } from '../../model.js';
import type { OrteliusHttp } from './http-client.js';
import type { ApplicationFlow } from './application-flow.js';
export declare class QueryFlow {
    private readonly http;
    private readonly apps;
    constructor(http: OrteliusHttp, apps: ApplicationFlow);
    status(filter?: {
        environment?: string;
        application?: string;
    }): Promise<EnvironmentState[]>;
    history(filter: HistoryFilter): Promise<Deployment[]>;
    /** Full name, components and stored deployment facts of an application version (empty when it is gone). */
    private appFacts;
    /** The highest deployment id: exponential probe, then binary search (ids are dense from 1). */
    private newestDeploymentId;
    private exported;
}
