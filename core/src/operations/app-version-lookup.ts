/**
 * Finds the application version an approve/move/deploy is about: `--application A[;V]` with an optional
 * `--app-version V` (the flag wins); without a version, the latest version of A.
 */
import type { Backend } from '../backend/backend.js';
import { NotFoundError } from '../errors.js';
import type { ApplicationVersion } from '../model.js';
import { applicationBaseName, applicationParts, applicationVersionName } from '../naming.js';

export interface AppVersionRef {
  /** Full base name `domain.short`. */
  application: string;
  /** Cleaned version, or undefined for "the latest". */
  version?: string;
}

/** Parses the application inputs; pushes a problem instead of throwing so request() can report all. */
export function parseAppVersionRef(
  application: string | undefined,
  appVersion: string | undefined,
  problems: string[],
): AppVersionRef | undefined {
  if (application === undefined) {
    problems.push('--application is required');
    return undefined;
  }
  try {
    const p = applicationParts(application, appVersion);
    return { application: applicationBaseName(p), version: p.version };
  } catch (err) {
    problems.push((err as Error).message);
    return undefined;
  }
}

/** The full name the ref points at, for messages and dry-run plans. */
export function describeRef(ref: AppVersionRef): string {
  return ref.version ? `${ref.application};${ref.version}` : `${ref.application} (latest version)`;
}

/** Loads the application version; NotFoundError (exit 2) when it does not exist. */
export async function findAppVersion(backend: Backend, ref: AppVersionRef): Promise<ApplicationVersion> {
  if (ref.version) {
    const name = applicationVersionName({ ...splitBase(ref.application), version: ref.version });
    const av = await backend.getApplicationVersion(name);
    if (!av) {
      throw new NotFoundError(`application version "${name}" does not exist`, {
        hint: 'create it with `shiplog version-update --application ...`, or omit --app-version to use the latest',
      });
    }
    return av;
  }
  const all = await backend.listApplicationVersions(ref.application);
  const latest = all[all.length - 1];
  if (!latest) {
    throw new NotFoundError(`application "${ref.application}" has no versions`, {
      hint: 'create one with `shiplog version-update --application ...`',
    });
  }
  return latest;
}

function splitBase(base: string): { domain: string; short: string } {
  const i = base.lastIndexOf('.');
  return { domain: base.slice(0, i), short: base.slice(i + 1) };
}
