import type { Env, Host } from '../../host.js';
import { AuthError, BackendError } from '../../errors.js';
export declare const ASKPASS_USER_VAR = "SHIPLOG_GIT_USERNAME";
export declare const ASKPASS_PASSWORD_VAR = "SHIPLOG_GIT_PASSWORD";
export interface GitEnvOptions {
    /** The repository git works on (GIT_DIR); absent: git finds it from the working directory. */
    gitDir?: string;
    extraGitConfig?: [string, string][];
    /** Path of the askpass script (set when a password is given). */
    askpass?: string;
    username?: string;
    password?: string;
    /** Extra variables (e.g. GIT_SSH_COMMAND from the work repository's core.sshCommand). */
    extraEnv?: Record<string, string>;
}
export declare function buildGitEnv(hostEnv: Env, opts: GitEnvOptions): Record<string, string>;
/** The askpass script: prints the username or the password from the environment (it holds no secret itself). */
export declare const ASKPASS_SCRIPT = "#!/bin/sh\ncase \"$1\" in\n  [Uu]sername*) printf '%s\\n' \"$SHIPLOG_GIT_USERNAME\" ;;\n  *) printf '%s\\n' \"$SHIPLOG_GIT_PASSWORD\" ;;\nesac\n";
export interface GitResult {
    code: number;
    stdout: Buffer;
    stderr: string;
}
export declare class Git {
    readonly env: Record<string, string>;
    private readonly host;
    constructor(env: Record<string, string>, host: Host);
    run(args: string[], input?: Buffer | string, cwd?: string): Promise<GitResult>;
    /** Runs git and returns stdout; a failure becomes a BackendError naming what failed. */
    ok(args: string[], input?: Buffer | string): Promise<string>;
    /** The last meaningful lines of git's stderr, one line, redacted. */
    tail(stderr: string): string;
}
export type TransportFailure = 'auth' | 'unreachable' | 'transient' | 'other';
/** What a failed fetch or push says about the remote. */
export declare function classifyTransport(stderr: string): TransportFailure;
export declare function transportError(kind: TransportFailure, what: string, location: string, detail: string): BackendError | AuthError;
