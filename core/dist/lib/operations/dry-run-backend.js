import { InternalError } from '../errors.js';
const WRITES = new Set([
    'putComponentVersion',
    'putApplicationVersion',
    'recordApproval',
    'moveApplicationVersion',
    'startDeployment',
    'recordDeployment',
]);
/** Wraps a backend so that every write throws. */
export function readOnlyBackend(inner) {
    return new Proxy(inner, {
        get(target, prop, receiver) {
            const value = Reflect.get(target, prop, receiver);
            if (typeof prop === 'string' && WRITES.has(prop) && typeof value === 'function') {
                return () => Promise.reject(new InternalError(`internal error, please report: dry run attempted ${prop}`));
            }
            return typeof value === 'function' ? value.bind(target) : value;
        },
    });
}
/** A backend with nothing in it (the store a dry run would start from when none exists yet). */
export function emptyBackend(kind, location) {
    const refuse = (what) => () => Promise.reject(new InternalError(`internal error, please report: dry run attempted ${what}`));
    return {
        kind,
        location,
        getComponentVersion: async () => undefined,
        listComponentVersions: async () => [],
        putComponentVersion: refuse('putComponentVersion'),
        getApplicationVersion: async () => undefined,
        listApplicationVersions: async () => [],
        putApplicationVersion: refuse('putApplicationVersion'),
        recordApproval: refuse('recordApproval'),
        listApprovals: async () => [],
        moveApplicationVersion: refuse('moveApplicationVersion'),
        recordDeployment: refuse('recordDeployment'),
        status: async () => [],
        history: async () => [],
        close: async () => { },
    };
}
