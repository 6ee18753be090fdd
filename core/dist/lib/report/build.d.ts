/**
 * buildReport(): an operation's JSON result -> its Report, once for every renderer. One builder per
 * operation says which facts matter (OPERATION_FACTS); failures, dry runs and refused gates are handled here for
 * all of them. A new operation adds its entry to OPERATION_FACTS and HEADLINES (or gets the generic report).
 */
import { type CommandName } from '../inputs.js';
import { type JsonResult } from '../kit/outputs.js';
import { type Report, type ReportContext } from './model.js';
/** Codes of failures that are a gate saying no rather than something broken. */
export declare const BLOCKED_CODES: readonly string[];
/**
 * The report of one result. `command` is the operation that ran (undefined when the run failed before it was
 * known); `context` adds what only the platform knows (links to the run, its own integration's facts, a diagram).
 */
export declare function buildReport(command: CommandName | undefined, result: JsonResult, context?: ReportContext): Report;
/** A report for a run that ended without a result (the CLI crashed or printed nothing). */
export declare function noResultReport(command: CommandName | undefined, exitCode: number): Report;
