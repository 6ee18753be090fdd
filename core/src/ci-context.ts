/**
 * Where a build runs: env-ci's detection plus small gap fillers for the four CI systems shiplog ships
 * adapters for. Everything comes from the injected env (never process.env); no secret is ever copied in
 * (URLs lose any user:password@ part, token variables are never read).
 */
import { readFileSync, statSync } from 'node:fs';
import envCi, { type EnvCiResult } from 'env-ci';
import type { GitFacts } from './git-facts.js';
import { parseRemoteUrl, stripUrlCredentials } from './git-facts.js';
import type { Env } from './host.js';
import type { CiContext } from './model.js';

type Filler = (env: Env, base: CiContext) => Partial<CiContext>;

/** The env var whose presence makes each provider detected (danger-js style tests delete these). */
export const PROVIDER_KEYS: Readonly<Record<string, string>> = {
  github: 'GITHUB_ACTIONS',
  circleci: 'CIRCLECI',
  buildkite: 'BUILDKITE',
  jenkins: 'JENKINS_URL',
};

const FILLERS: Readonly<Record<string, Filler>> = {
  github: (env, base) => {
    const server = val(env.GITHUB_SERVER_URL);
    const repo = val(env.GITHUB_REPOSITORY);
    const runId = val(env.GITHUB_RUN_ID);
    const ref = val(env.GITHUB_REF);
    const event = env.GITHUB_EVENT_NAME ?? '';
    const payload = githubEventPayload(env);
    const isTag = env.GITHUB_REF_TYPE === 'tag' || (ref?.startsWith('refs/tags/') ?? false);
    const release = event === 'release' ? val(str(obj(payload.release).tag_name)) : undefined;
    const tag = release ?? (isTag ? (val(env.GITHUB_REF_NAME) ?? ref?.replace(/^refs\/tags\//, '')) : undefined);
    const isPr = /^pull_request/.test(event);
    const common: Partial<CiContext> = {
      buildId: runId,
      buildNumber: val(env.GITHUB_RUN_NUMBER),
      buildUrl: server && repo && runId ? `${server}/${repo}/actions/runs/${runId}` : undefined,
      job: joinNames(val(env.GITHUB_WORKFLOW), val(env.GITHUB_JOB)),
      repo,
      repoUrl: server && repo ? `${server}/${repo}` : undefined,
      actor: val(env.GITHUB_ACTOR) ?? val(env.GITHUB_TRIGGERING_ACTOR),
      tag,
    };
    if (isPr) {
      // The checkout is refs/pull/N/merge, a throwaway merge commit (GITHUB_SHA on pull_request): the build is
      // for the pull request's head commit on its head branch; the merge commit is kept as its own fact.
      const pr = obj(payload.pull_request);
      const head = val(str(obj(pr.head).sha));
      const merge = event === 'pull_request' ? val(env.GITHUB_SHA) : undefined;
      return {
        ...common,
        commit: head ?? base.commit,
        mergeCommit: merge && merge !== head ? merge : undefined,
        branch: val(env.GITHUB_BASE_REF) ?? val(str(obj(pr.base).ref)) ?? base.branch,
        prBranch: val(env.GITHUB_HEAD_REF) ?? val(str(obj(pr.head).ref)),
        pr: typeof pr.number === 'number' ? String(pr.number) : base.pr,
      };
    }
    if (event === 'merge_group') {
      // A merge queue entry runs on gh-readonly-queue/<base>/pr-N-<sha>: the build is for the base branch.
      const group = obj(payload.merge_group);
      return {
        ...common,
        commit: val(str(group.head_sha)) ?? val(env.GITHUB_SHA) ?? base.commit,
        branch: val(str(group.base_ref))?.replace(/^refs\/heads\//, '') ?? base.branch,
      };
    }
    // env-ci calls a tag ref a branch
    return { ...common, branch: isTag || release ? undefined : (val(env.GITHUB_REF_NAME) ?? base.branch) };
  },
  circleci: (env) => {
    const user = val(env.CIRCLE_PROJECT_USERNAME);
    const name = val(env.CIRCLE_PROJECT_REPONAME);
    return {
      buildId: val(env.CIRCLE_BUILD_NUM) ?? val(env.CIRCLE_WORKFLOW_ID),
      buildNumber: val(env.CIRCLE_BUILD_NUM),
      buildUrl: val(env.CIRCLE_BUILD_URL),
      job: val(env.CIRCLE_JOB),
      repo: user && name ? `${user}/${name}` : undefined,
      repoUrl: val(env.CIRCLE_REPOSITORY_URL),
      actor: val(env.CIRCLE_USERNAME),
    };
  },
  buildkite: (env) => {
    const url = val(env.BUILDKITE_BUILD_URL);
    const job = val(env.BUILDKITE_JOB_ID);
    const pr = val(env.BUILDKITE_PULL_REQUEST);
    return {
      buildId: val(env.BUILDKITE_BUILD_ID) ?? val(env.BUILDKITE_BUILD_NUMBER),
      buildNumber: val(env.BUILDKITE_BUILD_NUMBER),
      buildUrl: url,
      jobUrl: url && job ? `${url}#${job}` : undefined,
      job: joinNames(val(env.BUILDKITE_PIPELINE_SLUG), val(env.BUILDKITE_LABEL) ?? val(env.BUILDKITE_STEP_KEY)),
      repoUrl: val(env.BUILDKITE_REPO),
      // After a block step the person who unblocked it acted (an approval is theirs), not the build's creator.
      actor: val(env.BUILDKITE_UNBLOCKER) ?? val(env.BUILDKITE_BUILD_CREATOR) ?? val(env.BUILDKITE_BUILD_AUTHOR),
      pr: pr && pr !== 'false' ? pr : undefined,
    };
  },
  jenkins: (env, base) => {
    const pr = val(env.CHANGE_ID);
    const branch = val(env.BRANCH_NAME) ?? val(env.GIT_LOCAL_BRANCH) ?? stripRemote(val(env.GIT_BRANCH));
    return {
      buildId: val(env.BUILD_ID) ?? val(env.BUILD_NUMBER),
      buildNumber: val(env.BUILD_NUMBER),
      buildUrl: val(env.BUILD_URL),
      jobUrl: val(env.JOB_URL),
      job: val(env.JOB_NAME),
      commit: val(env.GIT_COMMIT) ?? base.commit,
      branch: pr ? (val(env.CHANGE_TARGET) ?? base.branch) : (branch ?? base.branch),
      prBranch: pr ? (val(env.CHANGE_BRANCH) ?? branch) : undefined,
      pr,
      repoUrl: val(env.GIT_URL),
      actor: val(env.BUILD_USER_ID) ?? val(env.CHANGE_AUTHOR),
    };
  },
};

/**
 * The CI context of a build. provider: 'github' | 'circleci' | 'buildkite' | 'jenkins', else env-ci's service
 * id, else 'local'. Commit and branch fall back to the git facts (a detached CI checkout still has them).
 */
export function readCiContext(env: Env, cwd: string, git?: GitFacts): CiContext {
  let detected: EnvCiResult;
  try {
    detected = envCi({ env: { ...env }, cwd });
  } catch {
    // env-ci throws on an unreadable GITHUB_EVENT_PATH: detect without the event rather than fail a build
    try {
      detected = envCi({ env: { ...env, GITHUB_EVENT_PATH: undefined }, cwd });
    } catch {
      detected = { isCi: Boolean(val(env.CI)) };
    }
  }
  const provider = detected.service ?? 'local';
  const base: CiContext = clean({
    provider,
    isCi: detected.isCi || provider !== 'local',
    buildId: val(detected.build),
    buildNumber: val(detected.build),
    buildUrl: noUndefinedParts(detected.buildUrl),
    jobUrl: noUndefinedParts(detected.jobUrl),
    commit: val(detected.commit),
    branch: val(detected.branch),
    tag: val(detected.tag),
    repo: validSlug(detected.slug),
    pr: detected.pr === undefined || detected.pr === null ? undefined : val(String(detected.pr)),
    prBranch: val(detected.prBranch),
  });
  const filler = FILLERS[provider];
  const ctx: CiContext = filler ? { ...base, ...clean(filler(env, base)), provider, isCi: true } : base;

  // env-ci names a tag ref or a pull request merge ref a branch: neither is one
  if (ctx.branch?.startsWith('refs/')) delete ctx.branch;
  if (ctx.prBranch?.startsWith('refs/')) delete ctx.prBranch;
  if (git?.isRepo) {
    ctx.commit ??= git.commit;
    ctx.branch ??= git.branch;
    ctx.repo ??= git.repo;
    ctx.repoUrl ??= git.url;
  }
  if (ctx.repoUrl) {
    ctx.repoUrl = stripUrlCredentials(ctx.repoUrl);
    ctx.repo ??= parseRemoteUrl(ctx.repoUrl).repo;
  }
  for (const k of ['buildUrl', 'jobUrl'] as const) {
    const v = ctx[k];
    if (v) ctx[k] = stripUrlCredentials(v);
  }
  return clean(ctx);
}

/** Payloads larger than this are not read (GitHub caps webhook payloads at 25 MB). */
const MAX_EVENT_BYTES = 25 << 20;

/**
 * The event payload of a GitHub Actions run (the JSON file at GITHUB_EVENT_PATH), {} when there is none or it
 * cannot be read: the environment variables alone still describe the run.
 */
function githubEventPayload(env: Env): Record<string, unknown> {
  const file = val(env.GITHUB_EVENT_PATH);
  if (!file) return {};
  try {
    if (statSync(file).size > MAX_EVENT_BYTES) return {};
    return obj(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return {};
  }
}

function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function val(s: string | undefined | null): string | undefined {
  if (s === undefined || s === null) return undefined;
  const t = String(s).trim();
  return t === '' || t === 'undefined' ? undefined : t;
}

/** env-ci builds slugs and URLs like `undefined/undefined` when the parts are missing. */
function validSlug(s: string | undefined): string | undefined {
  return noUndefinedParts(s);
}

function noUndefinedParts(s: string | undefined): string | undefined {
  const v = val(s);
  return v && !/(^|\/)undefined(\/|$)/.test(v) ? v : undefined;
}

/** `workflow / job`, either alone when only one is known. */
function joinNames(outer: string | undefined, inner: string | undefined): string | undefined {
  return outer && inner ? `${outer} / ${inner}` : (outer ?? inner);
}

function stripRemote(branch: string | undefined): string | undefined {
  return branch?.replace(/^(refs\/heads\/|refs\/remotes\/[^/]+\/|origin\/)/, '');
}

function clean<T extends object>(o: T): T {
  const out = { ...o } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) {
    if (v === undefined) delete out[k];
  }
  return out as T;
}
