/**
 * Platform outputs renderer: a report's key/value pairs as a platform publishes them (GitHub step outputs,
 * Buildkite meta-data), names and set from the output table (kit/outputs.ts). Outputs say what was recorded:
 * a dry run publishes only `result`, and a failure publishes a deployment's outputs only once it was recorded.
 */
import type { Platform } from '../inputs.js';
import type { Report } from './model.js';
export declare function renderOutputs(report: Report, platform: Platform): [string, string][];
