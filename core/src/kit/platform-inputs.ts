/**
 * The part of the input table only one platform has: inputs that drive a platform integration (a GitHub
 * Deployment, Jenkins credentials bindings, how the orb fetches the CLI bundle) and never reach execute().
 * Same shape as INPUTS (core/src/inputs.ts), with `platform` set; kit/exposure.ts reads both.
 */
import { ADAPTER_COMMANDS, COMMANDS, type CommandName, type InputSpec } from '../inputs.js';

const ALL: readonly CommandName[] = COMMANDS;

export const PLATFORM_INPUTS: readonly InputSpec[] = [
  // --- GitHub Actions ----------------------------------------------------------------------------------
  {
    name: 'github-token',
    platform: 'github',
    type: 'string',
    secret: true,
    description:
      "deploy: token used to create a GitHub Deployment for `env` and post its statuses (in_progress, then success or failure); pass the workflow's `github.token` and grant the job `permissions: deployments: write`. Empty: no GitHub Deployment. approve with platform-gate: token that reads this run's approvals (`permissions: actions: read`).",
    commands: ['deploy', 'approve'],
  },
  {
    name: 'environment-url',
    platform: 'github',
    type: 'string',
    description: 'URL of the deployed environment, set on the GitHub Deployment status (with `github-token`).',
    commands: ['deploy'],
  },
  {
    name: 'transient-environment',
    platform: 'github',
    type: 'boolean',
    description: "Mark the GitHub Deployment's environment as transient (e.g. a review app that is destroyed later). true or false.",
    commands: ['deploy'],
    default: 'false',
  },
  {
    name: 'export-env',
    platform: 'github',
    type: 'boolean',
    description:
      'Also export the variables into `GITHUB_ENV` (multiline-safe) so later steps of the job see them; sets `format` to `github`, leave `output` empty. true or false.',
    commands: ['envscript'],
    default: 'false',
  },
  // --- Jenkins -----------------------------------------------------------------------------------------
  {
    name: 'credentials-id',
    platform: 'jenkins',
    type: 'string',
    description:
      'Jenkins "Username with password" credentials for the Ortelius server: bound with withCredentials into DHUSER/DHPASS, never interpolated into a script.',
    commands: ALL,
    expose: { jenkins: { binds: { kind: 'usernamePassword', usernameVariable: 'DHUSER', passwordVariable: 'DHPASS' } } },
  },
  {
    name: 'store-credentials-id',
    platform: 'jenkins',
    type: 'string',
    description:
      'Jenkins "Username with password" credentials whose password (a token, or the PostgreSQL password) is bound with withCredentials into SHIPLOG_STORE_PASSWORD for the store; the user name goes in the store URL when the server needs one.',
    commands: ALL,
    expose: {
      jenkins: { binds: { kind: 'usernamePassword', usernameVariable: 'SHIPLOG_STORE_USER', passwordVariable: 'SHIPLOG_STORE_PASSWORD' } },
    },
  },
  {
    name: 'store-ssh-credentials-id',
    platform: 'jenkins',
    type: 'string',
    description:
      'Jenkins "SSH Username with private key" credentials for a git+ssh:// store: the key file is bound with withCredentials and handed to git through GIT_SSH_COMMAND.',
    commands: ALL,
    expose: { jenkins: { binds: { kind: 'sshUserPrivateKey', keyFileVariable: 'SHIPLOG_STORE_SSH_KEY' } } },
  },
  {
    name: 'jenkins-credentials-id',
    platform: 'jenkins',
    type: 'string',
    description:
      'shiplogDeploy only: Jenkins "Username with password" credentials (user + API token) used to attach this build\'s console log, causes and change sets to a record-only deployment.',
    commands: ['deploy'],
    expose: {
      jenkins: { binds: { kind: 'usernamePassword', usernameVariable: 'SHIPLOG_JENKINS_USER', passwordVariable: 'SHIPLOG_JENKINS_TOKEN' } },
    },
  },
  {
    name: 'gate-message',
    platform: 'jenkins',
    type: 'string',
    description:
      'shiplogApprove with platformGate: the message of the `input` step the library runs first (input(message, submitter, submitterParameter)); whoever submits it is recorded as the approver (verified:jenkins). Aborting the input aborts the build; nothing is stored.',
    commands: ['approve'],
  },
  {
    name: 'gate-submitters',
    platform: 'jenkins',
    type: 'string',
    description:
      "shiplogApprove with platformGate: the input step's `submitter` (comma-separated user ids or groups allowed to submit). Empty: anyone who may build the job.",
    commands: ['approve'],
  },
  {
    name: 'fail-on-error',
    platform: 'jenkins',
    type: 'boolean',
    default: 'true',
    description: 'Fail the build (error step) when shiplog exits non-zero; false returns the result Map with ok=false.',
    commands: ALL,
  },
  {
    name: 'node-binary',
    platform: 'jenkins',
    type: 'string',
    default: 'node',
    description: 'Node.js 20+ executable on the agent.',
    commands: ALL,
  },
  // --- CircleCI ----------------------------------------------------------------------------------------
  {
    name: 'registry',
    platform: 'circleci',
    type: 'string',
    default: 'https://registry.npmjs.org',
    // {package} and {version} are the pinned @shiplog/core (filled in when the orb is generated).
    description:
      'npm registry (or mirror) to download {package}@{version} from; the bundle is verified against the SHA-256 pinned in this orb whatever the source.',
    commands: ADAPTER_COMMANDS,
  },
  {
    name: 'bundle-file',
    platform: 'circleci',
    type: 'string',
    default: '',
    description:
      'Path of a shiplog.mjs already in the job (vendored, or from a workspace). Used instead of downloading; still checksum-verified. Empty: download.',
    commands: ADAPTER_COMMANDS,
  },
  {
    name: 'working-directory',
    platform: 'circleci',
    type: 'string',
    default: '.',
    description: 'Directory the step runs in (component.toml, shiplog.toml, the state dir and git are looked up there).',
    commands: ADAPTER_COMMANDS,
  },
  {
    name: 'defer-exit',
    platform: 'circleci',
    type: 'boolean',
    default: 'false',
    description:
      'Exit 0 and leave the exit code in the results directory for a later `exit-status` step (the jobs use this so the JSON result is stored as an artifact even when the operation fails).',
    commands: ADAPTER_COMMANDS,
    expose: { circleci: { scope: 'command' } },
  },
  {
    name: 'executor',
    platform: 'circleci',
    type: 'string',
    default: 'default',
    description: 'Executor to run in: any image with node 20+, bash and tar.',
    commands: ADAPTER_COMMANDS,
    expose: { circleci: { scope: 'job', type: 'executor' } },
  },
  {
    name: 'checkout',
    platform: 'circleci',
    type: 'boolean',
    default: 'true',
    description: 'Check out the project first (component.toml, shiplog.toml and git facts come from it).',
    commands: ADAPTER_COMMANDS,
    expose: { circleci: { scope: 'job' } },
  },
];
