/**
 * Input handling shared by the read-only queries (status, history, diff, graph): parsing the application
 * filter, checking that an environment filter names something real, environment ordering, and the `build`
 * provenance block every query result carries.
 */
import type { Backend } from '../backend/backend.js';
import type { CiContext, PipelineConfig } from '../model.js';
export interface ApplicationFilter {
    /** Full base name `domain.short`. */
    application: string;
    /** Full application version name when the flag carried `;version`. */
    appVersion?: string;
}
/**
 * Parses `--application GLOBAL.Acme.Store.shop[;1.0.0]`. Pushes a problem (instead of throwing) so that
 * request() can report every problem at once.
 */
export declare function parseApplication(raw: string, problems: string[]): ApplicationFilter | undefined;
/** Environment names of the pipeline config in pipeline order (stage by stage). */
export declare function pipelineEnvironments(config: PipelineConfig): string[];
/**
 * An environment filter is valid when the pipeline config knows it or something was ever deployed to it
 * (an Ortelius server may have environments the local config does not list). Otherwise: exit 2.
 */
export declare function assertKnownEnvironment(backend: Backend, config: PipelineConfig, environment: string, what?: string): Promise<void>;
/** Sort key putting pipeline environments first, in pipeline order, then the rest by name. */
export declare function environmentOrder(config: PipelineConfig): (a: string, b: string) => number;
/** Which CI job built or deployed something (never secrets: CiContext holds none). */
export interface BuildInfo {
    provider: string;
    buildId: string | null;
    /** The job's name (CiContext.job), e.g. `release / deploy`. */
    job: string | null;
    buildUrl: string | null;
    commit: string | null;
    branch: string | null;
    actor: string | null;
}
export declare function buildInfo(ci: CiContext | undefined): BuildInfo;
/** `github #1234`, `jenkins shop-release #206`, `local`: the short build column of the human tables. */
export declare function buildLabel(b: BuildInfo): string;
