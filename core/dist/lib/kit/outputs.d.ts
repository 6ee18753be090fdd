/**
 * The outputs of the operations, in the same table as their inputs: a name, a description, the commands that
 * have it, how its value comes out of the operation's JSON result, and how each platform publishes it (GitHub
 * step outputs, Buildkite build meta-data `shiplog-<name>`; CircleCI and Jenkins hand over the whole result).
 * report/outputs.ts turns a result into these key/value pairs; the generators document them.
 */
import { type CommandName, type Platform } from '../inputs.js';
/** The one JSON object `shiplog --json` prints: `{ok:true, operation, ...}` or `{ok:false, error}`. */
export type JsonResult = Record<string, unknown> & {
    ok?: boolean;
};
export interface OutputSpec {
    name: string;
    description: string;
    commands: readonly CommandName[];
    /** The value in a result, or undefined when the result has none. */
    value(result: JsonResult): string | undefined;
    /** Per platform: another name, or false when the platform does not publish it. Absent: published as `name`. */
    expose?: Partial<Record<Platform, {
        name: string;
    } | false>>;
}
/** `name` of an object field, or the field itself when the result gives a plain name. */
export declare function nameOf(v: unknown): string | undefined;
/** The deployment of a deploy result (also inside a failure). */
export declare function deploymentOf(result: JsonResult): Record<string, unknown> | undefined;
export declare const OUTPUTS: readonly OutputSpec[];
/** The outputs `platform` publishes for `command`, with the platform's names. */
export declare function platformOutputs(platform: Platform, command: CommandName): {
    spec: OutputSpec;
    name: string;
}[];
