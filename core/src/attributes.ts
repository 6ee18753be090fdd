/**
 * Component version attributes (shared/ortelius-api.md section 5.2 steps 4 and 6, the intent without the
 * reference's bugs): derived CI/git/docker defaults, `--attr` arguments, and the merge of both with the
 * component.toml [Attributes], including the Readme/License/Swagger file pointers.
 */
import { lstat, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError } from './errors.js';
import { parseRemoteUrl, stripUrlCredentials } from './git-facts.js';
import type { Env, Host } from './host.js';
import type { CiContext } from './model.js';
import { MASK } from './redact.js';
import { isSecretName, isSettingValue } from './secret-names.js';

/** Build variable -> attribute for the plain git copies (GitCommit, GitVerifyCommit and GitRepo are special). */
const GIT_ATTRS: ReadonlyArray<readonly [string, string]> = [
  ['GitBranch', 'GIT_BRANCH'],
  ['GitUrl', 'GIT_URL'],
  ['GitOrg', 'GIT_ORG'],
  ['GitRepoProject', 'GIT_REPO_PROJECT'],
  ['GitCommitTimestamp', 'GIT_COMMIT_TIMESTAMP'],
  ['GitBranchParent', 'GIT_BRANCH_PARENT'],
  ['GitBranchCreateCommit', 'GIT_BRANCH_CREATE_COMMIT'],
  ['GitBranchCreateTimestamp', 'GIT_BRANCH_CREATE_TIMESTAMP'],
  ['GitCommitAuthors', 'GIT_COMMIT_AUTHORS'],
  ['GitCommittersCnt', 'GIT_COMMITTERS_CNT'],
  ['GitTotalCommittersCnt', 'GIT_TOTAL_COMMITTERS_CNT'],
  ['GitContribPercentage', 'GIT_CONTRIB_PERCENTAGE'],
  ['GitLinesTotal', 'GIT_LINES_TOTAL'],
  ['GitLinesAdded', 'GIT_LINES_ADDED'],
  ['GitLinesDeleted', 'GIT_LINES_DELETED'],
  ['GitSignedOffBy', 'GIT_SIGNED_OFF_BY'],
  ['GitPreviousComponentCommit', 'GIT_PREVIOUS_COMPONENT_COMMIT'],
];

/**
 * Derived defaults from env (DOCKERREPO|IMAGE_REPO, DOCKERTAG|IMAGE_TAG, DOCKERSHA|DIGEST, BUILD_URL, ...),
 * the build variables (GIT_*, SHORT_SHA; env wins) and the CI context, with the computed fields filled
 * (completeAttributes). Only non-empty values.
 */
export function derivedAttributes(opts: { env: Env; vars: Record<string, string>; ci: CiContext; now: Date }): Record<string, string> {
  return completeAttributes(derivedSources(opts), new Set());
}

/**
 * The raw derived values, without the computed fields: resolveAttributes merges them under [Attributes] and
 * --attr and computes Purl and the others once, from the merged values.
 */
