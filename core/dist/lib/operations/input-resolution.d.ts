/**
 * Resolves a command's inputs from the input table: the given value > the first set env binding
 * (InputSpec.env) > the default; then type-checks every value (boolean only true/false, integers, enum
 * values, durations like 90s/15m/1h) and reports every bad or missing input at once.
 */
import type { Env } from '../host.js';
import { type CommandName, type InputSpec } from '../inputs.js';
import type { ResolvedInputs } from './command-module.js';
export type RawInputs = Record<string, string | string[] | boolean | number | undefined>;
export declare const DEFAULT_TIMEOUT_MS: number;
export interface ResolvedInputSet {
    values: Record<string, string | string[] | boolean | number | undefined>;
    /** Where each value came from (for messages and "was this given explicitly"). */
    sources: Record<string, 'given' | 'env' | 'default'>;
    problems: string[];
}
/** `90s`, `15m`, `1h`, `500ms`, or a bare number of seconds -> milliseconds; undefined when malformed. */
export declare function parseDuration(text: string): number | undefined;
/** Reads a duration input (already milliseconds after resolution, or text), pushing a problem when bad. */
export declare function durationInput(inputs: ResolvedInputs, name: string, problems: string[]): number | undefined;
/** The input specs a command accepts, CLI-only ones included (execute() ignores their values). */
export declare function specsOf(command: CommandName): InputSpec[];
export declare function resolveInputs(command: CommandName, given: RawInputs, env: Env): ResolvedInputSet;
