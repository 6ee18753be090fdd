// Library entry of @shiplog/core: what adapters import. The CLI entry is src/cli/bin.ts.
export * from './errors.js';
export * from './host.js';
export * from './redact.js';
export { isSecretName } from './secret-names.js';
export * from './model.js';
export * from './naming.js';
export * from './inputs.js';
export type * from './backend/backend.js';
export type * from './operations/command-module.js';
export type * from './operations/context.js';
// Running commands: execute() is what adapters call (never throws; result object + exit code).
export { execute, registerSecrets, type ExecuteInputs, type ExecuteOptions, type ExecuteOutcome } from './execute.js';
export { COMMAND_MODULES, commandModule, type AnyCommandModule } from './operations/registry.js';
export { resolveInputs, parseDuration, type RawInputs, type ResolvedInputSet } from './operations/input-resolution.js';
export { openBackend, selectBackend, stateDirOf, type BackendOptions } from './backend/open.js';
export * from './pipeline-config.js';
// Result types of the mutating operations.
export type { VersionUpdateResult } from './operations/version-update.js';
export type { ApproveResult } from './operations/approve.js';
export type { MoveResult } from './operations/move.js';
export type { CheckGateResult } from './operations/check-gate.js';
export type { ShowResult, StageView } from './operations/show.js';
export type { ReleaseEvent } from './operations/release-events.js';
// The release policy's verdict (adapters surface gatePassed and unmetRules from results and refusals).
export type { Verdict, GateTarget } from './policy/gate.js';
export type { DeployResult, DeploymentSummary } from './operations/deployment-flow.js';
export { FailedDeploymentError } from './operations/deployment-flow.js';
export { SHIPLOG_VERSION } from './cli/version.js';
