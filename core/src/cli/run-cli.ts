/**
 * The `shiplog` CLI program: inputs (flags from the input table) -> execute() -> human summary on stderr
 * and, with --json, one JSON object on stdout. Returns the exit code (bin.ts sets process.exitCode; nothing
 * here calls process.exit, so output is never cut off). Loaded lazily by main.ts.
 */
import { Command, CommanderError } from 'commander';
import { execute, registerSecrets, type ExecuteOptions } from '../execute.js';
import { EXIT } from '../errors.js';
import { createHost, processInterrupts, type Env, type Host } from '../host.js';
import { COMMANDS, INPUTS, cliCommandWords, type CommandName } from '../inputs.js';
import { commandModule } from '../operations/registry.js';
import { Redactor } from '../redact.js';
import { isSecretName } from '../secret-names.js';
import { addCliCommands } from './cli-commands.js';
import { spellingOf, translateDhArgv } from './dh-compat.js';
import { suggestFlag } from './did-you-mean.js';
import { addInputFlags, readInputFlags } from './flags.js';
import { printError, printJson, printOutcome } from './output.js';
import { emptyPathProblems } from './empty-values.js';
import { formatConflict, outputOptions, statusTerminal, type Terminal } from './output-options.js';
import { SHIPLOG_VERSION } from './version.js';
import { RESULT_SCHEMA_VERSION } from '../result-version.js';

export interface CliIo {
  argv: string[];
  env: Env;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout/stderr are terminals and how wide (tables, colour); absent: neither is. */
  terminal?: Terminal;
  /** Test seam passed to execute(). */
  executeOptions?: Omit<ExecuteOptions, 'commandArgs'>;
  /** Test seam: the progress heartbeat period (Host.heartbeatMs; default 30 s). */
  heartbeatMs?: number;
}

const TAKES_COMMAND_WORDS: readonly CommandName[] = ['deploy', 'version-update'];
/** Commands whose first word after the command is an input: `shiplog show "GLOBAL.Acme.shop;3"`. */
const POSITIONAL_INPUT: Partial<Record<CommandName, { input: string; argument: string }>> = {
  show: { input: 'application', argument: '[application-version]' },
};

/** Commands spelled in two words (`shiplog store info`) hang under a group command. */
const GROUP_SUMMARIES: Record<string, string> = {
  store: "Inspect, copy and check the store that holds shiplog's state (info, copy, check)",
  state: 'Custom state passed between releases: values per environment, given to deploy commands (set, get, list)',
};

function isTrueFlag(v: unknown): boolean {
  return v === true || v === 'true';
}

/** `shiplog --json status` means `shiplog status --json`: --json/--debug before the command move after it. */
export function hoistGlobalFlags(argv: string[]): string[] {
  let i = 0;
  while (i < argv.length && /^--(json|debug)(=(true|false))?$/.test(argv[i])) i++;
  if (i === 0 || i >= argv.length || argv[i].startsWith('-')) return argv;
  return [argv[i], ...argv.slice(0, i), ...argv.slice(i + 1)];
}

/** Flag names (without dashes) of the secret inputs and their aliases: `dhpass`. */
const SECRET_FLAGS = new Set(INPUTS.filter((i) => i.secret).flatMap((i) => [i.name, ...(i.aliases ?? [])]));

function isSecretFlag(name: string): boolean {
  return SECRET_FLAGS.has(name) || isSecretName(name);
}

/**
 * Values of the flags in argv whose names look secret, known to shiplog or not: `--dhpass X`, `--dh-pass=X`,
 * `--api-token X`, also among a deployment command's words after `--`. A usage error can echo them before
 * any input is parsed, so they are registered from the raw words.
 */
export function secretFlagValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?([^=]+)(?:=([\s\S]*))?$/.exec(argv[i]);
    if (!m || !isSecretFlag(m[1])) continue;
    if (m[2] !== undefined) out.push(m[2]);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('-')) out.push(argv[++i]);
  }
  return out;
}

/**
 * A Redactor holding every secret the CLI can see before parsing: secret-named environment variables (and
 * DHPASS), and the values of secret-looking flags in argv. Every Host of the run shares it, so usage errors,
 * internal errors and commander's own output are masked like the results of a command.
 */
