/**
 * Where the adapters are published, written once: the repository slug and the versioned references a pipeline
 * uses (`shiplog init` writes them into its snippets). Tags follow the action convention: `v1.2.0`, and the major
 * tag `v1` moved to the newest 1.x release.
 */
import { SHIPLOG_VERSION } from './version.js';

/** The GitHub repository that holds the action, the Buildkite plugin and the Jenkins library. */
export const ADAPTER_REPOSITORY = 'shiplog-dev/shiplog';
/** The CircleCI orb's registry name. */
export const ORB_NAME = 'shiplog/shiplog';

export function majorTag(version = SHIPLOG_VERSION): string {
  return `v${version.split('.')[0]}`;
}

export const ADAPTER_REFS = {
  githubAction: (op: string) => `${ADAPTER_REPOSITORY}/adapters/github-action/${op}@${majorTag()}`,
  buildkitePlugin: () => `github.com/${ADAPTER_REPOSITORY}/adapters/buildkite-plugin#v${SHIPLOG_VERSION}`,
  orb: () => `${ORB_NAME}@${SHIPLOG_VERSION}`,
  jenkinsLibrary: () => `shiplog@${majorTag()}`,
};
