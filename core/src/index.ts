/**
 * @shiplog/core: the API adapters (and embedders) import. Everything else in src/ is internal: adapters may
 * import only this module (an ESLint rule forbids deep imports), from built JavaScript plus .d.ts in the packed
 * package (dist/lib/), from the TypeScript sources inside this repository (the `shiplog-source` export
 * condition). The CLI program is the bundle dist/shiplog.mjs (bin `shiplog`).
 *
 * - Running a command: execute() (never throws: a result object and its exit code), registerSecrets().
 * - The Host (the only door to env, cwd, clock and output) and the Redactor every byte leaving goes through.
 * - The error catalogue (errors.ts): classes with a stable code and exit code.
 * - The input table (inputs.ts + kit/): every input and output of every command and how each platform takes it.
 * - The report model (report/): a result as a Report, and its markdown, text, HTML and outputs renderers.
 * - The backends' open functions (openBackend and friends).
 */
// The adapter kit (@shiplog/core/kit): errors, Redactor, the input table and its platform exposure, outputs, report model.
export * from './kit/index.js';
export { createHost, createMemoryHost, processInterrupts, INTERRUPT_SIGNALS, type Host, type HostOptions, type Logger } from './host.js';
export type * from './model.js';
// Running commands.
export { execute, registerSecrets, type ExecuteInputs, type ExecuteOptions, type ExecuteOutcome } from './execute.js';
export { RESULT_SCHEMA_VERSION } from './result-version.js';
export { parseDuration, type RawInputs } from './operations/input-resolution.js';
// The lineage a report of an operation draws (the GitHub job summary's diagram).
export { lineageAfter } from './operations/report-after.js';
export type { DeploymentFacts } from './operations/context.js';
// The backends.
export { openBackend, selectBackend, stateDirOf, type BackendOptions } from './backend/open.js';
export type { Backend, BackendKind } from './backend/backend.js';
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
export { SHIPLOG_VERSION } from './cli/version.js';
