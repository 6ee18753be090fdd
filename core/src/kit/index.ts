/**
 * @shiplog/core/kit: the adapter kit alone, pure and free of I/O and dependencies, for platform glue that is
 * bundled on its own (the Buildkite hook, the Jenkins helper): the input table and how each platform takes it,
 * the outputs, the report model and its renderers, the Redactor and the error catalogue. `@shiplog/core`
 * re-exports all of it.
 */
export * from '../errors.js';
export { Redactor, MASK } from '../redact.js';
export { isSecretName } from '../secret-names.js';
export * from '../inputs.js';
export * from './exposure.js';
export { PLATFORM_INPUTS } from './platform-inputs.js';
export * from './outputs.js';
export * from './platform-terms.js';
export * from './read-inputs.js';
export * from './structured-inputs.js';
export * from './orb-parameters.js';
export * from './report-publishing.js';
export * from '../report/index.js';
export type { Env } from '../host.js';
// The response size limit every HTTP client applies (node:http/https only, no dependency).
export {
  DEFAULT_MAX_RESPONSE_MIB,
  describeLimit,
  limitedAgent,
  limitedFetch,
  maxResponseBytes,
  responseTooLarge,
} from '../response-limit.js';
// Where the adapters are published and the versioned references pipelines use (docs/install.md).
export { ADAPTER_REFS, ADAPTER_REPOSITORY, BUILDKITE_MIRROR, JENKINS_LIBRARY, ORB_NAME, majorTag } from '../cli/adapter-refs.js';
export { SHIPLOG_VERSION } from '../cli/version.js';
// plan and apply in CI: their report part and how each platform folds a deployment in its log.
export * from './intent-report.js';
export * from './log-groups.js';
export * from './platform-gates.js';
export * from './step-report.js';
// The GitHub Action's decisions (the action only calls @actions/core, Octokit and the artifact client with them).
export * from './github-step.js';
export * from './github-api.js';
export * from './github-artifact.js';
// The Jenkins library's node helpers (jenkins-context.mjs, report.mjs): their checks, mapping and answers.
export * from './jenkins-helpers.js';
// The Buildkite plugin's hook: its configuration and plan, and the buildkite-agent calls it makes.
export * from './buildkite-plugin.js';
