/**
 * CLI flags generated from the input table (inputs.ts): `--<name>` for every input of a command, the
 * reference dh spellings as hidden aliases, booleans as `--flag` / `--flag=true|false`, lists repeatable.
 * Values are passed on raw; execute() type-checks them, so the CLI and the adapters report the same errors.
 */
import { Option, type Command } from 'commander';
import { inputsFor, isRequired, type CommandName, type InputSpec } from '../inputs.js';
import type { ExecuteInputs } from '../execute.js';

interface FlagBinding {
  spec: InputSpec;
  /** The canonical option first, then the aliases. */
  options: Option[];
}

function describe(spec: InputSpec, command: CommandName): string {
  const extra: string[] = [];
  if (isRequired(spec, command)) extra.push('required');
  if (spec.default !== undefined) extra.push(`default: ${spec.default}`);
  if (spec.env?.length) extra.push(`env: ${spec.env.join(', ')}`);
  if (spec.type === 'list') extra.push('repeatable');
  if (spec.type === 'enum' && spec.values) extra.push(`one of: ${spec.values.join(', ')}`);
  return extra.length > 0 ? `${spec.description} (${extra.join('; ')})` : spec.description;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function makeOption(flag: string, spec: InputSpec, description: string): Option {
  if (spec.type === 'boolean') return new Option(`--${flag} [true|false]`, description);
  const placeholder =
    spec.type === 'integer' ? '<n>' : spec.type === 'duration' ? '<duration>' : spec.type === 'enum' ? '<value>' : '<value>';
  const opt = new Option(`--${flag} ${placeholder}`, description);
  if (spec.type === 'list') opt.argParser(collect);
  return opt;
}

/** Adds every input of `command` to `cmd` and returns the bindings to read the values back. */
export function addInputFlags(cmd: Command, command: CommandName): FlagBinding[] {
  const bindings: FlagBinding[] = [];
  for (const spec of inputsFor(command, { includeCliOnly: true })) {
    const main = makeOption(spec.name, spec, describe(spec, command));
    cmd.addOption(main);
    const options = [main];
    for (const alias of spec.aliases ?? []) {
      const opt = makeOption(alias, spec, `alias of --${spec.name}`).hideHelp();
      cmd.addOption(opt);
      options.push(opt);
    }
    bindings.push({ spec, options });
  }
  return bindings;
}

/** Reads the parsed values back, keyed by input name (canonical flag wins over an alias; lists merge). */
export function readInputFlags(opts: Record<string, unknown>, bindings: FlagBinding[]): ExecuteInputs {
  const inputs: ExecuteInputs = {};
  for (const { spec, options } of bindings) {
    const values = options.map((o) => opts[o.attributeName()]).filter((v) => v !== undefined);
    if (values.length === 0) continue;
    if (spec.type === 'list') inputs[spec.name] = values.flatMap((v) => (Array.isArray(v) ? v.map(String) : [String(v)]));
    else inputs[spec.name] = values[0] as string | boolean;
  }
  return inputs;
}
