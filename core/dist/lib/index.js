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
export * from './errors.js';
export { createHost, createMemoryHost, processInterrupts, INTERRUPT_SIGNALS } from './host.js';
export { Redactor, MASK } from './redact.js';
export { isSecretName } from './secret-names.js';
// The input table and its platform exposure.
export * from './inputs.js';
export * from './kit/exposure.js';
export { PLATFORM_INPUTS } from './kit/platform-inputs.js';
export * from './kit/outputs.js';
export * from './kit/platform-terms.js';
// The report model.
export * from './report/index.js';
// Running commands.
export { execute, registerSecrets } from './execute.js';
export { parseDuration } from './operations/input-resolution.js';
// The backends.
export { openBackend, selectBackend, stateDirOf } from './backend/open.js';
export { SHIPLOG_VERSION } from './cli/version.js';