export function derivedSources(opts: { env: Env; vars: Record<string, string>; ci: CiContext; now: Date }): Record<string, string> {
  const { env, vars, ci } = opts;
  const get = (...names: string[]): string | undefined => {
    for (const n of names) {
      const v = nonEmpty(env[n]) ?? nonEmpty(vars[n]);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const out: Record<string, string | undefined> = {};

  out.BuildId = get('BUILD_ID', 'BUILD_NUMBER', 'BUILD_NUM', 'GITHUB_RUN_ID') ?? ci.buildId;
  out.BuildNumber = get('BUILD_NUMBER', 'BUILD_NUM', 'GITHUB_RUN_NUMBER') ?? ci.buildNumber;
  out.BuildUrl = get('BUILD_URL') ?? ci.buildUrl;
  out.DockerBuildDate = opts.now.toISOString();

  // Raw sources only: the fields computed from other fields (Purl, the DockerRepo split, GitRepo, the GitTag
  // fallback) are filled by completeAttributes once every layer is merged, so that [Attributes] and --attr
  // values feed them exactly as the environment's do.
  out.DockerRepo = get('DOCKERREPO', 'IMAGE_REPO');
  out.DockerTag = get('DOCKERTAG', 'IMAGE_TAG');
  out.DockerSha = digestOf(get('DOCKERSHA', 'DIGEST'));

  out.GitCommit = get('GIT_COMMIT', 'SHORT_SHA') ?? ci.commit;
  for (const [attr, name] of GIT_ATTRS) out[attr] = get(name);
  out.GitBranch ??= ci.prBranch ?? ci.branch;
  out.GitUrl ??= ci.repoUrl;
  out.GitRepo = get('GIT_REPO') ?? ci.repo;
  const verify = get('GIT_VERIFY_COMMIT');
  if (verify !== undefined) out.GitVerifyCommit = verify === '1' ? 'Y' : 'N';
  out.GitTag = get('GIT_TAG') ?? ci.tag;
  // a GitHub pull request's merge commit (refs/pull/N/merge), recorded beside the head commit GitCommit names
  out.GitMergeCommit = ci.mergeCommit;

  const trigger = get('GIT_TRIGGER');
  out.JobTriggeredBy = trigger && trigger !== 'workflow_dispatch' ? 'SCM' : ci.actor;

  // a token in a clone or build URL must never become an attribute
  for (const k of ['BuildUrl', 'GitUrl'] as const) if (out[k]) out[k] = stripUrlCredentials(out[k]!);
  const result: Record<string, string> = {};
  for (const [k, v] of Object.entries(out)) if (v !== undefined && v !== '') result[k] = v;
  return result;
}

/**
 * The fields computed from other fields, filled from the MERGED attributes (derived < [Attributes] < --attr),
 * never from one layer alone: a `repo:tag@digest` DockerRepo is split (the tag and digest fill DockerTag and
 * DockerSha when those are empty), GitRepo comes from GitUrl, GitTag falls back to GitBranch, and Purl is
 * `pkg:docker/<repo>@<tag>` (`library/` for a repo without `/`, `latest` without a tag). A key given in
 * [Attributes] or --attr (`explicit`) is never recomputed.
 */
export function completeAttributes(merged: Record<string, string>, explicit: ReadonlySet<string>): Record<string, string> {
  const out = { ...merged };
  const given = (k: string) => explicit.has(k) && nonEmpty(out[k]) !== undefined;
  const image = splitImage(nonEmpty(out.DockerRepo));
  if (image.repo !== undefined && (image.tag !== undefined || image.digest !== undefined)) {
    out.DockerRepo = image.repo;
    if (image.tag !== undefined && nonEmpty(out.DockerTag) === undefined) out.DockerTag = image.tag;
    if (image.digest !== undefined && nonEmpty(out.DockerSha) === undefined) out.DockerSha = image.digest;
  }
  if (!given('GitRepo') && nonEmpty(out.GitUrl)) {
    const fromUrl = parseRemoteUrl(out.GitUrl).repo;
    if (fromUrl) out.GitRepo = fromUrl;
  }
  if (nonEmpty(out.GitTag) === undefined && nonEmpty(out.GitBranch) !== undefined) out.GitTag = out.GitBranch;
  if (!given('Purl') && nonEmpty(out.DockerRepo)) {
    const repo = out.DockerRepo.includes('/') ? out.DockerRepo : `library/${out.DockerRepo}`;
    out.Purl = `pkg:docker/${repo}@${nonEmpty(out.DockerTag) ?? 'latest'}`;
  }
  for (const [k, v] of Object.entries(out)) if (v === '') delete out[k];
  return out;
}

/**
 * `registry:5000/org/app:1.2@sha256:abc` -> repo `registry:5000/org/app`, tag `1.2`, digest `sha256:abc`.
 * A `:` only separates a tag when no `/` follows it (a registry port is not a tag).
 */
export function splitImage(ref: string | undefined): { repo?: string; tag?: string; digest?: string } {
  if (!ref) return {};
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = digestOf(rest.slice(at)) ?? undefined;
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > 0 && !rest.slice(colon + 1).includes('/')) {
    return { repo: rest.slice(0, colon), tag: nonEmpty(rest.slice(colon + 1)), digest };
  }
  return { repo: nonEmpty(rest), digest };
}

/** A value containing `@sha256:` keeps only the digest (`sha256:...`). */
function digestOf(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const i = v.indexOf('@sha256:');
  return i >= 0 ? v.slice(i + 1).trim() : v;
}

const ATTR_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * `--attr` arguments: KEY=VALUE or KEY:VALUE (whichever separator comes first); VALUE `@path` reads the file
 * (relative to host.cwd, surrounding newlines trimmed); a value containing `@sha256:` keeps only the digest.
 * Every bad argument (no separator, bad KEY, unreadable @file) is named in one InvalidInputError.
 */
export async function parseAttrArgs(host: Host, args: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const problems: string[] = [];
  for (const arg of args) {
    const m = /[=:]/.exec(arg);
    if (!m) {
      problems.push(`--attr "${arg}" is not KEY=VALUE`);
      continue;
    }
    const key = arg.slice(0, m.index).trim();
    let value = arg.slice(m.index + 1);
    if (!ATTR_KEY.test(key)) {
      problems.push(`--attr "${arg}": bad key "${key}" (letters, digits, _ . - ; not starting with a digit)`);
      continue;
    }
    if (value.includes('@sha256:')) {
      value = digestOf(value)!;
    } else if (value.startsWith('@')) {
      const file = value.slice(1);
      if (!file) {
        problems.push(`--attr "${arg}": "@" needs a file name`);
        continue;
      }
      try {
        value = (await readFile(path.resolve(host.cwd, file), 'utf8')).replace(/^[\r\n]+|[\r\n]+$/g, '');
      } catch (err) {
        problems.push(`--attr ${key}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
        continue;
      }
      if (value.includes('@sha256:')) value = digestOf(value)!;
    }
    out[key] = value;
  }
  if (problems.length) throw InvalidInputError.of(problems, 'use --attr KEY=VALUE (or KEY:VALUE, or KEY=@file)');
  return out;
}

type FileKind = 'readme' | 'license' | 'swagger' | 'gradleLicense';

const POINTER_KEYS: Readonly<Record<string, FileKind>> = {
  readme: 'readme',
  license: 'license',
  swagger: 'swagger',
  gradlelicense: 'gradleLicense',
};

/** Section 5.2 step 6: files looked for in host.cwd when no attribute points elsewhere. */
export const DEFAULT_FILES: Readonly<Record<'readme' | 'license' | 'swagger', readonly string[]>> = {
  readme: ['README', 'README.md', 'readme', 'readme.md'],
  license: ['LICENSE', 'LICENSE.md', 'license', 'license.md'],
  swagger: ['swagger.yaml', 'swagger.yml', 'swagger.json', 'openapi.json', 'openapi.yaml', 'openapi.yml'],
};

const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface ResolvedAttributes {
  attributes: Record<string, string>;
  files: { readme?: string; license?: string; swagger?: string; gradleLicense?: string };
}

/**
 * Precedence flags > toml [Attributes] > derived; empty values dropped. Readme/License/Swagger/GradleLicense
 * keys (any case) are removed from the attributes and the files they point to (or the default README*,
 * LICENSE*, swagger/openapi files in host.cwd) are returned as text; a missing pointed-to file is a warning.
 */
export async function resolveAttributes(
  host: Host,
  opts: { toml: Record<string, string>; derived: Record<string, string>; flags: Record<string, string> },
): Promise<ResolvedAttributes> {
  const merged: Record<string, string> = {};
  for (const layer of [opts.derived, opts.toml, opts.flags]) {
    for (const [k, v] of Object.entries(layer)) {
      // a key given again in another case replaces the earlier spelling
      for (const existing of Object.keys(merged)) {
        if (existing !== k && existing.toLowerCase() === k.toLowerCase() && POINTER_KEYS[k.toLowerCase()]) {
          delete merged[existing];
        }
      }
      merged[k] = v;
    }
  }
  const explicit = new Set([...Object.keys(opts.toml), ...Object.keys(opts.flags)]);
  const completed = completeAttributes(merged, explicit);
  const pointers: Partial<Record<FileKind, { key: string; value: string }>> = {};
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(completed)) {
    const kind = POINTER_KEYS[k.toLowerCase()];
    if (kind) {
      if (v.trim() !== '') pointers[kind] = { key: k, value: v.trim() };
    } else if (v !== '') attributes[k] = v;
  }

  // A pointer may only name a file of the project: `Readme = "/proc/self/environ"` or "../../.ssh/id_rsa"
  // would store that file's text (environment, keys) as an attachment. Checked before anything is read.
  const root = await projectRoot(host.cwd);
  const problems: string[] = [];
  const targets: Partial<Record<FileKind, string>> = {};
  for (const [kind, p] of Object.entries(pointers) as [FileKind, { key: string; value: string }][]) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p.value)) {
      host.log.warn(`${kind} points to a URL (${p.value}); shiplog reads local files only, not attached`);
      continue;
    }
    const file = path.resolve(host.cwd, p.value);
    if (!(await insideRoot(root, file))) {
      problems.push(`${p.key} = "${p.value}" points outside the repository (${root}); a file pointer must name a file inside it`);
      continue;
    }
    targets[kind] = file;
  }
  if (problems.length)
    throw InvalidInputError.of(
      problems,
      'give Readme/License/Swagger/GradleLicense as a path relative to the working directory, inside the repository',
    );

  const files: ResolvedAttributes['files'] = {};
  for (const kind of ['readme', 'license', 'swagger', 'gradleLicense'] as const) {
    const pointer = pointers[kind];
    const target = targets[kind];
    if (pointer) {
      if (!target) continue; // a URL
      const text = await readText(target);
      if (text === undefined) host.log.warn(`${kind} file ${pointer.value} not found, not attached`);
      else if (text === null) host.log.warn(`${kind} file ${pointer.value} is larger than 5 MB, not attached`);
      else files[kind] = text;
    } else if (kind !== 'gradleLicense') {
      for (const name of DEFAULT_FILES[kind]) {
        const file = path.resolve(host.cwd, name);
        const text = await readText(file);
        if (typeof text !== 'string') continue;
        if (!(await insideRoot(root, file))) {
          host.log.warn(`${name} links to a file outside the repository, not attached`);
          break;
        }
        files[kind] = text;
        break;
      }
    }
  }
  return { attributes: maskSecretAttributes(host, attributes), files };
}

/**
 * Attributes whose name says they hold a secret (DB_PASSWORD, ApiToken, ...: the rule of secret-names.ts, the
 * one envscript and the Redactor use) are stored with their value masked, never in clear; the value is
 * registered as a secret (so it is masked wherever else it shows) and a warning names the key. Masked rather
 * than refused: a release record must not fail over an attribute's name, and the key still says the attribute
 * was set. docs/component-toml.md.
 */
export function maskSecretAttributes(host: Host, attributes: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attributes)) {
    if (isSecretName(k) && v !== MASK && !isSettingValue(v)) {
      host.redactor.add(v);
      host.log.warn(`attribute ${k} looks like a credential: its value is stored as ${MASK}`);
      out[k] = MASK;
    } else out[k] = v;
  }
  return out;
}

/**
 * The directory file pointers must stay in: the top of the git work tree holding host.cwd (the nearest
 * ancestor with a `.git` entry), else host.cwd itself; symlinks resolved.
 */
async function projectRoot(cwd: string): Promise<string> {
  const start = await realpath(cwd).catch(() => path.resolve(cwd));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (
      await lstat(path.join(dir, '.git')).then(
        () => true,
        () => false,
      )
    )
      return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

/**
 * True when `file`, symlinks resolved, lies inside `root`. A file that does not exist is judged by its nearest
 * existing ancestor plus the rest of its path (so "../outside" is refused even when missing).
 */
async function insideRoot(root: string, file: string): Promise<boolean> {
  let existing = file;
  const rest: string[] = [];
  let real: string | undefined;
  for (;;) {
    real = await realpath(existing).catch(() => undefined);
    if (real !== undefined || path.dirname(existing) === existing) break;
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  const resolved = path.join(real ?? existing, ...rest);
  const rel = path.relative(root, resolved);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** File text; undefined when missing or not a file; null when too large. */
async function readText(file: string): Promise<string | undefined | null> {
  try {
    const buf = await readFile(file);
    if (buf.length > MAX_FILE_BYTES) return null;
    return buf.toString('utf8');
  } catch {
    return undefined;
  }
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s.trim() === '' ? undefined : s;
}
