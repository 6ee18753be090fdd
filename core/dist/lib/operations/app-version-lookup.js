import { NotFoundError } from '../errors.js';
import { applicationBaseName, applicationParts, applicationVersionName } from '../naming.js';
/** Parses the application inputs; pushes a problem instead of throwing so request() can report all. */
export function parseAppVersionRef(application, appVersion, problems) {
    if (application === undefined) {
        problems.push('--application is required');
        return undefined;
    }
    try {
        const p = applicationParts(application, appVersion);
        return { application: applicationBaseName(p), version: p.version };
    }
    catch (err) {
        problems.push(err.message);
        return undefined;
    }
}
/** The full name the ref points at, for messages and dry-run plans. */
export function describeRef(ref) {
    return ref.version ? `${ref.application};${ref.version}` : `${ref.application} (latest version)`;
}
/** Loads the application version; NotFoundError (exit 2) when it does not exist. */
export async function findAppVersion(backend, ref) {
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
function splitBase(base) {
    const i = base.lastIndexOf('.');
    return { domain: base.slice(0, i), short: base.slice(i + 1) };
}
