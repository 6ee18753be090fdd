/**
 * How the input table (core/src/inputs.ts + kit/platform-inputs.ts) appears on each platform: the one place
 * that knows the spelling rules and the secret channels. The manifest generators (action.yml, the orb,
 * plugin.yml, the Jenkins step help) and the adapters' input readers all go through platformParams().
 *
 * The rule, unless an input's `expose` says otherwise: a non-secret input is a plain value on every platform;
 * a secret input is a masked input on GitHub and reaches no other platform as a value (it needs an `envName`
 * or `credentials` channel there, and a test fails when one is missing).
 */
import { INPUTS, isRequired, PLATFORMS, type CommandName, type Exposure, type InputSpec, type Platform } from '../inputs.js';
import { PLATFORM_INPUTS } from './platform-inputs.js';

/** Every input of every platform, core ones first, in table order. */
export const INPUT_TABLE: readonly InputSpec[] = [...INPUTS, ...PLATFORM_INPUTS];

/** How a platform passes the value on: the value itself, the name of an env var holding it, or a Jenkins credentials binding. */
export type Channel = 'value' | 'env-name' | 'credentials';

export interface PlatformParam {
  /** The input as `command` takes it: a `listFor` input is a list there (`plan --env qa --env prod`), read from no env var. */
  spec: InputSpec;
  /** The input table's entry as written. */
  source: InputSpec;
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
export function snakeName(name: string): string {
  return name.replace(/-/g, '_');
}

/** kebab-case -> camelCase (Jenkins named arguments). */
export function camelName(name: string): string {
  return name.replace(/[-_]([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** The platform's spelling of a table name. */
export function platformName(platform: Platform, name: string): string {
  if (platform === 'circleci') return snakeName(name);
  if (platform === 'jenkins') return camelName(name);
  return name;
}

/** The exposure of `spec` on `platform`, or undefined when the platform does not take it. */
export function exposureOf(spec: InputSpec, platform: Platform): Exposure | undefined {
  if (spec.cliOnly) return undefined;
  if (spec.platform && spec.platform !== platform) return undefined;
  const given = spec.expose?.[platform];
  if (given === false) return undefined;
  const e: Exposure = given ?? {};
  const value = e.value ?? (!spec.secret || platform === 'github');
  if (!value && !e.envName && !e.credentials) return undefined;
  return { ...e, value };
}

/**
 * The parameters `spec` becomes on `platform` for `command`: none, one, or two (a Buildkite option that takes
 * the value and a `credentials` entry that names its variable).
 */
export function paramsOf(source: InputSpec, platform: Platform, command: CommandName): PlatformParam[] {
  if (!source.commands.includes(command)) return [];
  const spec: InputSpec = source.listFor?.includes(command) ? { ...source, type: 'list', env: undefined, required: false } : source;
  const e = exposureOf(spec, platform);
  if (!e) return [];
  const base = {
    spec,
    source,
    platform,
    description: (e.description ?? spec.description).replace(/\s+/g, ' ').trim(),
    required: isRequired(spec, command),
    exposure: e,
    ...(e.default !== undefined || spec.default !== undefined ? { default: e.default ?? spec.default } : {}),
  };
  const name = e.name ?? platformName(platform, spec.name);
  const out: PlatformParam[] = [];
  if (e.value) out.push({ ...base, name, channel: 'value' });
  if (e.envName) out.push({ ...base, name, channel: 'env-name', envDefault: e.envName, required: false });
  if (e.credentials) out.push({ ...base, name, channel: 'credentials', via: e.credentials, required: false });
  return out;
}

/** Every parameter of `command` on `platform`, in table order (core inputs first, then the platform's own). */
export function platformParams(platform: Platform, command: CommandName): PlatformParam[] {
  return INPUT_TABLE.flatMap((spec) => paramsOf(spec, platform, command));
}

/** The table entry of a name (core or platform input). */
export function inputSpec(name: string): InputSpec | undefined {
  return INPUT_TABLE.find((i) => i.name === name);
}

/** Table names of the secret inputs `platform` takes for `command` (the values an adapter registers before anything runs). */
export function secretParamNames(platform: Platform, command: CommandName): string[] {
  return platformParams(platform, command)
    .filter((p) => p.spec.secret && p.channel === 'value')
    .map((p) => p.spec.name);
}

export { PLATFORMS };
