/**
 * The shape every command (operation or query) exports, so that one typed registry
 * (operations/registry.ts) drives the CLI, execute() and the adapters' manifests alike.
 */
import type { CommandName } from '../inputs.js';
import type { OperationContext } from './context.js';
import type { TableData } from './render-table.js';

/** Input values after resolution (flag > env binding > default), keyed by input-table name (kebab-case). */
export type ResolvedInputs = Readonly<Record<string, string | string[] | boolean | number | undefined>>;

export interface CommandResultBase {
  ok: true;
  operation: CommandName;
}

export interface CommandModule<Req = unknown, Res extends CommandResultBase = CommandResultBase> {
  name: CommandName;
  /** One line for --help and manifests. */
  summary: string;
  /** Shell examples for --help (full command lines starting with `shiplog`). */
  examples: string[];
  /** Mutating commands honour --dry-run. */
  mutating: boolean;
  /**
   * Builds and validates the typed request. Throws InvalidInputError naming EVERY problem at once.
   * `commandArgs` are the words after `--` on the CLI (deploy's command).
   */
  request(inputs: ResolvedInputs, extra: { commandArgs: string[] }): Req;
  run(ctx: OperationContext, req: Req): Promise<Res>;
  /** Human summary (stderr) of a successful result, without trailing newline. */
  render(res: Res): string;
  /** The exit code of a successful result when it is not 0 (`plan` exits 1 when there is work). */
  exitCode?(res: Res): 0 | 1;
  /** Queries: the result's rows, which the CLI prints on stdout in the --format asked for (table, csv, ...). */
  table?(res: Res): TableData;
}
