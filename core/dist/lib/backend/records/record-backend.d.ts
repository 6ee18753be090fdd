/**
 * RecordBackend: the Backend interface once, over any DocumentStore (document-store.ts): the local directory
 * store, the git store and the PostgreSQL store share every rule here (naming, reuse, lineage, the approval
 * backstop, current state); the engines only keep the documents.
 */
import type { ApplicationVersionSpec, Backend, ComponentVersionSpec, DeploymentRecordSpec, HistoryFilter, MoveSpec } from '../backend.js';
import type { Host } from '../../host.js';
import type { Approval, ApplicationVersion, ComponentVersion, Deployment, EnvironmentState, Put } from '../../model.js';
import type { DocumentStore } from './document-store.js';
export declare class RecordBackend implements Backend {
    private readonly host;
    readonly store: DocumentStore;
    readonly kind: DocumentStore['kind'];
    readonly location: string;
    constructor(host: Host, store: DocumentStore);
    getComponentVersion(fullName: string): Promise<ComponentVersion | undefined>;
    listComponentVersions(base: string): Promise<ComponentVersion[]>;
    putComponentVersion(input: ComponentVersionSpec): Promise<Put<ComponentVersion>>;
    getApplicationVersion(fullName: string): Promise<ApplicationVersion | undefined>;
    listApplicationVersions(application: string): Promise<ApplicationVersion[]>;
    putApplicationVersion(input: ApplicationVersionSpec): Promise<Put<ApplicationVersion>>;
    recordApproval(input: Approval): Promise<Approval>;
    listApprovals(appVersion: string): Promise<Approval[]>;
    moveApplicationVersion(input: MoveSpec): Promise<{
        from: string;
        to: string;
        notes?: string;
    }>;
    recordDeployment(input: DeploymentRecordSpec): Promise<Deployment>;
    status(filter?: {
        environment?: string;
        application?: string;
    }): Promise<EnvironmentState[]>;
    history(filter: HistoryFilter): Promise<Deployment[]>;
    close(): Promise<void>;
}
