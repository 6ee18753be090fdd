import type { Backend } from './backend/backend.js';
import { type BackendOptions } from './backend/open.js';
import { ShiplogError } from './errors.js';
import type { Host } from './host.js';
import { type CommandName } from './inputs.js';
import type { DeploymentFacts } from './operations/context.js';
import { type RawInputs } from './operations/input-resolution.js';
export type ExecuteInputs = RawInputs;
export interface ExecuteOptions {
    /** Words after `--` on the CLI (deploy's command). */
    commandArgs?: string[];
    /** Test seam: opens the backend instead of backend/open.ts. */
    openBackend?: (host: Host, opts: BackendOptions) => Promise<Backend>;
    /** Problems an adapter found in its own (platform-only) inputs: reported with the core's, all at once (exit 2). */
    problems?: string[];
    /**
     * deploy (and version-update --env): runs once the deployment is about to start for real (the application
     * version exists and may go to that environment, not a dry run), before anything runs or is recorded
     * (OperationContext.beforeDeployment). It also gets the validated input values.
     */
    beforeDeployment?: (facts: DeploymentFacts & {
        values: Readonly<Record<string, unknown>>;
    }) => Promise<void>;
}
export interface ExecuteOutcome {
    exitCode: number;
    result: Record<string, unknown>;
    /** The error behind a failure (for --debug stack traces); not part of the JSON contract. */
    error?: ShiplogError;
}
/**
 * Registers every secret the run can see: secret inputs given, their env bindings, and the values of env vars
 * whose names are secret by the one rule of secret-names.ts (AWS_SECRET_ACCESS_KEY, SSH_PRIVATE_KEY, ...).
 */
export declare function registerSecrets(host: Host, inputs: ExecuteInputs): void;
export declare function execute(command: CommandName, inputs: ExecuteInputs, host: Host, opts?: ExecuteOptions): Promise<ExecuteOutcome>;
