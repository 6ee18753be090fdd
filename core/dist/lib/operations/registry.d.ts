/**
 * Every shiplog command, by name: the one typed map the CLI, execute() and the adapters' manifests read.
 * A test asserts that its keys equal inputs.ts COMMANDS.
 */
import type { CommandName } from '../inputs.js';
import type { CommandModule, CommandResultBase } from './command-module.js';
export type AnyCommandModule = CommandModule<any, CommandResultBase>;
export declare const COMMAND_MODULES: Readonly<Record<CommandName, AnyCommandModule>>;
export declare function commandModule(name: string): AnyCommandModule | undefined;
