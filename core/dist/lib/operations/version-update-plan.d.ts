import type { Backend, ComponentVersionSpec } from '../backend/backend.js';
import { type ComponentNameParts } from '../naming.js';
import type { OperationContext } from './context.js';
export declare const SBOM_TYPES: readonly ["cyclonedx", "spdx"];
export type SbomType = (typeof SBOM_TYPES)[number];
export interface SbomArg {
    type: SbomType;
    file: string;
}
/** Parses `TYPE@FILE`; pushes a problem when malformed or of an unknown type. */
export declare function parseSbomArg(arg: string, problems: string[]): SbomArg | undefined;
export interface ComponentPlanInput {
    toml: string;
    /** The toml path was named explicitly (not the default ./component.toml): a missing file is an error. */
    tomlExplicit?: boolean;
    name?: string;
    variant?: string;
    version?: string;
    autoIncrement: boolean;
    sboms: SbomArg[];
    application?: string;
    appVersion?: string;
    environment?: string;
}
export interface ComponentPlan {
    parts: ComponentNameParts;
    /** Full base name `domain.short[;variant]`. */
    base: string;
    /** Set with --auto-increment: computes the version from the versions already under the base. */
    autoIncrement?: (backend: Backend) => Promise<string>;
    attributes: Record<string, string>;
    /** attributes.DockerBuildDate is the clock's, not given: an existing version keeps its own. */
    clockBuildDate: boolean;
    files?: ComponentVersionSpec['files'];
    sboms: {
        type: SbomType;
        content: string;
    }[];
    app?: {
        application: string;
        version?: string;
    };
    environment?: string;
    /** Where `environment` came from: the `env` input (flag, DEPLOY_ENV), or DeployEnv in component.toml. */
    environmentFrom?: 'input' | 'toml';
    /** component.toml that was read, if any. */
    tomlFile?: string;
}
export declare function resolveComponentPlan(ctx: OperationContext, req: ComponentPlanInput, flagAttributes: Record<string, string>): Promise<ComponentPlan>;
