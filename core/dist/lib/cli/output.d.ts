/**
 * What the CLI prints for an outcome: the human summary (or error line and hint) on stderr, and with --json
 * exactly one JSON object on stdout.
 */
import type { ExecuteOutcome } from '../execute.js';
import type { Host } from '../host.js';
import type { AnyCommandModule } from '../operations/registry.js';
/**
 * `stdoutJson` writes the --json document as is (the CLI's raw stdout). It must not be host.stdout: the
 * Host redacts text, and text redaction of a JSON document breaks it when a secret is a JSON word (`null`) or
 * meets an escape sequence; here every string of the value is redacted before it is serialized instead.
 */
export declare function printOutcome(host: Host, mod: AnyCommandModule | undefined, outcome: ExecuteOutcome, json: boolean, stdoutJson: (text: string) => void): void;
/** One JSON document on one line: every string and key redacted on its own, then serialized. */
export declare function printJson(host: Host, value: unknown, stdoutJson: (text: string) => void): void;
export declare function printError(host: Host, error: {
    message: string;
    hint?: string;
} | undefined, cause?: unknown): void;
