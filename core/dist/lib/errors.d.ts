/**
 * The error catalogue. Every failure the core reports is one of these classes, with a stable `code`,
 * a documented `exitCode`, a one-line message and an optional hint.
 *
 * Exit codes: 0 ok, 1 operation failed (deploy failed, approval missing or rejected),
 * 2 invalid input/config/usage, 3 authentication, 4 backend unavailable or server error, 5 timeout.
 */
export declare const EXIT: {
    readonly OK: 0;
    readonly OPERATION_FAILED: 1;
    readonly INVALID: 2;
    readonly AUTH: 3;
    readonly BACKEND: 4;
    readonly TIMEOUT: 5;
};
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
export interface ErrorOptions {
    hint?: string;
    cause?: unknown;
    /** Every problem found, when validation reports several at once. */
    problems?: string[];
}
export declare class ShiplogError extends Error {
    readonly code: string;
    readonly exitCode: ExitCode;
    readonly hint?: string;
    readonly problems?: string[];
    constructor(message: string, opts?: ErrorOptions);
    toJSON(): {
        code: string;
        message: string;
        exitCode: number;
        hint?: string;
        problems?: string[];
    };
}
/** Exit 2: a flag, argument or combination the CLI does not accept. */
export declare class UsageError extends ShiplogError {
    readonly code = "USAGE";
    readonly exitCode: 2;
}
/** Exit 2: a request that fails validation (missing name, bad version, unknown environment...). */
export declare class InvalidInputError extends ShiplogError {
    readonly code: string;
    readonly exitCode: 2;
    /** Builds one error that names every problem found. */
    static of(problems: string[], hint?: string): InvalidInputError;
}
/** Exit 2: component.toml, shiplog.toml or the store's own files are malformed or unknown. */
export declare class ConfigError extends ShiplogError {
    readonly code: string;
    readonly exitCode: 2;
}
/** Exit 2: the store was written by a newer shiplog (unknown schema version). */
export declare class SchemaVersionError extends ConfigError {
    readonly code = "STORE_SCHEMA";
}
/** Exit 2: a named object (application version, component version, environment, stage) does not exist. */
export declare class NotFoundError extends InvalidInputError {
    readonly code = "NOT_FOUND";
}
/** Exit 1: an operation ran but failed. */
export declare class OperationFailedError extends ShiplogError {
    readonly code: string;
    readonly exitCode: 1;
}
/**
 * A deployment that ran and failed: exit 1 (code DEPLOY_FAILED), or exit 5 (code TIMEOUT) when shiplog stopped
 * its command at --timeout. Carries the full result (the recorded deployment) so that it is still printed and
 * reported, with ok:false.
 */
export declare class FailedDeploymentError extends ShiplogError {
    readonly result: Record<string, unknown>;
    readonly code: string;
    readonly exitCode: ExitCode;
    constructor(message: string, result: Record<string, unknown>, opts?: {
        timedOut?: boolean;
    });
    get timedOut(): boolean;
}
/** Exit 1: a move into a gated stage without an approval, or after a rejection. */
export declare class ApprovalRequiredError extends OperationFailedError {
    readonly code = "APPROVAL_REQUIRED";
}
/** Exit 1: the latest decision for the stage is a rejection. */
export declare class ApprovalRejectedError extends OperationFailedError {
    readonly code = "APPROVAL_REJECTED";
}
/** Exit 3: login failed, token refused, missing credentials. */
export declare class AuthError extends ShiplogError {
    readonly code = "AUTH";
    readonly exitCode: 3;
}
/** Exit 4: backend unreachable, server error, malformed server answer, store locked too long. */
export declare class BackendError extends ShiplogError {
    readonly code: string;
    readonly exitCode: 4;
    readonly status?: number;
    constructor(message: string, opts?: ErrorOptions & {
        status?: number;
    });
}
/** Exit 4: the embedded store is held by another process for too long. */
export declare class StoreLockedError extends BackendError {
    readonly code = "STORE_LOCKED";
}
/**
 * A CI platform's own API (the GitHub Deployments API for `deploy` + github-token) failed, in one line: never the
 * request object (it carries the token). Exit 3 when the platform refused the token or its permissions, 5 when
 * it did not answer in time, 4 otherwise (unreachable, server error, unexpected answer). `code` names the
 * platform: GITHUB_API.
 */
export declare class PlatformApiError extends ShiplogError {
    readonly code: string;
    readonly exitCode: ExitCode;
    readonly status?: number;
    constructor(code: string, message: string, opts?: ErrorOptions & {
        status?: number;
        failure?: 'refused' | 'timeout' | 'unavailable';
    });
}
/** Exit 5: a wait ran out (deployment follow, lock wait when asked to fail fast). */
export declare class TimeoutError extends ShiplogError {
    readonly code = "TIMEOUT";
    readonly exitCode: 5;
}
/** Anything not from the catalogue: "internal error, please report". */
export declare class InternalError extends ShiplogError {
    readonly code = "INTERNAL";
    readonly exitCode: 1;
}
/** Wraps anything thrown into a ShiplogError (unknown errors become InternalError with the cause kept). */
export declare function toShiplogError(err: unknown): ShiplogError;
