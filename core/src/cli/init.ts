/**
 * `shiplog init`: sets a repository up for shiplog. Detects the CI platform (from its files, else from the
 * environment, or `--platform`), then writes a commented shiplog.toml (the pipeline), a component.toml (the
 * service) and the pipeline snippet for that platform, and adds `.shiplog/` to .gitignore. Refuses (exit 2,
 * nothing written) when a file it would write exists, unless `--force`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '../host.js';
import { ADAPTER_REFS } from './adapter-refs.js';

export const PLATFORMS = ['github', 'circleci', 'buildkite', 'jenkins'] as const;
export type InitPlatform = (typeof PLATFORMS)[number] | 'none';

export interface InitOptions {
  cwd: string;
  env: Env;
  platform?: string;
  componentName?: string;
  application?: string;
  force: boolean;
}

export interface InitResult {
  platform: InitPlatform;
  /** How the platform was found: `flag`, `files` (which), `environment` (which variable), or `none`. */
  detectedBy: string;
  written: string[];
  gitignore: 'added' | 'present';
}

export class InitRefused extends Error {}

/** The platform of the repository at `cwd`: its CI files first, then the CI environment it runs in. */
export function detectPlatform(cwd: string, env: Env): { platform: InitPlatform; by: string } {
  const files: [string, InitPlatform][] = [
    ['.github/workflows', 'github'],
    ['.circleci/config.yml', 'circleci'],
    ['.buildkite', 'buildkite'],
    ['Jenkinsfile', 'jenkins'],
  ];
  for (const [f, p] of files) if (existsSync(path.join(cwd, f))) return { platform: p, by: `files (${f})` };
  const vars: [string, InitPlatform][] = [
    ['GITHUB_ACTIONS', 'github'],
    ['CIRCLECI', 'circleci'],
    ['BUILDKITE', 'buildkite'],
    ['JENKINS_URL', 'jenkins'],
  ];
  for (const [v, p] of vars) if (env[v]) return { platform: p, by: `environment (${v})` };
  return { platform: 'none', by: 'none' };
}

const PLACEHOLDER_COMPONENT = 'GLOBAL.MyOrg.MyProject.my-service';
const PLACEHOLDER_APP = 'GLOBAL.MyOrg.MyProject.my-app';

function shiplogToml(): string {
  return `# shiplog pipeline config (docs/cli.md, "Pipeline config"; docs/store.md).
# Application versions start in the first stage and move stage by stage; a stage with
# approval = true needs \`shiplog approve --stage <name>\` before \`shiplog move --to <name>\`.

# Where state is kept. The default is the .shiplog/ directory of this checkout (ignored by git);
# to share it between CI runners without another secret, keep it in this repository:
# [store]
# url = "git+origin"

[[stage]]
name = "dev"
environments = ["dev"]

[[stage]]
name = "qa"
environments = ["qa"]

[[stage]]
name = "prod"
approval = true
environments = ["prod"]
`;
}

function componentToml(name: string, app: string): string {
  const todo =
    name === PLACEHOLDER_COMPONENT || app === PLACEHOLDER_APP
      ? '# TODO: replace the placeholder names below (shiplog init --component-name ... --application ...).\n'
      : '';
  return `# This service as a shiplog component (docs/component-toml.md).
${todo}# Name: the full component name with its domain. Never derived from the repository name.
Name = "${name}"
# The application whose new version holds this component's new version.
Application = "${app}"
# Variant and Version default to the git branch and to v<major>.<minor>.<patch> + the commit.
# Variant = "\${GIT_BRANCH}"
# Version = "v1.0.\${BUILDNUM}"

[Attributes]
# Stored on the component version, e.g.:
# DockerRepo = "ghcr.io/myorg/my-service"

[Export]
# Written by \`shiplog envscript\` for later steps, e.g.:
# IMAGE_TAG = "\${SHORT_SHA}"
`;
}

