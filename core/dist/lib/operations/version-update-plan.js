/**
 * The reading and checking half of version-update: component.toml (or git), flags, attributes, SBOM files
 * and the application. Every problem is collected and reported in one InvalidInputError before anything
 * is written.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError } from '../errors.js';
import { resolveAttributes, derivedAttributes } from '../attributes.js';
import { buildVariables } from '../build-variables.js';
import { componentFromGit, readComponentToml } from '../component-toml.js';
import { readGitFacts } from '../git-facts.js';
import { applicationBaseName, applicationParts, autoIncrementVersion, componentBaseName, componentParts, } from '../naming.js';
export const SBOM_TYPES = ['cyclonedx', 'spdx'];
/** Parses `TYPE@FILE`; pushes a problem when malformed or of an unknown type. */
export function parseSbomArg(arg, problems) {
    const i = arg.indexOf('@');
    if (i <= 0 || i === arg.length - 1) {
        problems.push(`--sbom must be TYPE@FILE, e.g. cyclonedx@bom.json (got "${arg}")`);
        return undefined;
    }
    const type = arg.slice(0, i).trim().toLowerCase();
    if (!SBOM_TYPES.includes(type)) {
        problems.push(`--sbom type "${arg.slice(0, i)}" is not one of ${SBOM_TYPES.join(', ')}`);
        return undefined;
    }
    return { type: type, file: arg.slice(i + 1).trim() };
}
function tomlString(values, key) {
    const v = values?.[key];
    if (v === undefined || v === null)
        return undefined;
    const s = String(v).trim();
    return s === '' ? undefined : s;
}
export async function resolveComponentPlan(ctx, req, flagAttributes) {
    const host = ctx.host;
    const now = host.now();
    const git = await readGitFacts(host, host.cwd);
    const ci = ctx.ci();
    const envVars = {};
    // An empty variable (GIT_BRANCH="") must not hide the value derived from git.
    for (const [k, v] of Object.entries(host.env))
        if (v !== undefined && v !== '')
            envVars[k] = v;
    const vars = { ...buildVariables({ env: host.env, git, ci, now, cwd: host.cwd }), ...envVars };
    const tomlPath = path.resolve(host.cwd, req.toml);
    const toml = await readComponentToml(host, { path: tomlPath, vars });
    const values = toml?.values;
    // Only the default component.toml may be absent: a path named with --toml that does not exist is a typo, not
    // a request to name the component from git.
    const missingToml = !toml && req.tomlExplicit === true;
    // The build variables already prefer the CI provider's branch (agents check out a detached HEAD).
    const fromGit = toml || missingToml
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
    const problems = [];
    if (missingToml)
        problems.push(`--toml ${req.toml}: no such file (${tomlPath})`);
    const name = req.name ?? tomlString(values, 'Name') ?? fromGit.Name;
    // A name that carries its version (`cart;v1.0`) or variant and version (`cart;main;v1.0`) keeps them over what
    // git would give: git only fills the parts the flags, component.toml and the name leave open.
    const carried = name?.split(';').length ?? 0;
    const variant = req.variant ?? tomlString(values, 'Variant') ?? (carried >= 3 ? undefined : fromGit.Variant);
    const requested = req.version ?? tomlString(values, 'Version') ?? (carried >= 2 ? undefined : fromGit.Version);
    let parts;
    if (name === undefined) {
        // With the named file missing, "no name" is only its consequence: the missing file is the one problem.
        if (!missingToml)
            problems.push(toml ? `no component name: ${toml.file} has no Name and --component-name is not given` : 'no component name: give --component-name, or a component.toml with Name (git gave none)');
    }
    else {
        try {
            parts = componentParts(name, variant, requested);
        }
        catch (err) {
            problems.push(err.message);
        }
    }
    if (parts && !parts.version && !req.autoIncrement && !missingToml) {
        problems.push('no component version: give --component-version, Version in component.toml, or --auto-increment true');
    }
    const application = req.application ?? tomlString(values, 'Application');
    const appVersion = req.appVersion ?? tomlString(values, 'Application_Version');
    let app;
    if (application !== undefined) {
        try {
            const p = applicationParts(application, appVersion);
            app = { application: applicationBaseName(p), ...(p.version ? { version: p.version } : {}) };
        }
        catch (err) {
            problems.push(err.message);
        }
    }
    else if (appVersion !== undefined) {
        problems.push('an application version is given but no application (--application or Application in component.toml)');
    }
    const sboms = [];
    for (const s of req.sboms) {
        const file = path.resolve(host.cwd, s.file);
        try {
            sboms.push({ type: s.type, content: await readFile(file, 'utf8') });
        }
        catch (err) {
            problems.push(`cannot read SBOM ${file}: ${err.code ?? err.message}`);
        }
    }
    if (problems.length > 0) {
        throw InvalidInputError.of(problems, missingToml ? 'check the path; without --toml, ./component.toml is read when present, else the component is named from the flags or git' : undefined);
    }
    const derived = derivedAttributes({ env: host.env, vars, ci, now });
    const resolved = await resolveAttributes(host, { toml: toml?.attributes ?? {}, derived, flags: flagAttributes });
    const attributes = resolved.attributes;
    // DockerBuildDate derived from the clock (not given by flag, component.toml or env) marks when the version was
    // first recorded: a re-run of the same build must not move it.
    const clockBuildDate = flagAttributes.DockerBuildDate === undefined && toml?.attributes.DockerBuildDate === undefined && attributes.DockerBuildDate === derived.DockerBuildDate;
    const files = {};
    for (const kind of ['readme', 'license', 'swagger']) {
        const text = resolved.files[kind];
        if (text !== undefined)
            files[kind] = text;
    }
    const p = parts;
    const base = componentBaseName(p);
    const environment = req.environment ?? tomlString(values, 'DeployEnv');
    return {
        parts: p,
        base,
        ...(req.autoIncrement
            ? {
                autoIncrement: async (backend) => {
                    // The existing versions only matter without a requested schema or a commit count: skip the
                    // listing (one call per version on a remote backend) when both are known.
                    const needed = p.version === undefined || git.commitCount === undefined;
                    const existing = needed ? (await backend.listComponentVersions(base)).map((v) => v.version) : [];
                    return autoIncrementVersion({ requested: p.version, existing, commitCount: git.commitCount, sha: git.shortSha });
                },
            }
            : {}),
        attributes,
        clockBuildDate,
        ...(Object.keys(files).length > 0 ? { files } : {}),
        sboms,
        ...(app ? { app } : {}),
        ...(environment ? { environment, environmentFrom: req.environment !== undefined ? 'input' : 'toml' } : {}),
        ...(toml ? { tomlFile: toml.file } : {}),
    };
}
