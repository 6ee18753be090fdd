import type { Host } from '../../host.js';
export interface OriginRemote {
    /** The origin URL as configured (may be a path, scp-like ssh or a URL). */
    remote: string;
    /** The checkout's credential headers: [`http.<url>.extraheader`, value] pairs, for GitStoreOptions.extraGitConfig. */
    extraGitConfig: [string, string][];
    /** GIT_SSH_COMMAND from core.sshCommand, when set, for GitStoreOptions.extraEnv. */
    extraEnv: Record<string, string>;
}
export declare function originRemote(host: Host, cwd: string): Promise<OriginRemote>;
