/**
 * What shiplog keeps on an Ortelius application version as attributes (setvar/getvar application), because
 * the API has no way to read it back otherwise (docs/ortelius.md, "What shiplog stores on the server"):
 * - `ShiplogStage`: the pipeline stage (set on creation and by every move through shiplog);
 * - `ShiplogApproval_<stage>`: the latest approval decision for a stage (JSON);
 * - `ShiplogDeployment_<id>`: the facts of a deployment the log endpoint does not keep (JSON).
 * Attribute writes merge (no delattrs), so each key is written on its own without a read first.
 */
import type { Approval, CiContext, Deployment, DeploymentMode } from '../../model.js';
export declare const STAGE_KEY = "ShiplogStage";
export declare function approvalKey(stage: string): string;
export declare function deploymentKey(id: number): string;
export declare function encodeApproval(a: Approval): string;
/** The latest decision per stage, oldest first. */
export declare function approvalsFrom(appVersion: string, attrs: Record<string, string>): Approval[];
export interface StoredDeployment {
    environment: string;
    exitCode: number;
    mode: DeploymentMode;
    componentVersions: string[];
    startedAt: string;
    finishedAt?: string;
    logUrl?: string;
    attributes?: Record<string, string>;
    provenance: CiContext;
}
export declare function encodeDeployment(d: Deployment): string;
export declare function deploymentsFrom(attrs: Record<string, string>): Map<number, StoredDeployment>;
