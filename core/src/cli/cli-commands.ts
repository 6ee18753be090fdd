/**
 * The CLI's own commands, which are not operations (no adapter has them): `init`, `completion <shell>`,
 * `help [command]` and `version`. Registered on the commander program by run-cli.ts.
 */
import { Command, Option } from 'commander';
import { EXIT } from '../errors.js';
import type { Host } from '../host.js';
import { completionScript, CLI_ONLY_COMMANDS, SHELLS, type Shell } from './completion.js';
import { InitRefused, runInit } from './init.js';
import { printError, printJson } from './output.js';
import { RESULT_SCHEMA_VERSION } from '../result-version.js';
import { SHIPLOG_VERSION } from './version.js';

export interface CliCommandIo {
  host: Host;
  cwd: string;
  /** The CLI's raw stdout for JSON (see output.ts printJson). */
  stdoutJson: (text: string) => void;
  done: (code: number) => void;
  configure: (cmd: Command) => Command;
}

function usage(io: CliCommandIo, message: string, hint: string, json = false): void {
  printError(io.host, { message, hint });
  if (json)
    printJson(
      io.host,
      { ok: false, schemaVersion: RESULT_SCHEMA_VERSION, error: { code: 'USAGE', message, exitCode: EXIT.INVALID, hint } },
      io.stdoutJson,
    );
  io.done(EXIT.INVALID);
}

export function addCliCommands(program: Command, io: CliCommandIo): void {
  io.configure(program.command('version'))
    .description(CLI_ONLY_COMMANDS.version)
    .action(() => {
      io.host.stdout(`${SHIPLOG_VERSION}\n`);
      io.done(EXIT.OK);
    });

  io.configure(program.command('help'))
    .description(CLI_ONLY_COMMANDS.help)
    .argument('[command...]', 'the command, e.g. `deploy` or `store info`')
    .addHelpText('after', '\nExamples:\n  shiplog help deploy\n  shiplog help store copy\n')
    .action((words: string[]) => {
      let cmd: Command = program;
      for (const w of words) {
        const next = cmd.commands.find((c) => c.name() === w);
        if (!next) {
          const names = cmd.commands.map((c) => c.name()).filter((n) => n !== 'help');
          return usage(io, `unknown command '${words.join(' ')}'`, `commands: ${names.join(', ')}`);
        }
        cmd = next;
      }
      cmd.outputHelp();
      io.done(EXIT.OK);
    });

  io.configure(program.command('completion'))
    .description(CLI_ONLY_COMMANDS.completion)
    .argument('<shell>', `one of ${SHELLS.join(', ')}`)
    .addHelpText(
      'after',
      '\nExamples:\n  eval "$(shiplog completion bash)"   # in ~/.bashrc\n  shiplog completion fish > ~/.config/fish/completions/shiplog.fish\n',
    )
    .action((shell: string) => {
      if (!(SHELLS as readonly string[]).includes(shell)) return usage(io, `unknown shell "${shell}"`, `one of ${SHELLS.join(', ')}`);
      io.host.stdout(completionScript(shell as Shell));
      io.done(EXIT.OK);
    });

  const init = io
    .configure(program.command('init'))
    .description(CLI_ONLY_COMMANDS.init)
    .addOption(
      new Option('--platform <platform>', 'CI platform (default: detected from the files, then the environment)').choices([
        'github',
        'circleci',
        'buildkite',
        'jenkins',
        'none',
      ]),
    )
    .option('--component-name <name>', "this service's full component name, e.g. GLOBAL.Acme.Store.cart (default: a placeholder to edit)")
    .option('--application <name>', 'the full application name, e.g. GLOBAL.Acme.Store.shop (default: a placeholder to edit)')
    .option('--force', 'overwrite files that exist')
    .option('--json', 'print exactly one JSON object on stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  shiplog init\n  shiplog init --platform github --component-name GLOBAL.Acme.Store.cart --application GLOBAL.Acme.Store.shop\n',
    );
  init.action(() => {
    const o = init.opts<{ platform?: string; componentName?: string; application?: string; force?: boolean; json?: boolean }>();
    try {
      const r = runInit({
        cwd: io.cwd,
        env: io.host.env,
        platform: o.platform,
        componentName: o.componentName,
        application: o.application,
        force: o.force === true,
      });
      const how =
        r.platform === 'none' ? 'no CI platform detected (--platform to choose one)' : `CI platform: ${r.platform} (${r.detectedBy})`;
      io.host.stderr(`${how}\nwrote ${r.written.join(', ')}${r.gitignore === 'added' ? '; added .shiplog/ to .gitignore' : ''}\n`);
      io.host.stderr('next: edit component.toml (Name, Application), then run `shiplog version-update --dry-run`\n');
      if (o.json) printJson(io.host, { ok: true, operation: 'init', schemaVersion: RESULT_SCHEMA_VERSION, ...r }, io.stdoutJson);
      io.done(EXIT.OK);
    } catch (err) {
      if (err instanceof InitRefused) return usage(io, err.message, 'see shiplog init --help', o.json === true);
      throw err;
    }
  });
}
