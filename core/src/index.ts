// Library entry of @shiplog/core: what adapters import. The CLI entry is src/cli/bin.ts.
export * from './errors.js';
export * from './host.js';
export * from './redact.js';
export * from './model.js';
export * from './naming.js';
export * from './inputs.js';
export type * from './backend/backend.js';
