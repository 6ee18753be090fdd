/**
 * The outputs of the operations, in the same table as their inputs: a name, a description, the commands that
 * have it, how its value comes out of the operation's JSON result, and how each platform publishes it (GitHub
 * step outputs, Buildkite build meta-data `shiplog-<name>`; CircleCI and Jenkins hand over the whole result).
 * report/outputs.ts turns a result into these key/value pairs; the generators document them.
 */
import { OPERATIONS } from '../inputs.js';
const rec = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
const str = (v) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
/** `name` of an object field, or the field itself when the result gives a plain name. */
export function nameOf(v) {
    return str(v) ?? str(rec(v)?.name);
}
/** The deployment of a deploy result (also inside a failure). */
export function deploymentOf(result) {
    return rec(result.deployment) ?? rec(rec(result.error)?.deployment);
}
/** Buildkite meta-data keys are prefixed: `shiplog-app-version`. */
const meta = (name) => ({ buildkite: { name: `shiplog-${name}` }, circleci: false, jenkins: false });
export const OUTPUTS = [
    {
        name: 'component-version',
        description: 'Full name of the component version created or reused, e.g. `GLOBAL.Acme.Store.cart;main;v1_2_0`.',
        commands: ['version-update'],
        value: (r) => nameOf(r.componentVersion),
        expose: meta('component-version'),
    },
    {
        name: 'deployment-id',
        description: 'Id of the recorded deployment.',
        commands: ['deploy'],
        value: (r) => str(deploymentOf(r)?.id),
        expose: meta('deployment-id'),
    },
    {
        name: 'deployment-status',
        description: '`success` or `failed`.',
        commands: ['deploy'],
        value: (r) => str(deploymentOf(r)?.status),
        expose: meta('deployment-status'),
    },
    {
        name: 'app-version',
        description: 'Full name of the application version the operation created, moved, approved or deployed.',
        commands: ['version-update', 'move', 'approve', 'deploy'],
        value: (r) => nameOf(r.appVersion) ?? nameOf(deploymentOf(r)?.appVersion),
        expose: meta('app-version'),
    },
    {
        name: 'result',
        description: 'The operation\'s result as one JSON object, as `shiplog --json` prints it (`{"ok":true,"operation":...}` or `{"ok":false,"error":{...}}`).',
        commands: OPERATIONS,
        value: (r) => JSON.stringify(r),
        expose: { buildkite: false, circleci: false, jenkins: false },
    },
];
/** The outputs `platform` publishes for `command`, with the platform's names. */
export function platformOutputs(platform, command) {
    return OUTPUTS.filter((o) => o.commands.includes(command) && o.expose?.[platform] !== false).map((spec) => {
        const e = spec.expose?.[platform];
        return { spec, name: e ? e.name : spec.name };
    });
}
