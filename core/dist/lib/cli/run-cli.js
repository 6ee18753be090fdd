/**
 * The `shiplog` CLI program: inputs (flags from the input table) -> execute() -> human summary on stderr
 * and, with --json, one JSON object on stdout. Returns the exit code (bin.ts sets process.exitCode; nothing
 * here calls process.exit, so output is never cut off). Loaded lazily by main.ts.
 */
import { Command, CommanderError } from 'commander';
import { execute, registerSecrets } from '../execute.js';
import { EXIT } from '../errors.js';
import { createHost, processInterrupts } from '../host.js';
import { COMMANDS, INPUTS } from '../inputs.js';
import { commandModule } from '../operations/registry.js';
import { Redactor } from '../redact.js';
import { isSecretName } from '../secret-names.js';
import { addInputFlags, readInputFlags } from './flags.js';
import { printError, printJson, printOutcome } from './output.js';
import { SHIPLOG_VERSION } from './version.js';
const TAKES_COMMAND_WORDS = ['deploy', 'version-update'];
function isTrueFlag(v) {
    return v === true || v === 'true';
}
/** `shiplog --json status` means `shiplog status --json`: --json/--debug before the command move after it. */
export function hoistGlobalFlags(argv) {
    let i = 0;
    while (i < argv.length && /^--(json|debug)(=(true|false))?$/.test(argv[i]))
        i++;
    if (i === 0 || i >= argv.length || argv[i].startsWith('-'))
        return argv;
    return [argv[i], ...argv.slice(0, i), ...argv.slice(i + 1)];
}
/** Flag names (without dashes) of the secret inputs and their aliases: `dhpass`. */
const SECRET_FLAGS = new Set(INPUTS.filter((i) => i.secret).flatMap((i) => [i.name, ...(i.aliases ?? [])]));
function isSecretFlag(name) {
    return SECRET_FLAGS.has(name) || isSecretName(name);
}
/**
 * Values of the flags in argv whose names look secret, known to shiplog or not: `--dhpass X`, `--dh-pass=X`,
 * `--api-token X`, also among a deployment command's words after `--`. A usage error can echo them before
 * any input is parsed, so they are registered from the raw words.
 */
export function secretFlagValues(argv) {
    const out = [];
    for (let i = 0; i < argv.length; i++) {
        const m = /^--?([^=]+)(?:=([\s\S]*))?$/.exec(argv[i]);
        if (!m || !isSecretFlag(m[1]))
            continue;
        if (m[2] !== undefined)
            out.push(m[2]);
        else if (i + 1 < argv.length && !argv[i + 1].startsWith('-'))
            out.push(argv[++i]);
    }
    return out;
}
/**
 * A Redactor holding every secret the CLI can see before parsing: secret-named environment variables (and
 * DHPASS), and the values of secret-looking flags in argv. Every Host of the run shares it, so usage errors,
 * internal errors and commander's own output are masked like the results of a command.
 */
export function cliRedactor(io) {
    const redactor = new Redactor();
    const host = createHost({ env: io.env, cwd: io.cwd, stdout: () => { }, stderr: () => { }, redactor });
    registerSecrets(host, {});
    for (const v of secretFlagValues(io.argv))
        redactor.add(v);
    return redactor;
}
export function buildProgram(io, done, redactor = cliRedactor(io)) {
    const out = (t) => io.stdout(redactor.redact(t));
    const err = (t) => io.stderr(redactor.redact(t));
    const program = new Command('shiplog')
        .description('Track and drive software releases from any CI system (Ortelius/DeployHub compatible)')
        .version(SHIPLOG_VERSION, '-V, --version', 'print the shiplog version')
        .helpOption('-h, --help', 'show help')
        .addHelpCommand(false)
        .exitOverride()
        .showSuggestionAfterError(true)
        .configureOutput({ writeOut: out, writeErr: err, outputError: () => { } });
    for (const name of COMMANDS) {
        const mod = commandModule(name);
        if (!mod)
            continue;
        const cmd = program.command(name).description(mod.summary).exitOverride().configureOutput({ writeOut: out, writeErr: err, outputError: () => { } });
        const bindings = addInputFlags(cmd, name);
        if (TAKES_COMMAND_WORDS.includes(name))
            cmd.argument('[command...]', 'deployment command to run (after --)');
        cmd.addHelpText('after', `\nExamples:\n${mod.examples.map((e) => `  ${e}`).join('\n')}\n`);
        cmd.action(async (...args) => {
            const opts = cmd.opts();
            const inputs = readInputFlags(opts, bindings);
            const json = isTrueFlag(inputs.json);
            const debug = isTrueFlag(inputs.debug);
            const commandArgs = TAKES_COMMAND_WORDS.includes(name) ? (args[0] ?? []) : [];
            const host = createHost({ env: io.env, cwd: io.cwd, stdout: io.stdout, stderr: io.stderr, debug, redactor, onInterrupt: processInterrupts });
            const outcome = await execute(name, inputs, host, { ...io.executeOptions, commandArgs });
            printOutcome(host, mod, outcome, json, io.stdout);
            done(outcome.exitCode);
        });
    }
    return program;
}
export async function runCli(io) {
    let code = EXIT.OK;
    const redactor = cliRedactor(io);
    const host = createHost({ env: io.env, cwd: io.cwd, stdout: io.stdout, stderr: io.stderr, redactor });
    const program = buildProgram(io, (c) => {
        code = c;
    }, redactor);
    if (io.argv.length === 0) {
        host.stderr(program.helpInformation());
        return EXIT.INVALID;
    }
    try {
        await program.parseAsync(hoistGlobalFlags(io.argv), { from: 'user' });
        return code;
    }
    catch (err) {
        if (err instanceof CommanderError) {
            if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0)
                return EXIT.OK;
            const message = err.message.replace(/^error:\s*/, '').replace(/\s*\n\s*/g, ' ');
            const error = { ok: false, error: { code: 'USAGE', message, exitCode: EXIT.INVALID, hint: 'see shiplog --help' } };
            printError(host, error.error);
            if (io.argv.some((a) => a === '--json' || a === '--json=true'))
                printJson(host, error, io.stdout);
            return EXIT.INVALID;
        }
        // execute() never throws; anything here is a CLI bug.
        host.stderr(`shiplog: error: internal error, please report: ${err instanceof Error ? err.message : String(err)}\n`);
        return EXIT.OPERATION_FAILED;
    }
}
