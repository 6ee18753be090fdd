/**
 * Generates the orb's commands and jobs (src/commands/*.yml, src/jobs/*.yml) from the input table and the pin of
 * the core bundle. Hand-written parts of the source: src/@orb.yml, src/executors/, src/scripts/, src/examples/.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ADAPTER_COMMANDS, REPORT_HTML_FILE, REPORTING_COMMANDS, type AdapterCommandName } from '@shiplog/core';
import { packOrbText, toYaml } from './orb-pack.js';
import { channelVariable, orbOwnParams, orbParameter, orbParameters, tableParams, type OrbParameter } from './orb-parameters.js';

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
    throw new Error(`${bundleFile} is missing: build the core first (npm run build)`);
  }
  return { version: pkg.version, sha256: createHash('sha256').update(bytes).digest('hex') };
}

const SUMMARIES: Record<AdapterCommandName, string> = {
  'version-update':
    'Record a new component version (from component.toml, git and the CircleCI build facts) and the application version that contains it.',
  move: 'Move an application version to the next (or a named) pipeline stage; gated stages need an approval.',
  approve: 'Approve (or reject with reject: true) an application version for a stage.',
  deploy:
    'Deploy an application version to an environment: run `command` (its log streams into this step) or record a deployment an earlier step ran (`exit_code`, `log_file`).',
  envscript:
    "Write the component's derived variables (git facts, [Export] keys) as `export` lines, appended to $BASH_ENV by default so later steps of the job see them.",
  plan: 'Compare what runs where with intent.toml: the plan table and its dependency waves in the step output; fails on changes unless pass_on_changes is true.',
  apply:
    'Make the environments match intent.toml: deploy wave by wave under a lease per environment, each deployment between banner lines in the step output.',
};

/**
 * What each job does beyond its command. The envscript job has no step of the user's after the command, so what
 * it appends to $BASH_ENV reaches nothing: its description says where the variables do go.
 */
function jobDescription(op: AdapterCommandName): string {
  const stored = `Runs the \`${op}\` command and stores its JSON result as a build artifact (shiplog/${op}.json).`;
  if (op !== 'envscript') return `${SUMMARIES[op]} ${stored}`;
  return (
    "Derive the component's variables (git facts, [Export] keys) and store them as the build artifact shiplog/envscript.json " +
    '(`variables`, and the script text as `script`). No step of yours sees them: the job has no later steps, so what it ' +
    'appends to $BASH_ENV (or writes to `output`) ends with it. To export the variables to later steps, use the ' +
    '`envscript` command inside your own job.'
  );
}

/** The orb's own parameters (from the table's CircleCI inputs): how the bundle is fetched, where the step runs, the job's shape. */
function ownParameters(op: AdapterCommandName, scope: 'command' | 'job', pin: BundlePin, names?: string[]): Record<string, OrbParameter> {
  const fill = (t: string) => t.replace('{package}', CORE_PACKAGE).replace('{version}', pin.version);
  const out: Record<string, OrbParameter> = {};
  for (const p of orbOwnParams(op, scope)) if (!names || names.includes(p.name)) out[p.name] = orbParameter(p, fill);
  return out;
}

/** How the bundle is fetched (the install command and every operation). */
export function deliveryParameters(pin: BundlePin): Record<string, OrbParameter> {
  return ownParameters('deploy', 'command', pin, ['registry', 'bundle_file']);
}

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

export function operationCommand(op: AdapterCommandName, pin: BundlePin): Record<string, unknown> {
  const table = orbParameters(op);
  const environment: Record<string, string> = { SHIPLOG_OPERATION: op, SHIPLOG_VERSION: pin.version };
  for (const p of tableParams(op)) environment[channelVariable(p)] = ref(p.name);
  environment.SHIPLOG_DEFER_EXIT = ref('defer_exit');
  return {
    description: SUMMARIES[op],
    parameters: { ...table, ...ownParameters(op, 'command', pin) },
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

/**
 * `report: true` (kit/report-publishing.ts): the page the core wrote in the working directory, kept as the
 * job's `shiplog/report.html` artifact, after a failed operation too (the job defers the exit).
 */
function reportSteps(op: AdapterCommandName): Record<string, unknown>[] {
  if (!(REPORTING_COMMANDS as readonly string[]).includes(op)) return [];
  const path = `${ref('working_directory')}/${REPORT_HTML_FILE}`;
  return [{ when: { condition: ref('report'), steps: [{ store_artifacts: { path, destination: 'shiplog/report.html' } }] } }];
}

export function operationJob(op: AdapterCommandName, pin: BundlePin): Record<string, unknown> {
  const commandParams = { ...orbParameters(op), ...ownParameters(op, 'command', pin) };
  delete commandParams.defer_exit;
  const pass: Record<string, unknown> = {};
  for (const name of Object.keys(commandParams)) pass[name] = ref(name);
  pass.defer_exit = true;
  return {
    description: jobDescription(op),
    executor: ref('executor'),
    parameters: { ...commandParams, ...ownParameters(op, 'job', pin) },
    steps: [
      { when: { condition: ref('checkout'), steps: ['checkout'] } },
      { [op]: pass },
      ...reportSteps(op),
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
  for (const op of ADAPTER_COMMANDS) {
    files.set(`commands/${op}.yml`, operationCommand(op, pin));
    files.set(`jobs/${op}.yml`, operationJob(op, pin));
  }
  return files;
}

export const GENERATED_HEADER =
  '# Generated from core/src/inputs.ts and the pin of core/dist/shiplog.mjs by `npm run build`: do not edit (not committed).\n';

/** Generated source files: absolute path -> expected text. */
export function expectedFiles(orbRoot = ORB_ROOT): Map<string, string> {
  const pin = readPin();
  const files = new Map<string, string>();
  for (const [rel, doc] of generatedSources(pin)) files.set(join(orbRoot, 'src', rel), GENERATED_HEADER + toYaml(doc));
  return files;
}

/**
 * The orb's generated files for the repository's build (scripts/build.ts): the generated commands and jobs and the
 * packed orb.yml. Not committed: CircleCI reads an orb from its registry, never from this repository, so the
 * release step (`npm pack`/`circleci orb publish`) builds them; tests build them too.
 */
export function circleciOrbFiles(): { path: string; content: string; committed: boolean }[] {
  const files = [...expectedFiles()].map(([path, content]) => ({ path, content, committed: false }));
  const tmp = mkdtempSync(join(tmpdir(), 'shiplog-orb-'));
  try {
    cpSync(join(ORB_ROOT, 'src'), join(tmp, 'src'), { recursive: true });
    // A clean clone has no src/commands or src/jobs (they are generated, not committed).
    for (const [path, text] of expectedFiles(tmp)) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    files.push({ path: join(ORB_ROOT, 'orb.yml'), content: packOrbText(join(tmp, 'src')), committed: false });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return files;
}