export function cliRedactor(io: Pick<CliIo, 'argv' | 'env' | 'cwd'>): Redactor {
  const redactor = new Redactor();
  const host = createHost({ env: io.env, cwd: io.cwd, stdout: () => {}, stderr: () => {}, redactor });
  registerSecrets(host, {});
  for (const v of secretFlagValues(io.argv)) redactor.add(v);
  return redactor;
}

export function buildProgram(io: CliIo, done: (code: number) => void, redactor: Redactor = cliRedactor(io)): Command {
  const out = (t: string) => io.stdout(redactor.redact(t));
  const err = (t: string) => io.stderr(redactor.redact(t));
  const program = new Command('shiplog')
    .description('Track and drive software releases from any CI system (Ortelius/DeployHub compatible)')
    .version(SHIPLOG_VERSION, '-V, --version', 'print the shiplog version')
    .helpOption('-h, --help', 'show help')
    .addHelpCommand(false)
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: out, writeErr: err, outputError: () => {} });

  const groups = new Map<string, Command>();
  const group = (word: string): Command => {
    let g = groups.get(word);
    if (!g) {
      g = program
        .command(word)
        .description(GROUP_SUMMARIES[word] ?? word)
        .addHelpCommand(false)
        .exitOverride()
        .configureOutput({ writeOut: out, writeErr: err, outputError: () => {} });
      groups.set(word, g);
    }
    return g;
  };
  addCliCommands(program, {
    host: createHost({ env: io.env, cwd: io.cwd, stdout: io.stdout, stderr: io.stderr, redactor }),
    cwd: io.cwd,
    stdoutJson: io.stdout,
    done,
    configure: (c) => c.exitOverride().configureOutput({ writeOut: out, writeErr: err, outputError: () => {} }),
  });
  for (const name of COMMANDS) {
    const mod = commandModule(name);
    if (!mod) continue;
    const words = cliCommandWords(name);
    const parent = words.length > 1 ? group(words[0]) : program;
    // No "did you mean" from commander for options: a merely similar flag may do something else (--envs is not
    // --env); runCli suggests only a different spelling of the same flag (dh-compat.ts spellingOf).
    const cmd = parent
      .command(words[words.length - 1])
      .description(mod.summary)
      .exitOverride()
      .showSuggestionAfterError(false)
      .configureOutput({ writeOut: out, writeErr: err, outputError: () => {} });
    const bindings = addInputFlags(cmd, name);
    if (TAKES_COMMAND_WORDS.includes(name)) cmd.argument('[command...]', 'deployment command to run (after --)');
    const positional = POSITIONAL_INPUT[name];
    if (positional) cmd.argument(positional.argument, `the same as --${positional.input}`);
    cmd.addHelpText('after', `\nExamples:\n${mod.examples.map((e) => `  ${e}`).join('\n')}\n`);
    cmd.action(async (...args: unknown[]) => {
      const opts = cmd.opts<Record<string, unknown>>();
      const inputs = readInputFlags(opts, bindings);
      if (positional && typeof args[0] === 'string') {
        if (inputs[positional.input] !== undefined) {
          done(
            usageFailure(
              io,
              redactor,
              `give the ${positional.argument.replace(/[[\]]/g, '')} either as a word or with --${positional.input}, not both`,
              inputs,
            ),
          );
          return;
        }
        inputs[positional.input] = args[0];
      }
      const debug = isTrueFlag(inputs.debug);
      const commandArgs = TAKES_COMMAND_WORDS.includes(name) ? ((args[0] as string[] | undefined) ?? []) : [];
      const terminal = statusTerminal(inputs, io.env, io.terminal ?? {});
      const host = createHost({
        env: io.env,
        cwd: io.cwd,
        stdout: io.stdout,
        stderr: io.stderr,
        debug,
        redactor,
        onInterrupt: processInterrupts,
        ...(terminal ? { terminal } : {}),
        ...(io.heartbeatMs !== undefined ? { heartbeatMs: io.heartbeatMs } : {}),
      });
      const conflict =
        [formatConflict(inputs, mod.table !== undefined, name), ...emptyPathProblems(name, inputs)]
          .filter((p) => p !== undefined)
          .join('; ') || undefined;
      const outcome = conflict
        ? {
            exitCode: EXIT.INVALID,
            result: {
              ok: false,
              operation: name,
              schemaVersion: RESULT_SCHEMA_VERSION,
              error: { code: 'USAGE', message: conflict, exitCode: EXIT.INVALID, hint: `see shiplog ${words.join(' ')} --help` },
            },
          }
        : await execute(name, inputs, host, { ...io.executeOptions, commandArgs });
      printOutcome(host, mod, outcome, outputOptions(inputs, io.env, io.terminal ?? {}, mod.table !== undefined), io.stdout);
      done(outcome.exitCode);
    });
  }
  return program;
}

