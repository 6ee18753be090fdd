/**
 * The `shiplog` CLI program: inputs (flags from the input table) -> execute() -> human summary on stderr
 * and, with --json, one JSON object on stdout. Returns the exit code (bin.ts sets process.exitCode; nothing
 * here calls process.exit, so output is never cut off). Loaded lazily by main.ts.
 */
import { Command } from 'commander';
import { type ExecuteOptions } from '../execute.js';
import { type Env } from '../host.js';
import { Redactor } from '../redact.js';
export interface CliIo {
    argv: string[];
    env: Env;
    cwd: string;
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    /** Test seam passed to execute(). */
    executeOptions?: Omit<ExecuteOptions, 'commandArgs'>;
}
/** `shiplog --json status` means `shiplog status --json`: --json/--debug before the command move after it. */
export declare function hoistGlobalFlags(argv: string[]): string[];
/**
 * Values of the flags in argv whose names look secret, known to shiplog or not: `--dhpass X`, `--dh-pass=X`,
 * `--api-token X`, also among a deployment command's words after `--`. A usage error can echo them before
 * any input is parsed, so they are registered from the raw words.
 */
export declare function secretFlagValues(argv: readonly string[]): string[];
/**
 * A Redactor holding every secret the CLI can see before parsing: secret-named environment variables (and
 * DHPASS), and the values of secret-looking flags in argv. Every Host of the run shares it, so usage errors,
 * internal errors and commander's own output are masked like the results of a command.
 */
export declare function cliRedactor(io: Pick<CliIo, 'argv' | 'env' | 'cwd'>): Redactor;
export declare function buildProgram(io: CliIo, done: (code: number) => void, redactor?: Redactor): Command;
export declare function runCli(io: CliIo): Promise<number>;
