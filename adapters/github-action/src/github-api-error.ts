/**
 * A GitHub API failure, in one line: never the request object (it carries the token). A ShiplogError, so a
 * failure inside the core's execute() (the Deployment is created there, once the inputs are valid) is reported
 * like any other: exit 3 when GitHub refuses the token or its permissions, 5 when GitHub does not answer in
 * time, 4 otherwise (unreachable, server error, unexpected answer).
 */
import { EXIT, ShiplogError, type ExitCode } from '../../../core/src/errors.js';

export type GithubApiFailure = 'refused' | 'timeout' | 'unavailable';

export class GithubApiError extends ShiplogError {
  override readonly code = 'GITHUB_API';
  override readonly exitCode: ExitCode;
  readonly status?: number;

  constructor(message: string, opts: { status?: number; hint?: string; failure?: GithubApiFailure } = {}) {
    super(message, { hint: opts.hint });
    this.status = opts.status;
    this.exitCode = opts.failure === 'timeout' ? EXIT.TIMEOUT : opts.failure === 'refused' ? EXIT.AUTH : EXIT.BACKEND;
  }
}
