/**
 * CLI flags generated from the input table (inputs.ts): `--<name>` for every input of a command, the
 * reference dh spellings as hidden aliases, booleans as `--flag` / `--flag=true|false`, lists repeatable.
 * Values are passed on raw; execute() type-checks them, so the CLI and the adapters report the same errors.
 */
import { Option, type Command } from 'commander';
import { type CommandName, type InputSpec } from '../inputs.js';
import type { ExecuteInputs } from '../execute.js';
interface FlagBinding {
    spec: InputSpec;
    /** The canonical option first, then the aliases. */
    options: Option[];
}
/** Adds every input of `command` to `cmd` and returns the bindings to read the values back. */
export declare function addInputFlags(cmd: Command, command: CommandName): FlagBinding[];
/** Reads the parsed values back, keyed by input name (canonical flag wins over an alias; lists merge). */
export declare function readInputFlags(opts: Record<string, unknown>, bindings: FlagBinding[]): ExecuteInputs;
export {};
