/** The release-policy gate suite (gate-suite.ts) on the git store over a file:// remote. */
import { join } from 'node:path';
import { describeGateSuite } from './gate-suite.js';
import { git, makeBareRemote } from './support/git-servers.js';

describeGateSuite('git store (file://)', async (dir) => {
  const remote = makeBareRemote(join(dir, 'remote.git'));
  return {
    env: { SHIPLOG_STORE: `git+file://${remote}`, XDG_CACHE_HOME: join(dir, 'cache'), GIT_CONFIG_NOSYSTEM: '1' },
    // Every ref of the remote and the commit it points at: a write moves the state ref (or makes one).
    snapshot: async () => git(['--git-dir', remote, 'for-each-ref', '--format=%(refname) %(objectname)']),
    cleanup: async () => {},
  };
});
