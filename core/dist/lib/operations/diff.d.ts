import type { EnvironmentState } from '../model.js';
import type { CommandModule, CommandResultBase, ResolvedInputs } from './command-module.js';
import type { OperationContext } from './context.js';
import { type ApplicationFilter } from './query-filters.js';
export interface DiffRequest {
    from: string;
    to: string;
    application?: ApplicationFilter;
}
export interface ComponentDiff {
    /** Component base, e.g. `GLOBAL.Acme.Store.cart;main`. */
    base: string;
    /** Version part in each environment; null when the component is absent there. */
    from: string | null;
    to: string | null;
}
export interface ApplicationDiff {
    application: string;
    /** Full application version name in each environment; null when not deployed there. */
    from: string | null;
    to: string | null;
    /** Only the differing components, sorted by base. */
    components: ComponentDiff[];
    /** How many components run at the same version in both. */
    equal: number;
}
export interface DiffResult extends CommandResultBase {
    operation: 'diff';
    from: string;
    to: string;
    applications: ApplicationDiff[];
    /** True when no application differs. */
    identical: boolean;
}
export declare function diffRequest(inputs: ResolvedInputs): DiffRequest;
export declare function runDiff(ctx: OperationContext, req: DiffRequest): Promise<DiffResult>;
/** The diff of one application; exported for tests. */
export declare function diffApplication(application: string, from: Pick<EnvironmentState, 'appVersion' | 'components'> | undefined, to: Pick<EnvironmentState, 'appVersion' | 'components'> | undefined): ApplicationDiff;
export declare function renderDiff(res: DiffResult): string;
export declare const diffCommand: CommandModule<DiffRequest, DiffResult>;
