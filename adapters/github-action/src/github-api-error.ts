/** A GitHub API failure, in one line: never the request object (it carries the token). */
export class GithubApiError extends Error {
  readonly status?: number;
  readonly hint?: string;
  constructor(message: string, status?: number, hint?: string) {
    super(message);
    this.name = 'GithubApiError';
    this.status = status;
    this.hint = hint;
  }
}
