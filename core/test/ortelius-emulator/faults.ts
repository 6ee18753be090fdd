/** Fault injection for the emulator: business errors, HTTP errors, slow answers, dropped connections. */

export type FaultKind = 'fail' | 'status' | 'slow' | 'drop' | 'lose' | 'respond';

export interface FaultRule {
  /** Substring of (or pattern for) `<METHOD> <path>?<raw query>`, e.g. `GET /dmadminweb/API/log/`. */
  match: string | RegExp;
  kind: FaultKind;
  /** fail: the `error` text of the success:false answer. */
  error?: string;
  /** status: the HTTP status (default 500). */
  status?: number;
  /** slow: delay before the (normal) answer. */
  delayMs?: number;
  /** respond: the JSON body answered instead of the real one (HTTP 200). */
  body?: unknown;
  /** lose: the server goes down (every later request HTTP 503) once the answer is lost, until clear(). */
  thenDown?: boolean;
  /** How many matching requests it hits (default: all). */
  times?: number;
}

export class Faults {
  rules: FaultRule[] = [];
  /** Every login answers success:false "Login failed". */
  loginFails = false;
  /** Server-side deployments never complete. */
  deployNeverCompletes = false;
  /** Every request (login included) gets HTTP 503: the server is down. Set by lose(..., { thenDown: true }). */
  down = false;
  /** Set by expireTokens(): every token issued so far is refused. */
  private expiredBefore = 0;

  constructor(private readonly onExpire: () => void) {}

  add(rule: FaultRule): this {
    this.rules.push({ ...rule });
    return this;
  }

  /** HTTP 200 with success:false and this error. */
  fail(match: string | RegExp, error = 'Injected failure', times?: number): this {
    return this.add({ match, kind: 'fail', error, times });
  }

  /** An HTTP error status (default 500). */
  status(match: string | RegExp, status = 500, times?: number): this {
    return this.add({ match, kind: 'status', status, times });
  }

  slow(match: string | RegExp, delayMs: number, times?: number): this {
    return this.add({ match, kind: 'slow', delayMs, times });
  }

  /** Closes the connection without an answer. */
  drop(match: string | RegExp, times?: number): this {
    return this.add({ match, kind: 'drop', times });
  }

  /**
   * The server APPLIES the request, then the connection is closed before the answer is sent: a response lost
   * on the way back (a reset connection, a proxy timeout). The state changed; the client cannot know.
   */
  lose(match: string | RegExp, times?: number, opts: { thenDown?: boolean } = {}): this {
    return this.add({ match, kind: 'lose', times, ...(opts.thenDown ? { thenDown: true } : {}) });
  }

  /** Answers this JSON body (HTTP 200) instead of handling the request: odd server answers (appid 0, ids null). */
  respond(match: string | RegExp, body: unknown, times?: number): this {
    return this.add({ match, kind: 'respond', body, times });
  }

  /** Every token issued so far becomes invalid (as after the 1 h idle expiry). */
  expireTokens(): void {
    this.expiredBefore++;
    this.onExpire();
  }

  clear(): void {
    this.rules = [];
    this.loginFails = false;
    this.deployNeverCompletes = false;
    this.down = false;
  }

  /** The first rule (in the order added) hitting this request, consuming one of its `times`. */
  take(key: string): FaultRule[] {
    for (const r of this.rules) {
      const matches = typeof r.match === 'string' ? key.includes(r.match) : r.match.test(key);
      if (!matches || (r.times !== undefined && r.times <= 0)) continue;
      if (r.times !== undefined) r.times--;
      return [r];
    }
    return [];
  }
}
