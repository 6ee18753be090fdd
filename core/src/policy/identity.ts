/**
 * Who is acting (model.ts Actor), and the trust model over where that identity came from (docs/policy.md,
 * "Identity"). In CI the platform's own variables name the actor; outside CI `git config user.email`, else the
 * OS user; `--as` is accepted only outside CI and is marked self-asserted. An adapter that confirmed an identity
 * through its platform's API passes it in as `verified:<platform>` (ExecuteOptions.actor).
 */
import { execFile } from 'node:child_process';
import { UsageError } from '../errors.js';
import type { Env, Host } from '../host.js';
import type { Actor, ApplicationVersion, CiContext } from '../model.js';

export const PLATFORMS = ['github', 'circleci', 'buildkite', 'jenkins'] as const;
/** Prefixes an approver entry may carry: a platform, or `git`/`os` for identities from outside CI. */
const ENTRY_PREFIXES = [...PLATFORMS, 'git', 'os'] as const;
/** The values `trust` accepts, besides `ci:<platform>` and `verified:<platform>`. */
export const TRUST_CATEGORIES = ['ci', 'verified', 'git', 'os', 'self-asserted'] as const;

/** The CI platform's identity of the person acting, in the order each platform documents its variables. */
const PLATFORM_ACTOR: Readonly<Record<(typeof PLATFORMS)[number], readonly string[]>> = {
  // A re-run's GITHUB_TRIGGERING_ACTOR is the person acting now; GITHUB_ACTOR the one who started the first run.
  github: ['GITHUB_TRIGGERING_ACTOR', 'GITHUB_ACTOR'],
  circleci: ['CIRCLE_USERNAME'],
  // After a block step the unblocker acts (an approval is theirs), not the build's creator. E-mail addresses are
  // the stable ids; the display names are the fallback when an agent does not expose them.
  buildkite: ['BUILDKITE_UNBLOCKER_EMAIL', 'BUILDKITE_UNBLOCKER', 'BUILDKITE_BUILD_CREATOR_EMAIL', 'BUILDKITE_BUILD_CREATOR'],
  // The build user cause, as the Build User Vars plugin (and shiplog's library) expose it.
  jenkins: ['BUILD_USER_ID', 'BUILD_USER_EMAIL'],
};

function val(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

/** The actor named by the CI platform's variables; undefined outside the four platforms or when they are unset. */
export function platformActor(env: Env, ci: Pick<CiContext, 'provider'>): Actor | undefined {
  const keys = (PLATFORM_ACTOR as Record<string, readonly string[] | undefined>)[ci.provider];
  for (const k of keys ?? []) {
    const id = val(env[k]);
    if (id) return { id, source: `ci:${ci.provider}` };
  }
  return undefined;
}

export interface ActorFacts {
  env: Env;
  ci: Pick<CiContext, 'provider' | 'isCi'>;
  /** `git config user.email` in the working directory (read only when needed). */
  gitEmail: () => Promise<string | undefined>;
  /** `--as`. */
  asserted?: string;
  /** An identity an adapter verified with its platform (ExecuteOptions.actor): wins over everything. */
  verified?: Actor;
}

/** Resolves who acts: verified > `--as` (outside CI only) > CI platform > git user.email > OS user > unknown. */
export async function resolveActor(f: ActorFacts): Promise<Actor> {
  if (f.verified && val(f.verified.id)) return { id: f.verified.id.trim(), source: f.verified.source };
  const asserted = val(f.asserted);
  if (asserted !== undefined) {
    if (f.ci.isCi) {
      throw new UsageError(`--as is accepted only outside CI: in ${f.ci.provider} the platform names who acts`, {
        hint: 'leave --as out; the CI identity is recorded (docs/policy.md, "Identity")',
      });
    }
    return { id: asserted, source: 'self-asserted' };
  }
  const platform = platformActor(f.env, f.ci);
  if (platform) return platform;
  const email = val(await f.gitEmail());
  if (email) return { id: email, source: 'git' };
  const user = val(f.env.USER) ?? val(f.env.USERNAME) ?? val(f.env.LOGNAME);
  if (user) return { id: user, source: 'os' };
  return { id: 'unknown', source: 'unknown' };
}

/** What `git config` reads its configuration from: where git and the config files are, never the rest. */
const GIT_CONFIG_ENV = /^(PATH|HOME|USERPROFILE|XDG_CONFIG_HOME|SYSTEMROOT|GIT_[A-Z0-9_]+)$/;

/**
 * Only the variables git needs, so no other variable (a token, a huge value past the kernel's per-string
 * limit, which makes the spawn fail with E2BIG) is handed to the child.
 */
export function gitConfigEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && GIT_CONFIG_ENV.test(k)) out[k] = v;
  return out;
}

