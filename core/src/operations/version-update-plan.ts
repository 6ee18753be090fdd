/**
 * The reading and checking half of version-update: component.toml (or git), flags, attributes, SBOM files
 * and the application. Every problem is collected and reported in one InvalidInputError before anything
 * is written.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Backend, ComponentVersionSpec } from '../backend/backend.js';
import { InvalidInputError } from '../errors.js';
import { resolveAttributes, derivedSources } from '../attributes.js';
import { buildVariables } from '../build-variables.js';
import { componentFromGit, readComponentToml } from '../component-toml.js';
import { readGitFacts } from '../git-facts.js';
import {
  applicationBaseName,
  applicationParts,
  autoIncrementVersion,
  componentBaseName,
  componentParts,
  type ComponentNameParts,
} from '../naming.js';
import type { OperationContext } from './context.js';

export const SBOM_TYPES = ['cyclonedx', 'spdx'] as const;
export type SbomType = (typeof SBOM_TYPES)[number];
export interface SbomArg {
  type: SbomType;
  file: string;
}

/** Parses `TYPE@FILE`; pushes a problem when malformed or of an unknown type. */
export function parseSbomArg(arg: string, problems: string[]): SbomArg | undefined {
  const i = arg.indexOf('@');
  if (i <= 0 || i === arg.length - 1) {
    problems.push(`--sbom must be TYPE@FILE, e.g. cyclonedx@bom.json (got "${arg}")`);
    return undefined;
  }
  const type = arg.slice(0, i).trim().toLowerCase();
  if (!(SBOM_TYPES as readonly string[]).includes(type)) {
    problems.push(`--sbom type "${arg.slice(0, i)}" is not one of ${SBOM_TYPES.join(', ')}`);
    return undefined;
  }
  return { type: type as SbomType, file: arg.slice(i + 1).trim() };
}

export interface ComponentPlanInput {
  toml: string;
  /** The toml path was named explicitly (not the default ./component.toml): a missing file is an error. */
  tomlExplicit?: boolean;
  name?: string;
  variant?: string;
  version?: string;
  autoIncrement: boolean;
  sboms: SbomArg[];
  application?: string;
  appVersion?: string;
  environment?: string;
  /** dh's COMPONENT_NAME_n: Application/Application_Version of component.toml belong to the main component only. */
  ownApplicationOnly?: boolean;
}

export interface ComponentPlan {
  parts: ComponentNameParts;
  /** Full base name `domain.short[;variant]`. */
  base: string;
  /** Set with --auto-increment: computes the version from the versions already under the base. */
  autoIncrement?: (backend: Backend) => Promise<string>;
  attributes: Record<string, string>;
  /** attributes.DockerBuildDate is the clock's, not given: an existing version keeps its own. */
  clockBuildDate: boolean;
  files?: ComponentVersionSpec['files'];
  sboms: { type: SbomType; content: string }[];
  app?: { application: string; version?: string };
  environment?: string;
  /** Where `environment` came from: the `env` input (flag, DEPLOY_ENV), or DeployEnv in component.toml. */
  environmentFrom?: 'input' | 'toml';
  /** component.toml that was read, if any. */
  tomlFile?: string;
}

