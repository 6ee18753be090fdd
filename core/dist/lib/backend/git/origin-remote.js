/**
 * `git+origin`: the `origin` remote of the repository a command runs in, with the credentials its checkout
 * set up, so that state in the same repository needs no extra secret. actions/checkout persists its token as
 * an `http.<url>.extraheader` in the repository's local config (or in a file that config includes); an agent's
 * SSH setup may be a `core.sshCommand`. Both are handed on to the store's git commands through the environment
 * (GIT_CONFIG_* and GIT_SSH_COMMAND), never copied into the cache's config; the header is registered with the
 * redactor.
 */
import { ConfigError } from '../../errors.js';
import { Git, buildGitEnv } from './git-command.js';
export async function originRemote(host, cwd) {
    // The repository's own config (and what it includes), never the user's global or system config.
    const git = new Git(buildGitEnv(host.env, {}), host);
    const url = await git.run(['config', '--includes', '--get', 'remote.origin.url'], undefined, cwd);
    if (url.code !== 0 || !url.stdout.toString('utf8').trim()) {
        const notRepo = /not a git repository/i.test(url.stderr);
        throw new ConfigError(notRepo ? `git+origin: ${cwd} is not inside a git repository` : `git+origin: the repository at ${cwd} has no remote "origin"`, { hint: 'run shiplog inside the checked-out repository, or name the remote: --store git+https://host/org/repo.git' });
    }
    const remote = url.stdout.toString('utf8').trim();
    const extraGitConfig = [];
    const headers = await git.run(['config', '--includes', '--null', '--get-regexp', '^http\\..*extraheader$'], undefined, cwd);
    if (headers.code === 0) {
        for (const rec of headers.stdout.toString('utf8').split('\0')) {
            const nl = rec.indexOf('\n');
            if (nl < 0)
                continue;
            const key = rec.slice(0, nl);
            const value = rec.slice(nl + 1);
            if (!/^http\.(.+\.)?extraheader$/i.test(key) || !value)
                continue;
            registerHeaderSecret(host, value);
            extraGitConfig.push([key, value]);
        }
    }
    const extraEnv = {};
    const ssh = await git.run(['config', '--includes', '--get', 'core.sshCommand'], undefined, cwd);
    if (ssh.code === 0 && ssh.stdout.toString('utf8').trim())
        extraEnv.GIT_SSH_COMMAND = ssh.stdout.toString('utf8').trim();
    return { remote, extraGitConfig, extraEnv };
}
/** "AUTHORIZATION: basic <base64 user:token>" or "Authorization: Bearer <token>": the token and its forms. */
function registerHeaderSecret(host, header) {
    const m = /^[^:]+:\s*(\S+)\s+(\S+)\s*$/.exec(header);
    if (!m) {
        host.redactor.add(header);
        return;
    }
    const [, scheme, credential] = m;
    host.redactor.add(credential);
    if (/^basic$/i.test(scheme)) {
        const decoded = Buffer.from(credential, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon >= 0)
            host.redactor.add(decoded.slice(colon + 1));
    }
}
