/**
 * How the input table (core/src/inputs.ts + kit/platform-inputs.ts) appears on each platform: the one place
 * that knows the spelling rules and the secret channels. The manifest generators (action.yml, the orb,
 * plugin.yml, the Jenkins step help) and the adapters' input readers all go through platformParams().
 *
 * The rule, unless an input's `expose` says otherwise: a non-secret input is a plain value on every platform;
 * a secret input is a masked input on GitHub and reaches no other platform as a value (it needs an `envName`
 * or `credentials` channel there, and a test fails when one is missing).
 */
import { PLATFORMS, type CommandName, type Exposure, type InputSpec, type Platform } from '../inputs.js';
/** Every input of every platform, core ones first, in table order. */
export declare const INPUT_TABLE: readonly InputSpec[];
/** How a platform passes the value on: the value itself, the name of an env var holding it, or a Jenkins credentials binding. */
export type Channel = 'value' | 'env-name' | 'credentials';
export interface PlatformParam {
    spec: InputSpec;
    platform: Platform;
    /** Spelled for the platform: `app-version`, `app_version`, `appVersion`, or `credentials.dhpass` style for env names on Buildkite. */
    name: string;
    channel: Channel;
    /** env-name: the variable read when the user names none. */
    envDefault?: string;
    /** credentials: the table name of the credentials-id input that binds it. */
    via?: string;
    description: string;
    /** The platform's default (the table's unless the exposure overrides it). */
    default?: string;
    required: boolean;
    exposure: Exposure;
}
/** kebab-case -> snake_case (CircleCI parameters). */
export declare function snakeName(name: string): string;
/** kebab-case -> camelCase (Jenkins named arguments). */
export declare function camelName(name: string): string;
/** The platform's spelling of a table name. */
export declare function platformName(platform: Platform, name: string): string;
/** The exposure of `spec` on `platform`, or undefined when the platform does not take it. */
export declare function exposureOf(spec: InputSpec, platform: Platform): Exposure | undefined;
/**
 * The parameters `spec` becomes on `platform` for `command`: none, one, or two (a Buildkite option that takes
 * the value and a `credentials` entry that names its variable).
 */
export declare function paramsOf(spec: InputSpec, platform: Platform, command: CommandName): PlatformParam[];
/** Every parameter of `command` on `platform`, in table order (core inputs first, then the platform's own). */
export declare function platformParams(platform: Platform, command: CommandName): PlatformParam[];
/** The table entry of a name (core or platform input). */
export declare function inputSpec(name: string): InputSpec | undefined;
/** Table names of the secret inputs `platform` takes for `command` (the values an adapter registers before anything runs). */
export declare function secretParamNames(platform: Platform, command: CommandName): string[];
export { PLATFORMS };