function tomlString(values: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = values?.[key];
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

export async function resolveComponentPlan(
  ctx: OperationContext,
  req: ComponentPlanInput,
  flagAttributes: Record<string, string>,
): Promise<ComponentPlan> {
  const host = ctx.host;
  const now = host.now();
  const git = await readGitFacts(host, host.cwd);
  const ci = ctx.ci();
  const envVars: Record<string, string> = {};
  // An empty variable (GIT_BRANCH="") must not hide the value derived from git.
  for (const [k, v] of Object.entries(host.env)) if (v !== undefined && v !== '') envVars[k] = v;
  const vars = { ...buildVariables({ env: host.env, git, ci, now, cwd: host.cwd }), ...envVars };
  const tomlPath = path.resolve(host.cwd, req.toml);
  const toml = await readComponentToml(host, { path: tomlPath, vars });
  const values = toml?.values as Record<string, unknown> | undefined;
  // Only the default component.toml may be absent: a path named with --toml that does not exist is a typo, not
  // a request to name the component from git.
  const missingToml = !toml && req.tomlExplicit === true;
  // The build variables already prefer the CI provider's branch (agents check out a detached HEAD).
  const fromGit =
    toml || missingToml
      ? {}
      : componentFromGit({
          ...git,
          branch: vars.GIT_BRANCH || git.branch,
          org: git.org ?? vars.GIT_ORG,
          repoProject: git.repoProject ?? vars.GIT_REPO_PROJECT,
        });
  if (!toml && !missingToml) {
    const fromFlags = req.name !== undefined && (req.version !== undefined || req.autoIncrement);
    host.log.info(fromFlags ? `${req.toml} not found; using the flags` : `${req.toml} not found; naming the component from git`);
  }

  const problems: string[] = [];
  if (missingToml) problems.push(`--toml ${req.toml}: no such file (${tomlPath})`);
  const name = req.name ?? tomlString(values, 'Name') ?? fromGit.Name;
  // A name that carries its version (`cart;v1.0`) or variant and version (`cart;main;v1.0`) keeps them over what
  // git would give: git only fills the parts the flags, component.toml and the name leave open.
  const carried = name?.split(';').length ?? 0;
  const variant = req.variant ?? tomlString(values, 'Variant') ?? (carried >= 3 ? undefined : fromGit.Variant);
  const requested = req.version ?? tomlString(values, 'Version') ?? (carried >= 2 ? undefined : fromGit.Version);
  let parts: ComponentNameParts | undefined;
  if (name === undefined) {
    // With the named file missing, "no name" is only its consequence: the missing file is the one problem.
    if (!missingToml)
      problems.push(
        toml
          ? `no component name: ${toml.file} has no Name and --component-name is not given`
          : 'no component name: give --component-name, or a component.toml with Name (git gave none)',
      );
  } else {
    try {
      parts = componentParts(name, variant, requested);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  if (parts && !parts.version && !req.autoIncrement && !missingToml) {
    problems.push('no component version: give --component-version, Version in component.toml, or --auto-increment true');
  }

  const application = req.ownApplicationOnly ? req.application : (req.application ?? tomlString(values, 'Application'));
  const appVersion = req.ownApplicationOnly ? req.appVersion : (req.appVersion ?? tomlString(values, 'Application_Version'));
  let app: ComponentPlan['app'];
  if (application !== undefined) {
    try {
      const p = applicationParts(application, appVersion);
      app = { application: applicationBaseName(p), ...(p.version ? { version: p.version } : {}) };
    } catch (err) {
      problems.push((err as Error).message);
    }
  } else if (appVersion !== undefined) {
    problems.push('an application version is given but no application (--application or Application in component.toml)');
  }

  const sboms: ComponentPlan['sboms'] = [];
  for (const s of req.sboms) {
    const file = path.resolve(host.cwd, s.file);
    try {
      sboms.push({ type: s.type, content: await readFile(file, 'utf8') });
    } catch (err) {
      problems.push(`cannot read SBOM ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  if (problems.length > 0) {
    throw InvalidInputError.of(
      problems,
      missingToml
        ? 'check the path; without --toml, ./component.toml is read when present, else the component is named from the flags or git'
        : undefined,
    );
  }

  const derived = derivedSources({ env: host.env, vars, ci, now });
  const resolved = await resolveAttributes(host, { toml: toml?.attributes ?? {}, derived, flags: flagAttributes });
  const attributes = resolved.attributes;
  // DockerBuildDate derived from the clock (not given by flag, component.toml or env) marks when the version was
  // first recorded: a re-run of the same build must not move it.
  const clockBuildDate =
    flagAttributes.DockerBuildDate === undefined &&
    toml?.attributes.DockerBuildDate === undefined &&
    attributes.DockerBuildDate === derived.DockerBuildDate;
  const files: NonNullable<ComponentVersionSpec['files']> = {};
  for (const kind of ['readme', 'license', 'swagger'] as const) {
    const text = resolved.files[kind];
    if (text !== undefined) files[kind] = text;
  }
  const p = parts!;
  const base = componentBaseName(p);
  const environment = req.environment ?? tomlString(values, 'DeployEnv');
  return {
    parts: p,
    base,
    ...(req.autoIncrement
      ? {
          autoIncrement: async (backend: Backend) => {
            // The existing versions only matter without a requested schema or a commit count: skip the
            // listing (one call per version on a remote backend) when both are known.
            const needed = p.version === undefined || git.commitCount === undefined;
            const list = needed ? await backend.listComponentVersions(base) : [];
            const existing = list.map((v) => v.version);
            const next = autoIncrementVersion({ requested: p.version, existing, commitCount: git.commitCount, sha: git.shortSha });
            // Outside git nothing numbers the build: an identical re-run (the newest version of the same schema
            // carries this run's attributes) reuses that version instead of making the next one.
            const last = list[list.length - 1];
            if (git.commitCount === undefined && last && sameSchema(last.version, next) && sameBuild(last.attributes, attributes))
              return last.version;
            return next;
          },
        }
      : {}),
    attributes,
    clockBuildDate,
    ...(Object.keys(files).length > 0 ? { files } : {}),
    sboms,
    ...(app ? { app } : {}),
    ...(environment ? { environment, environmentFrom: req.environment !== undefined ? ('input' as const) : ('toml' as const) } : {}),
    ...(toml ? { tomlFile: toml.file } : {}),
  };
}

/** `v1_0_0_7` and `v1_0_0_8` (or with `_g<sha>`): the same schema, another build number. */
function sameSchema(a: string, b: string): boolean {
  const schema = (v: string) => v.replace(/_g[0-9a-f]{4,40}$/i, '').replace(/_\d+$/, '');
  return schema(a) === schema(b);
}

/** Every attribute of this run but the clock's DockerBuildDate is already on the version, with the same value. */
function sameBuild(stored: Record<string, string>, now: Record<string, string>): boolean {
  return Object.entries(now).every(([k, v]) => k === 'DockerBuildDate' || stored[k] === v);
}
