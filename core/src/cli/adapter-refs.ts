/**
 * Where the adapters are published, written once: the repository slug and the versioned references a pipeline
 * uses. `shiplog init` writes them into its snippets, docs/cli.md is generated from them, a test
 * (test/repo/adapter-refs.test.ts) holds every hand-written doc, example and manifest to them, and the release
 * script (scripts/release.ts) rewrites them for the new version. Tags follow the action convention: `v1.2.0`, and the
 * major tag `v1` moved to the newest 1.x release (docs/install.md).
 */
import { SHIPLOG_VERSION } from './version.js';

/** The GitHub repository that holds the action, the Buildkite plugin and the Jenkins library. */
export const ADAPTER_REPOSITORY = 'shiplog-dev/shiplog';
/** The CircleCI orb's registry name. */
export const ORB_NAME = 'shiplog/shiplog';
/** The Jenkins shared library's name (Manage Jenkins > Global Trusted Pipeline Libraries). */
export const JENKINS_LIBRARY = 'shiplog';
/**
 * The Buildkite plugin's published mirror: the plugin subdirectory pushed to its own repository on each release,
 * so that the short form `shiplog-dev/shiplog#v1.2.0` (which Buildkite resolves to `<org>/<name>-buildkite-plugin`) works.
 */
export const BUILDKITE_MIRROR = `${ADAPTER_REPOSITORY}-buildkite-plugin`;

export function majorTag(version = SHIPLOG_VERSION): string {
  return `v${version.split('.')[0]}`;
}

export const ADAPTER_REFS = {
  githubAction: (op: string, version = SHIPLOG_VERSION) => `${ADAPTER_REPOSITORY}/adapters/github-action/${op}@${majorTag(version)}`,
  buildkitePlugin: (version = SHIPLOG_VERSION) => `github.com/${ADAPTER_REPOSITORY}/adapters/buildkite-plugin#v${version}`,
  buildkiteMirror: (version = SHIPLOG_VERSION) => `${ADAPTER_REPOSITORY}#v${version}`,
  orb: (version = SHIPLOG_VERSION) => `${ORB_NAME}@${version}`,
  jenkinsLibrary: (version = SHIPLOG_VERSION) => `${JENKINS_LIBRARY}@${majorTag(version)}`,
  /** The git URL Jenkins loads the library from. */
  gitUrl: () => `https://github.com/${ADAPTER_REPOSITORY}.git`,
};
