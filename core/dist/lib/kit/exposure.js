/**
 * How the input table (core/src/inputs.ts + kit/platform-inputs.ts) appears on each platform: the one place
 * that knows the spelling rules and the secret channels. The manifest generators (action.yml, the orb,
 * plugin.yml, the Jenkins step help) and the adapters' input readers all go through platformParams().
 *
 * The rule, unless an input's `expose` says otherwise: a non-secret input is a plain value on every platform;
 * a secret input is a masked input on GitHub and reaches no other platform as a value (it needs an `envName`
 * or `credentials` channel there, and a test fails when one is missing).
 */
import { INPUTS, isRequired, PLATFORMS } from '../inputs.js';
import { PLATFORM_INPUTS } from './platform-inputs.js';
/** Every input of every platform, core ones first, in table order. */
export const INPUT_TABLE = [...INPUTS, ...PLATFORM_INPUTS];
/** kebab-case -> snake_case (CircleCI parameters). */
export function snakeName(name) {
    return name.replace(/-/g, '_');
}
/** kebab-case -> camelCase (Jenkins named arguments). */
export function camelName(name) {
    return name.replace(/[-_]([a-z])/g, (_m, c) => c.toUpperCase());
}
/** The platform's spelling of a table name. */
export function platformName(platform, name) {
    if (platform === 'circleci')
        return snakeName(name);
    if (platform === 'jenkins')
        return camelName(name);
    return name;
}
/** The exposure of `spec` on `platform`, or undefined when the platform does not take it. */
export function exposureOf(spec, platform) {
    if (spec.cliOnly)
        return undefined;
    if (spec.platform && spec.platform !== platform)
        return undefined;
    const given = spec.expose?.[platform];
    if (given === false)
        return undefined;
    const e = given ?? {};
    const value = e.value ?? (!spec.secret || platform === 'github');
    if (!value && !e.envName && !e.credentials)
        return undefined;
    return { ...e, value };
}
/**
 * The parameters `spec` becomes on `platform` for `command`: none, one, or two (a Buildkite option that takes
 * the value and a `credentials` entry that names its variable).
 */
export function paramsOf(spec, platform, command) {
    if (!spec.commands.includes(command))
        return [];
    const e = exposureOf(spec, platform);
    if (!e)
        return [];
    const base = {
        spec,
        platform,
        description: (e.description ?? spec.description).replace(/\s+/g, ' ').trim(),
        required: isRequired(spec, command),
        exposure: e,
        ...(e.default !== undefined || spec.default !== undefined ? { default: e.default ?? spec.default } : {}),
    };
    const name = e.name ?? platformName(platform, spec.name);
    const out = [];
    if (e.value)
        out.push({ ...base, name, channel: 'value' });
    if (e.envName)
        out.push({ ...base, name, channel: 'env-name', envDefault: e.envName, required: false });
    if (e.credentials)
        out.push({ ...base, name, channel: 'credentials', via: e.credentials, required: false });
    return out;
}
/** Every parameter of `command` on `platform`, in table order (core inputs first, then the platform's own). */
export function platformParams(platform, command) {
    return INPUT_TABLE.flatMap((spec) => paramsOf(spec, platform, command));
}
/** The table entry of a name (core or platform input). */
export function inputSpec(name) {
    return INPUT_TABLE.find((i) => i.name === name);
}
/** Table names of the secret inputs `platform` takes for `command` (the values an adapter registers before anything runs). */
export function secretParamNames(platform, command) {
    return platformParams(platform, command)
        .filter((p) => p.spec.secret && p.channel === 'value')
        .map((p) => p.spec.name);
}
export { PLATFORMS };