/** `git config user.email` run in host.cwd with the host's git variables; undefined when unset or git fails. */
export function readGitEmail(host: Pick<Host, 'cwd' | 'env'>): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['config', '--get', 'user.email'],
      { cwd: host.cwd, env: gitConfigEnv(host.env), windowsHide: true, encoding: 'utf8' },
      (err, stdout) => resolve(err ? undefined : val(stdout)),
    );
  });
}

/** The actor of a record that may predate actors: {id: by, source: 'unknown'}. */
export function actorOrLegacy(actor: Actor | undefined, by: string | undefined): Actor {
  return actor ?? { id: by && by.trim() ? by : 'unknown', source: 'unknown' };
}

/** Who ran a deployment; one written before actors were kept: the CI actor it carried, source unknown. */
export function deploymentActor(d: { actor?: Actor; provenance?: Pick<CiContext, 'actor'> }): Actor {
  return d.actor ?? actorOrLegacy(undefined, d.provenance?.actor);
}

/** Who recorded an application version (self-approval compares approvers with it); undefined when unknown. */
export function creatorOf(av: ApplicationVersion): Actor | undefined {
  if (av.actor && av.actor.id !== 'unknown') return av.actor;
  const legacy = av.provenance?.actor;
  return legacy ? { id: legacy, source: 'unknown' } : undefined;
}

/** Identity ids compare case-insensitively (logins and e-mail addresses are). */
export function sameId(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Whether an approver entry (`alice@example.com`, `github:octocat`, `git:dana@example.com`) names the actor. */
export function entryMatches(entry: string, actor: Actor): boolean {
  const i = entry.indexOf(':');
  const prefix = i > 0 ? entry.slice(0, i).toLowerCase() : undefined;
  if (prefix !== undefined && (ENTRY_PREFIXES as readonly string[]).includes(prefix)) {
    const fromPlatform = actor.source === `ci:${prefix}` || actor.source === `verified:${prefix}` || actor.source === prefix;
    return fromPlatform && sameId(entry.slice(i + 1), actor.id);
  }
  return sameId(entry, actor.id);
}

/** Whether an identity source is trusted by a `trust` list (undefined: every source is). */
export function trusted(trust: readonly string[] | undefined, source: string): boolean {
  if (trust === undefined) return true;
  return trust.some((t) => {
    if (source === t || source.startsWith(`${t}:`)) return true;
    // A platform-verified identity is a CI identity confirmed by the platform's API.
    if (t === 'ci' && source.startsWith('verified:')) return true;
    return t.startsWith('ci:') && source === `verified:${t.slice(3)}`;
  });
}

/** A `trust` entry shiplog knows. */
export function isTrustValue(t: string): boolean {
  if ((TRUST_CATEGORIES as readonly string[]).includes(t)) return true;
  const [kind, platform] = t.split(':');
  return (kind === 'ci' || kind === 'verified') && (PLATFORMS as readonly string[]).includes(platform);
}

/** `octocat (ci:github)`. */
export function describeActor(a: Actor): string {
  return `${a.id} (${a.source})`;
}
