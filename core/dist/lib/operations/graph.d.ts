import type { ApplicationVersion } from '../model.js';
import type { CommandModule, CommandResultBase, ResolvedInputs } from './command-module.js';
import type { OperationContext } from './context.js';
import { type ApplicationFilter } from './query-filters.js';
export interface GraphRequest {
    application: ApplicationFilter;
    /** Print the Mermaid text on stdout (false under --json). */
    print?: boolean;
}
export interface GraphVersion {
    /** Full application version name. */
    name: string;
    version: string;
    /** Full name of the predecessor, or null for the first version. */
    predecessor: string | null;
    /** Full component version names. */
    components: string[];
    /** Component versions new or swapped in against the predecessor (all of them for the first version). */
    changed: string[];
    /** Component bases the predecessor had and this version dropped. */
    removed: string[];
    /** Environments this version currently runs in, pipeline order. */
    deployedTo: string[];
}
export interface GraphResult extends CommandResultBase {
    operation: 'graph';
    application: string;
    mermaid: string;
    versions: GraphVersion[];
}
export declare function graphRequest(inputs: ResolvedInputs): GraphRequest;
export declare function runGraph(ctx: OperationContext, req: GraphRequest): Promise<GraphResult>;
/** Compares one application version with its predecessor; exported for tests. */
export declare function graphVersion(v: ApplicationVersion, pred: ApplicationVersion | undefined, deployedTo: string[]): GraphVersion;
/** The Mermaid text: one node per version, an edge from each listed predecessor. */
export declare function lineageMermaid(versions: GraphVersion[]): string;
export declare function renderGraph(res: GraphResult): string;
export declare const graphCommand: CommandModule<GraphRequest, GraphResult>;
