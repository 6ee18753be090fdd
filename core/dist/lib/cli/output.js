import { renderDeployment } from '../operations/deployment-flow.js';
/**
 * `stdoutJson` writes the --json document as is (the CLI's raw stdout). It must not be host.stdout: the
 * Host redacts text, and text redaction of a JSON document breaks it when a secret is a JSON word (`null`) or
 * meets an escape sequence; here every string of the value is redacted before it is serialized instead.
 */
export function printOutcome(host, mod, outcome, json, stdoutJson) {
    const { result } = outcome;
    if (outcome.exitCode === 0 && mod) {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const text = mod.render(result);
        if (text)
            host.stderr(`${text}\n`);
    }
    else {
        const deployment = result.deployment;
        if (deployment && deployment.id !== null)
            host.stderr(`${renderDeployment(deployment)}\n`);
        printError(host, result.error, outcome.error);
    }
    if (json)
        printJson(host, result, stdoutJson);
}
/** One JSON document on one line: every string and key redacted on its own, then serialized. */
export function printJson(host, value, stdoutJson) {
    stdoutJson(`${JSON.stringify(host.redactor.redactValue(value))}\n`);
}
export function printError(host, error, cause) {
    host.stderr(`shiplog: error: ${error?.message ?? 'unknown error'}\n`);
    if (error?.hint)
        host.stderr(`hint: ${error.hint}\n`);
    if (host.debug && cause instanceof Error) {
        host.stderr(`${cause.stack ?? cause.message}\n`);
        const inner = cause.cause;
        if (inner instanceof Error)
            host.stderr(`caused by: ${inner.stack ?? inner.message}\n`);
    }
}