function snippet(platform: InitPlatform, app: string): { file: string; text: string } | undefined {
  switch (platform) {
    case 'github':
      return {
        file: '.github/workflows/shiplog.yml',
        text: `# shiplog: record each build and deploy it to dev (adapters/github-action/README.md).
name: release
on:
  push:
    branches: [main]
permissions:
  contents: write # only for the git+origin store
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: ${ADAPTER_REFS.githubAction('version-update')}
      - uses: ${ADAPTER_REFS.githubAction('deploy')}
        with:
          application: ${app}
          env: dev
          command: ./deploy.sh dev
`,
      };
    case 'circleci':
      return {
        file: '.circleci/shiplog.yml',
        text: `# shiplog for CircleCI: merge this into .circleci/config.yml (adapters/circleci-orb/README.md).
version: 2.1
orbs:
  shiplog: ${ADAPTER_REFS.orb()}
workflows:
  release:
    jobs:
      - shiplog/version-update
      - shiplog/deploy:
          application: ${app}
          env: dev
          requires: [shiplog/version-update]
`,
      };
    case 'buildkite':
      return {
        file: '.buildkite/shiplog.yml',
        text: `# shiplog for Buildkite: add these steps to your pipeline (adapters/buildkite-plugin/README.md).
steps:
  - label: record the build
    plugins:
      - ${ADAPTER_REFS.buildkitePlugin()}:
          operation: version-update
  - wait
  - label: deploy to dev
    command: ./deploy.sh dev
    plugins:
      - ${ADAPTER_REFS.buildkitePlugin()}:
          operation: deploy
          application: ${app}
          env: dev
`,
      };
    case 'jenkins':
      return {
        file: 'Jenkinsfile.shiplog',
        text: `// shiplog for Jenkins: merge this into your Jenkinsfile (adapters/jenkins/README.md).
@Library('${ADAPTER_REFS.jenkinsLibrary()}') _
pipeline {
  agent any
  stages {
    stage('record') { steps { shiplogVersionUpdate() } }
    stage('deploy dev') {
      steps { shiplogDeploy application: '${app}', env: 'dev', command: './deploy.sh dev' }
    }
  }
}
`,
      };
    default:
      return undefined;
  }
}

/** Plans and writes the files; throws InitRefused (nothing written) on a bad platform or an existing file. */
export function runInit(o: InitOptions): InitResult {
  let platform: InitPlatform;
  let by: string;
  if (o.platform !== undefined) {
    if (!(PLATFORMS as readonly string[]).includes(o.platform) && o.platform !== 'none') {
      throw new InitRefused(`--platform must be one of ${PLATFORMS.join(', ')}, none (got ${JSON.stringify(o.platform)})`);
    }
    platform = o.platform as InitPlatform;
    by = 'flag';
  } else {
    ({ platform, by } = detectPlatform(o.cwd, o.env));
  }
  const app = o.application ?? PLACEHOLDER_APP;
  const files: { file: string; text: string }[] = [
    { file: 'shiplog.toml', text: shiplogToml() },
    { file: 'component.toml', text: componentToml(o.componentName ?? PLACEHOLDER_COMPONENT, app) },
  ];
  const snip = snippet(platform, app);
  if (snip) files.push(snip);
  const existing = files.filter((f) => existsSync(path.join(o.cwd, f.file))).map((f) => f.file);
  if (existing.length > 0 && !o.force) {
    throw new InitRefused(`${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}: nothing written (--force overwrites)`);
  }
  for (const f of files) {
    const full = path.join(o.cwd, f.file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, f.text);
  }
  const ignore = path.join(o.cwd, '.gitignore');
  const current = existsSync(ignore) ? readFileSync(ignore, 'utf8') : '';
  const present = current.split(/\r?\n/).some((l) => /^\/?\.shiplog\/?$/.test(l.trim()));
  if (!present) writeFileSync(ignore, `${current}${current === '' || current.endsWith('\n') ? '' : '\n'}.shiplog/\n`);
  return { platform, detectedBy: by, written: files.map((f) => f.file), gitignore: present ? 'present' : 'added' };
}
