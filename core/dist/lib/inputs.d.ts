/**
 * THE input table: the single source for the CLI flags, the GitHub action.yml inputs, the CircleCI orb
 * parameters, the Buildkite plugin.yml schema, the Jenkins step arguments and docs/cli.md. The inputs only a
 * platform has (github-token, credentialsId, the orb's registry, ...) and every output are in the same table
 * (kit/platform-inputs.ts, kit/outputs.ts); kit/exposure.ts resolves how each input appears on each platform.
 * `npm run build` regenerates every manifest from it and `npm run check` fails when one drifts.
 *
 * Names are kebab-case (CLI flag `--<name>`, action input `<name>`, orb parameter `<name with _>`,
 * plugin option `<name>`, Jenkins named argument camelCase). `aliases` are the reference `dh` CLI's spellings,
 * accepted by the CLI as hidden flags. `env` lists environment variables read when the flag is absent
 * (precedence: flag > env > component.toml > default). `expose` says how a platform takes the input when the
 * default rule does not fit: a secret reaches a platform only through its secret channel (an env-var name on
 * CircleCI and Buildkite, withCredentials on Jenkins, a masked input on GitHub).
 */
export declare const OPERATIONS: readonly ["version-update", "move", "approve", "deploy", "envscript"];
export declare const QUERIES: readonly ["status", "history", "diff", "graph"];
export type OperationName = (typeof OPERATIONS)[number];
export type QueryName = (typeof QUERIES)[number];
export type CommandName = OperationName | QueryName;
export declare const COMMANDS: readonly CommandName[];
export type InputType = 'string' | 'boolean' | 'integer' | 'list' | 'enum' | 'duration';
/** The CI platforms shiplog has an adapter for. */
export declare const PLATFORMS: readonly ["github", "circleci", "buildkite", "jenkins"];
export type Platform = (typeof PLATFORMS)[number];
/** A Jenkins credentials binding (withCredentials) made from the credentials id an input names. */
export type CredentialsBinding = {
    kind: 'usernamePassword';
    usernameVariable: string;
    passwordVariable: string;
} | {
    kind: 'sshUserPrivateKey';
    keyFileVariable: string;
};
/**
 * How one platform takes an input, where the default rule (kit/exposure.ts) does not fit: non-secret inputs
 * are a plain value everywhere (spelled for the platform), secret inputs only on GitHub (a masked input).
 */
export interface Exposure {
    /** The platform's spelling when the rule (kebab, snake_case, camelCase) does not fit. */
    name?: string;
    /** Takes a literal value (default: true, for a secret input only on GitHub). */
    value?: boolean;
    /** Takes the NAME of the environment variable holding the value (CircleCI env_var_name, Buildkite `credentials`); its default. */
    envName?: string;
    /** Jenkins: bound by withCredentials from the credentials id given in this table input. */
    credentials?: string;
    /** Jenkins: the binding a credentials-id input makes. */
    binds?: CredentialsBinding;
    /** What the platform does differently from the table's description. */
    description?: string;
    /** The platform's default when it differs from the table's. */
    default?: string;
    /** CircleCI: a parameter type of its own (`executor`). */
    type?: string;
    /** CircleCI: only on the orb's commands or only on its jobs (default both). */
    scope?: 'command' | 'job';
}
export interface InputSpec {
    name: string;
    type: InputType;
    description: string;
    /** Commands that take it. */
    commands: readonly CommandName[];
    required?: boolean | readonly CommandName[];
    default?: string;
    secret?: boolean;
    /** For type 'enum'. */
    values?: readonly string[];
    /** The reference dh CLI's spellings (without dashes). */
    aliases?: readonly string[];
    /** Environment variables read when the flag is not given. */
    env?: readonly string[];
    /** Shown to users as an example value. */
    example?: string;
    /** Only meaningful on the CLI (e.g. --json); adapters do not expose it as an input. */
    cliOnly?: boolean;
    /** Per-platform exposure (kit/exposure.ts); `false` hides it there. */
    expose?: Partial<Record<Platform, Exposure | false>>;
    /** Only this platform has it (github-token, credentialsId, ...): not a core input, never passed to execute(). */
    platform?: Platform;
}
export declare const INPUTS: readonly InputSpec[];
export declare function inputsFor(command: CommandName, opts?: {
    includeCliOnly?: boolean;
}): InputSpec[];
export declare function isRequired(input: InputSpec, command: CommandName): boolean;
/** Names of every secret input an adapter exposes (each only through its platform's secret channel). */
export declare const SECRET_INPUTS: readonly string[];
