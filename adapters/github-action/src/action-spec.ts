/**
 * What each action folder declares: the core's input table (core/src/inputs.ts) for its operation, plus the few
 * inputs only a GitHub Action has, plus its outputs. The action.yml files and the README tables are generated
 * from here (scripts/generate.ts); test/manifest-drift.test.ts fails when they drift.
 */
import { inputsFor, isRequired, OPERATIONS, type InputSpec, type OperationName } from '../../../core/src/inputs.js';

/** A GitHub-only input (not a core flag): it drives the GitHub integration, never the core request. */
export interface ActionOnlyInput {
  name: string;
  description: string;
  operations: readonly OperationName[];
  default?: string;
  secret?: boolean;
}

/** The hidden input that tells the shared bundle which operation its folder runs. */
export const OPERATION_INPUT = 'operation';

export const ACTION_ONLY_INPUTS: readonly ActionOnlyInput[] = [
  {
    name: 'github-token',
    description:
      'Token used to create a GitHub Deployment for `env` and post its statuses (in_progress, then success or failure). Pass the workflow\'s `github.token` and grant the job `permissions: deployments: write`. Empty: no GitHub Deployment.',
    operations: ['deploy'],
    secret: true,
  },
  {
    name: 'environment-url',
    description: 'URL of the deployed environment, set on the GitHub Deployment status (with `github-token`).',
    operations: ['deploy'],
  },
  {
    name: 'transient-environment',
    description:
      'Mark the GitHub Deployment\'s environment as transient (e.g. a review app that is destroyed later). true or false.',
    operations: ['deploy'],
    default: 'false',
  },
  {
    name: 'export-env',
    description:
      'Also export the variables into `GITHUB_ENV` (multiline-safe) so later steps of the job see them; sets `format` to `github`, leave `output` empty. true or false.',
    operations: ['envscript'],
    default: 'false',
  },
];

export interface ActionOutput {
  name: string;
  description: string;
  operations: readonly OperationName[];
}

export const ACTION_OUTPUTS: readonly ActionOutput[] = [
  {
    name: 'component-version',
    description: 'Full name of the component version created or reused, e.g. `GLOBAL.Acme.Store.cart;main;v1_2_0`.',
    operations: ['version-update'],
  },
  {
    name: 'app-version',
    description: 'Full name of the application version the operation created, moved, approved or deployed.',
    operations: ['version-update', 'move', 'approve', 'deploy'],
  },
  {
    name: 'deployment-id',
    description: 'Id of the recorded deployment.',
    operations: ['deploy'],
  },
  {
    name: 'deployment-status',
    description: '`success` or `failed`.',
    operations: ['deploy'],
  },
  {
    name: 'result',
    description:
      'The operation\'s result as one JSON object, as `shiplog --json` prints it (`{"ok":true,"operation":...}` or `{"ok":false,"error":{...}}`).',
    operations: OPERATIONS,
  },
];

/** One input as an action.yml declares it. */
export interface ManifestInput {
  name: string;
  description: string;
  required: boolean;
  default?: string;
  /** The default the user gets (the core applies it when the runner passes no default). */
  effectiveDefault?: string;
  secret: boolean;
  /** 'core' when it comes from the input table, 'action' for GitHub-only inputs. */
  source: 'core' | 'action';
}

/**
 * The input table entry as an action input. Inputs the core also reads from environment variables get no
 * action.yml default: the runner always passes a declared default, which would then override the variable.
 * Their default stays in the description instead (the core applies it).
 */
export function manifestInput(spec: InputSpec, op: OperationName): ManifestInput {
  const envBound = (spec.env?.length ?? 0) > 0;
  let description = spec.description;
  if (spec.type === 'list') description += ' One per line.';
  if (spec.type === 'enum' && spec.values) description += ` One of: ${spec.values.map((v) => `\`${v}\``).join(', ')}.`;
  if (envBound) description += ` Falls back to ${spec.env!.map((e) => `\`${e}\``).join(', ')}.`;
  if (envBound && spec.default !== undefined) description += ` Default: \`${spec.default}\`.`;
  if (spec.secret) description += ' Pass it from a secret; it is masked in the log.';
  return {
    name: spec.name,
    description,
    required: isRequired(spec, op),
    default: envBound ? undefined : spec.default,
    effectiveDefault: spec.default,
    secret: spec.secret ?? false,
    source: 'core',
  };
}

/** Every input of one action folder, in table order, GitHub-only inputs last. */
export function manifestInputs(op: OperationName): ManifestInput[] {
  const core = inputsFor(op).map((spec) => manifestInput(spec, op));
  const extra = ACTION_ONLY_INPUTS.filter((i) => i.operations.includes(op)).map(
    (i): ManifestInput => ({
      name: i.name,
      description: i.description,
      required: false,
      default: i.default,
      effectiveDefault: i.default,
      secret: i.secret ?? false,
      source: 'action',
    }),
  );
  return [...core, ...extra];
}

export function manifestOutputs(op: OperationName): ActionOutput[] {
  return ACTION_OUTPUTS.filter((o) => o.operations.includes(op));
}

/** Names of the inputs whose values must be masked (core secrets and GitHub-only secrets). */
export function secretInputNames(op: OperationName): string[] {
  return [
    ...inputsFor(op).filter((i) => i.secret),
    ...ACTION_ONLY_INPUTS.filter((i) => i.secret && i.operations.includes(op)),
  ].map((i) => i.name);
}
