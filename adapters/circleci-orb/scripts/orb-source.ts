/**
 * Generates the orb's commands and jobs (src/commands/*.yml, src/jobs/*.yml) from the input table and the pin of
 * the core bundle. Hand-written parts of the source: src/@orb.yml, src/executors/, src/scripts/, src/examples/.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATIONS, type OperationName } from '../../../core/src/inputs.js';
import { toYaml } from './orb-pack.js';
import { channelVariable, orbParameters, tableInputs, orbParameterName, type OrbParameter } from './orb-parameters.js';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const ORB_ROOT = join(import.meta.dirname, '..');
export const CORE_BUNDLE = join(REPO_ROOT, 'core', 'dist', 'shiplog.mjs');
/** The npm package whose exact version the orb pins; its tarball holds dist/shiplog.mjs. */
export const CORE_PACKAGE = '@shiplog/core';
export const RESULT_DIR = '/tmp/shiplog-results';
export const DEFAULT_REGISTRY = 'https://registry.npmjs.org';

export interface BundlePin {
  version: string;
  sha256: string;
}

export function readPin(bundleFile = CORE_BUNDLE): BundlePin {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'core', 'package.json'), 'utf8')) as { name: string; version: string };
  if (pkg.name !== CORE_PACKAGE) throw new Error(`core/package.json is ${pkg.name}, the orb downloads ${CORE_PACKAGE}`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(bundleFile);
  } catch {
    throw new Error(`${bundleFile} is missing: build the core first (npm run build -w core)`);
  }
  return { version: pkg.version, sha256: createHash('sha256').update(bytes).digest('hex') };
}

const SUMMARIES: Record<OperationName, string> = {
  'version-update':
    'Record a new component version (from component.toml, git and the CircleCI build facts) and the application version that contains it.',
  move: 'Move an application version to the next (or a named) pipeline stage; gated stages need an approval.',
  approve: 'Approve (or reject with reject: true) an application version for a stage.',
  deploy:
    'Deploy an application version to an environment: run `command` (its log streams into this step) or record a deployment an earlier step ran (`exit_code`, `log_file`).',
  envscript:
    'Write the component\'s derived variables (git facts, [Export] keys) as `export` lines, appended to $BASH_ENV by default so later steps of the job see them.',
};

/**
 * What each job does beyond its command. The envscript job has no step of the user's after the command, so what
 * it appends to $BASH_ENV reaches nothing: its description says where the variables do go.
 */
function jobDescription(op: OperationName): string {
  const stored = `Runs the \`${op}\` command and stores its JSON result as a build artifact (shiplog/${op}.json).`;
  if (op !== 'envscript') return `${SUMMARIES[op]} ${stored}`;
  return (
    "Derive the component's variables (git facts, [Export] keys) and store them as the build artifact shiplog/envscript.json " +
    '(`variables`, and the script text as `script`). No step of yours sees them: the job has no later steps, so what it ' +
    'appends to $BASH_ENV (or writes to `output`) ends with it. To export the variables to later steps, use the ' +
    '`envscript` command inside your own job.'
  );
}

/** Orb-only parameters (not in the input table): how the bundle is fetched and where the step runs. */
export function deliveryParameters(pin: BundlePin): Record<string, OrbParameter> {
  return {
    registry: {
      type: 'string',
      description: `npm registry (or mirror) to download ${CORE_PACKAGE}@${pin.version} from; the bundle is verified against the SHA-256 pinned in this orb whatever the source.`,
      default: DEFAULT_REGISTRY,
    },
    bundle_file: {
      type: 'string',
      description: 'Path of a shiplog.mjs already in the job (vendored, or from a workspace). Used instead of downloading; still checksum-verified. Empty: download.',
      default: '',
    },
  };
}

const STEP_PARAMETERS: Record<string, OrbParameter> = {
  working_directory: {
    type: 'string',
    description: 'Directory the step runs in (component.toml, shiplog.toml, the state dir and git are looked up there).',
    default: '.',
  },
};

const DEFER_PARAMETER: OrbParameter = {
  type: 'boolean',
  description: 'Exit 0 and leave the exit code in the results directory for a later `exit-status` step (the jobs use this so the JSON result is stored as an artifact even when the operation fails).',
  default: false,
};

