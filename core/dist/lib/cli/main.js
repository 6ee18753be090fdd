import { SHIPLOG_VERSION } from './version.js';
/** A closed pipe (`shiplog status | head -1`) is not an error worth a stack trace. */
function ignoreBrokenPipe(stream) {
    stream.on('error', (err) => {
        if (err.code !== 'EPIPE')
            throw err;
    });
}
export async function main(partial = {}) {
    if (!partial.stdout)
        ignoreBrokenPipe(process.stdout);
    if (!partial.stderr)
        ignoreBrokenPipe(process.stderr);
    const io = {
        argv: partial.argv ?? process.argv.slice(2),
        env: partial.env ?? process.env,
        cwd: partial.cwd ?? process.cwd(),
        stdout: partial.stdout ?? ((t) => void process.stdout.write(t)),
        stderr: partial.stderr ?? ((t) => void process.stderr.write(t)),
        executeOptions: partial.executeOptions,
    };
    if (io.argv.length === 1 && (io.argv[0] === '--version' || io.argv[0] === '-V')) {
        io.stdout(`${SHIPLOG_VERSION}\n`);
        return 0;
    }
    const { runCli } = await import('./run-cli.js');
    return runCli(io);
}