/** A usage error found after parsing (exit 2), printed like commander's own. */
function usageFailure(io: CliIo, redactor: Redactor, message: string, inputs: Record<string, unknown>): number {
  const host = createHost({ env: io.env, cwd: io.cwd, stdout: io.stdout, stderr: io.stderr, redactor });
  const error = { code: 'USAGE', message, exitCode: EXIT.INVALID, hint: 'see shiplog --help' };
  printError(host, error);
  if (isTrueFlag(inputs.json)) printJson(host, { ok: false, schemaVersion: RESULT_SCHEMA_VERSION, error }, io.stdout);
  return EXIT.INVALID;
}

export async function runCli(io: CliIo): Promise<number> {
  let code: number = EXIT.OK;
  const redactor = cliRedactor(io);
  const host: Host = createHost({ env: io.env, cwd: io.cwd, stdout: io.stdout, stderr: io.stderr, redactor });
  const program = buildProgram(
    io,
    (c) => {
      code = c;
    },
    redactor,
  );
  if (io.argv.length === 0) {
    host.stderr(program.helpInformation());
    return EXIT.INVALID;
  }
  const usage = (message: string, hint: string) => {
    const error = { ok: false, schemaVersion: RESULT_SCHEMA_VERSION, error: { code: 'USAGE', message, exitCode: EXIT.INVALID, hint } };
    printError(host, error.error);
    if (io.argv.some((a) => a === '--json' || a === '--json=true')) printJson(host, error, io.stdout);
    return EXIT.INVALID;
  };
  // dh's spellings (updatecomp, --docker, ...) and its flags shiplog does not provide (dh-compat.ts).
  const dh = translateDhArgv(hoistGlobalFlags(io.argv));
  if (dh.error) return usage(dh.error, 'see docs/ortelius.md, "Migrating from dh"');
  try {
    await program.parseAsync(dh.argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return EXIT.OK;
      // A group without its subcommand (`shiplog store`): its help was printed; like no command at all, exit 2.
      if (err.code === 'commander.help') return EXIT.INVALID;
      let message = err.message.replace(/^error:\s*/, '').replace(/\s*\n\s*/g, ' ');
      const unknown = err.code === 'commander.unknownOption' ? /'--([^'=]+)/.exec(message)?.[1] : undefined;
      const command = dh.argv.find((a) => !a.startsWith('-')) as CommandName | undefined;
      const spelt = unknown && command && COMMANDS.includes(command) ? spellingOf(unknown, command) : undefined;
      const near = unknown && command && COMMANDS.includes(command) && !spelt ? suggestFlag(unknown, command) : undefined;
      if (spelt ?? near) message += ` (did you mean ${spelt ?? near}?)`;
      const error = {
        ok: false,
        schemaVersion: RESULT_SCHEMA_VERSION,
        error: { code: 'USAGE', message, exitCode: EXIT.INVALID, hint: 'see shiplog --help' },
      };
      printError(host, error.error);
      if (io.argv.some((a) => a === '--json' || a === '--json=true')) printJson(host, error, io.stdout);
      return EXIT.INVALID;
    }
    // execute() never throws; anything here is a CLI bug.
    host.stderr(`shiplog: error: internal error, please report: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.OPERATION_FAILED;
  }
}
