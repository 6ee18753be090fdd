/**
 * The error catalogue. Every failure the core reports is one of these classes, with a stable `code`,
 * a documented `exitCode`, a one-line message and an optional hint.
 *
 * Exit codes: 0 ok, 1 operation failed (deploy failed, approval missing or rejected, release policy refused),
 * 2 invalid input/config/usage, 3 authentication, 4 backend unavailable or server error, 5 timeout.
 */
export const EXIT = {
  OK: 0,
  OPERATION_FAILED: 1,
  INVALID: 2,
  AUTH: 3,
  BACKEND: 4,
  TIMEOUT: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface ErrorOptions {
  hint?: string;
  cause?: unknown;
  /** Every problem found, when validation reports several at once. */
  problems?: string[];
  /**
   * Machine-readable facts merged into the failed command's JSON result beside `error` (a refused gate's
   * `gatePassed: false` and `unmetRules`).
   */
  details?: Record<string, unknown>;
}

export class ShiplogError extends Error {
  readonly code: string = 'SHIPLOG_ERROR';
  readonly exitCode: ExitCode = EXIT.OPERATION_FAILED;
  readonly hint?: string;
  readonly problems?: string[];
  readonly details?: Record<string, unknown>;

  constructor(message: string, opts: ErrorOptions = {}) {
    super(oneLine(message), opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.hint = opts.hint;
    this.problems = opts.problems;
    this.details = opts.details;
  }

  toJSON(): { code: string; message: string; exitCode: number; hint?: string; problems?: string[] } {
    return {
      code: this.code,
      message: this.message,
      exitCode: this.exitCode,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.problems && this.problems.length > 1 ? { problems: this.problems } : {}),
    };
  }
}

/** Exit 2: a flag, argument or combination the CLI does not accept. */
export class UsageError extends ShiplogError {
  override readonly code = 'USAGE';
  override readonly exitCode = EXIT.INVALID;
}

/** Exit 2: a request that fails validation (missing name, bad version, unknown environment...). */
export class InvalidInputError extends ShiplogError {
  override readonly code: string = 'INVALID_INPUT';
  override readonly exitCode = EXIT.INVALID;

  /** Builds one error that names every problem found. */
  static of(problems: string[], hint?: string): InvalidInputError {
    const msg = problems.length === 1 ? problems[0] : `${problems.length} problems: ${problems.join('; ')}`;
    return new InvalidInputError(msg, { hint, problems });
  }
}

/** Exit 2: component.toml, shiplog.toml or the store's own files are malformed or unknown. */
export class ConfigError extends ShiplogError {
  override readonly code: string = 'CONFIG';
  override readonly exitCode = EXIT.INVALID;
}

/** Exit 2: the store was written by a newer shiplog (unknown schema version). */
export class SchemaVersionError extends ConfigError {
  override readonly code = 'STORE_SCHEMA';
}

/**
 * Exit 2: an entry inside a store directory is a symbolic link. A store restored from a CI cache or an artifact
 * is untrusted input: following a link would let it read, truncate or delete files outside the store.
 */
export class StoreSymlinkError extends ConfigError {
  override readonly code = 'STORE_SYMLINK';
}

/** Exit 2: a named object (application version, component version, environment, stage) does not exist. */
export class NotFoundError extends InvalidInputError {
  override readonly code = 'NOT_FOUND';
}

/** Exit 1: an operation ran but failed. */
export class OperationFailedError extends ShiplogError {
  override readonly code: string = 'OPERATION_FAILED';
  override readonly exitCode = EXIT.OPERATION_FAILED;
}

/**
 * A deployment that ran and failed: exit 1 (code DEPLOY_FAILED), or exit 5 (code TIMEOUT) when shiplog stopped
 * its command at --timeout. Carries the full result (the recorded deployment) so that it is still printed and
 * reported, with ok:false.
 */
export class FailedDeploymentError extends ShiplogError {
  override readonly code: string;
  override readonly exitCode: ExitCode;

  constructor(
    message: string,
    readonly result: Record<string, unknown>,
    opts: { timedOut?: boolean } = {},
  ) {
    super(message, opts.timedOut ? { hint: 'if the deployment needs longer, raise --timeout (default 30m)' } : {});
    this.code = opts.timedOut ? 'TIMEOUT' : 'DEPLOY_FAILED';
    this.exitCode = opts.timedOut ? EXIT.TIMEOUT : EXIT.OPERATION_FAILED;
  }

  get timedOut(): boolean {
    return this.exitCode === EXIT.TIMEOUT;
  }
}

/** Exit 1: a move into a gated stage without an approval, or after a rejection. */
export class ApprovalRequiredError extends OperationFailedError {
  override readonly code = 'APPROVAL_REQUIRED';
}

/** Exit 1: the latest decision for the stage is a rejection. */
export class ApprovalRejectedError extends OperationFailedError {
  override readonly code = 'APPROVAL_REJECTED';
}

/**
 * Exit 1: the release policy refused a move, a deployment or an approval (policy/gate.ts). `details` carries
 * `gatePassed: false` and every unmet rule. Code GATE_REFUSED, or APPROVER_REFUSED when the identity may not
 * decide; a gate whose only unmet rules are approvals keeps ApprovalRequiredError/ApprovalRejectedError.
 */
export class GateRefusedError extends OperationFailedError {
  override readonly code: string;

  constructor(message: string, opts: ErrorOptions & { code?: 'GATE_REFUSED' | 'APPROVER_REFUSED' } = {}) {
    super(message, opts);
    this.code = opts.code ?? 'GATE_REFUSED';
  }
}

/** Exit 3: login failed, token refused, missing credentials. */
export class AuthError extends ShiplogError {
  override readonly code = 'AUTH';
  override readonly exitCode = EXIT.AUTH;
}

/** Exit 4: backend unreachable, server error, malformed server answer, store locked too long. */
export class BackendError extends ShiplogError {
  override readonly code: string = 'BACKEND';
  override readonly exitCode = EXIT.BACKEND;
  readonly status?: number;

  constructor(message: string, opts: ErrorOptions & { status?: number } = {}) {
    super(message, opts);
    this.status = opts.status;
  }
}

/** Exit 4: the embedded store is held by another process for too long. */
export class StoreLockedError extends BackendError {
  override readonly code = 'STORE_LOCKED';
}

/** Exit 2: `store copy` into a destination holding records that are not the source's. Nothing was written. */
export class StoreDisagreesError extends ConfigError {
  override readonly code = 'STORE_DISAGREES';
}

/** Exit 1: `store check` found records that do not hold together; `result` is the full report for --json. */
export class StoreInconsistentError extends OperationFailedError {
  override readonly code = 'STORE_INCONSISTENT';

  constructor(
    message: string,
    readonly result: Record<string, unknown>,
    opts: ErrorOptions = {},
  ) {
    super(message, opts);
  }
}

/** Exit 4: a server answered more than the response size limit (--max-response-mib); nothing past it was read. */
export class ResponseTooLargeError extends BackendError {
  override readonly code = 'RESPONSE_TOO_LARGE';
}

/**
 * A CI platform's own API (the GitHub Deployments API for `deploy` + github-token) failed, in one line: never the
 * request object (it carries the token). Exit 3 when the platform refused the token or its permissions, 5 when
 * it did not answer in time, 4 otherwise (unreachable, server error, unexpected answer). `code` names the
 * platform: GITHUB_API.
 */
export class PlatformApiError extends ShiplogError {
  override readonly code: string;
  override readonly exitCode: ExitCode;
  readonly status?: number;

  constructor(
    code: string,
    message: string,
    opts: ErrorOptions & { status?: number; failure?: 'refused' | 'timeout' | 'unavailable' } = {},
  ) {
    super(message, opts);
    this.code = code;
    this.status = opts.status;
    this.exitCode = opts.failure === 'timeout' ? EXIT.TIMEOUT : opts.failure === 'refused' ? EXIT.AUTH : EXIT.BACKEND;
  }
}

/** Exit 2: the backend has no place for what the command needs (custom state or leases on an Ortelius server). */
export class NotSupportedError extends ShiplogError {
  override readonly code = 'NOT_SUPPORTED';
  override readonly exitCode = EXIT.INVALID;
}

/** Exit 4: another `apply` holds an environment's lease past --lock-timeout (the message names the holder). */
export class LeaseHeldError extends BackendError {
  override readonly code = 'LEASE_HELD';
}

/** Exit 1: `apply` did not reach the intent (a deployment failed, or rows stayed blocked); `result` is the full report. */
export class ApplyFailedError extends OperationFailedError {
  override readonly code = 'APPLY_FAILED';

  constructor(
    message: string,
    readonly result: Record<string, unknown>,
    opts: ErrorOptions = {},
  ) {
    super(message, opts);
  }
}

/** Exit 5: a wait ran out (deployment follow, lock wait when asked to fail fast). */
export class TimeoutError extends ShiplogError {
  override readonly code = 'TIMEOUT';
  override readonly exitCode = EXIT.TIMEOUT;
}

/** Anything not from the catalogue: "internal error, please report". */
export class InternalError extends ShiplogError {
  override readonly code = 'INTERNAL';
  override readonly exitCode = EXIT.OPERATION_FAILED;
}

/** Wraps anything thrown into a ShiplogError (unknown errors become InternalError with the cause kept). */
export function toShiplogError(err: unknown): ShiplogError {
  if (err instanceof ShiplogError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new InternalError(`internal error, please report: ${detail}`, { cause: err, hint: 'rerun with --debug for the stack trace' });
}

/** The stack behind a failure and its cause's, as --debug shows it (the CLI on stderr, the GitHub Action as debug lines). */
export function debugStack(err: Error): string {
  const inner = (err as { cause?: unknown }).cause;
  return [err.stack ?? err.message, ...(inner instanceof Error ? [`caused by: ${inner.stack ?? inner.message}`] : [])].join('\n');
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are escaped
const INVISIBLE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * One line: newlines become spaces, other control characters (CR, ESC, ...) and bidirectional controls (U+202E,
 * ...) `\uXXXX`, so none forges a line or makes a message read as another.
 */
function oneLine(s: string): string {
  return s
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .replace(INVISIBLE_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