const JOB_PARAMETERS: Record<string, OrbParameter> = {
  executor: {
    type: 'executor',
    description: 'Executor to run in: any image with node 20+, bash and tar.',
    default: 'default',
  },
  checkout: {
    type: 'boolean',
    description: 'Check out the project first (component.toml, shiplog.toml and git facts come from it).',
    default: true,
  },
};

const ref = (name: string) => `<< parameters.${name} >>`;

export function installCommand(pin: BundlePin): Record<string, unknown> {
  const params = deliveryParameters(pin);
  return {
    description: `Install the shiplog CLI bundle this orb is pinned to (${CORE_PACKAGE}@${pin.version}, SHA-256 verified) once per job. The operation commands call it themselves.`,
    parameters: params,
    steps: [
      {
        run: {
          name: `Install shiplog ${pin.version}`,
          environment: {
            SHIPLOG_VERSION: pin.version,
            SHIPLOG_SHA256: pin.sha256,
            SHIPLOG_REGISTRY: ref('registry'),
            SHIPLOG_BUNDLE_FILE: ref('bundle_file'),
          },
          command: '<<include(scripts/install.sh)>>',
        },
      },
    ],
  };
}

export function operationCommand(op: OperationName, pin: BundlePin): Record<string, unknown> {
  const table = orbParameters(op);
  const environment: Record<string, string> = { SHIPLOG_OPERATION: op, SHIPLOG_VERSION: pin.version };
  for (const input of tableInputs(op)) environment[channelVariable(input)] = ref(orbParameterName(input.name));
  environment.SHIPLOG_DEFER_EXIT = ref('defer_exit');
  return {
    description: SUMMARIES[op],
    parameters: { ...table, ...deliveryParameters(pin), ...STEP_PARAMETERS, defer_exit: DEFER_PARAMETER },
    steps: [
      { install: { registry: ref('registry'), bundle_file: ref('bundle_file') } },
      {
        run: {
          name: `shiplog ${op}`,
          working_directory: ref('working_directory'),
          environment,
          command: '<<include(scripts/run.sh)>>',
        },
      },
    ],
  };
}

export function operationJob(op: OperationName, pin: BundlePin): Record<string, unknown> {
  const commandParams = { ...orbParameters(op), ...deliveryParameters(pin), ...STEP_PARAMETERS };
  const pass: Record<string, unknown> = {};
  for (const name of Object.keys(commandParams)) pass[name] = ref(name);
  pass.defer_exit = true;
  return {
    description: jobDescription(op),
    executor: ref('executor'),
    parameters: { ...commandParams, ...JOB_PARAMETERS },
    steps: [
      { when: { condition: ref('checkout'), steps: ['checkout'] } },
      { [op]: pass },
      { store_artifacts: { path: RESULT_DIR, destination: 'shiplog' } },
      { 'exit-status': {} },
    ],
  };
}

export function exitStatusCommand(): Record<string, unknown> {
  return {
    description: 'Fail the job with the exit code an earlier operation left behind with defer_exit (the jobs end with it).',
    steps: [{ run: { name: 'shiplog exit status', command: '<<include(scripts/exit-status.sh)>>' } }],
  };
}

/** Every generated source file: path relative to src/ -> YAML document object. */
export function generatedSources(pin: BundlePin): Map<string, Record<string, unknown>> {
  const files = new Map<string, Record<string, unknown>>();
  files.set('commands/install.yml', installCommand(pin));
  files.set('commands/exit-status.yml', exitStatusCommand());
  for (const op of OPERATIONS) {
    files.set(`commands/${op}.yml`, operationCommand(op, pin));
    files.set(`jobs/${op}.yml`, operationJob(op, pin));
  }
  return files;
}

export const GENERATED_HEADER = '# Generated from core/src/inputs.ts and the pin of core/dist/shiplog.mjs by scripts/build.ts: do not edit.\n';

/** Generated source files: absolute path -> expected text. */
export function expectedFiles(orbRoot = ORB_ROOT): Map<string, string> {
  const pin = readPin();
  const files = new Map<string, string>();
  for (const [rel, doc] of generatedSources(pin)) files.set(join(orbRoot, 'src', rel), GENERATED_HEADER + toYaml(doc));
  return files;
}

