/**
 * Backends for --dry-run: reads pass through, writes are refused (a dry run that reaches a write is a bug,
 * reported as an internal error rather than silently writing). When the embedded store does not exist yet,
 * an empty backend stands in, so that a dry run never creates the store directory.
 */
import type { Backend, BackendKind } from '../backend/backend.js';
import { InternalError } from '../errors.js';

const WRITES = new Set<keyof Backend>([
  'putComponentVersion',
  'attachSboms',
  'putApplicationVersion',
  'recordApproval',
  'moveApplicationVersion',
  'startDeployment',
  'recordDeployment',
  'setCustomState',
  'acquireLease',
  'renewLease',
  'releaseLease',
  'recordUndeployment',
]);

/** Wraps a backend so that every write throws. */
export function readOnlyBackend(inner: Backend): Backend {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop === 'string' && WRITES.has(prop as keyof Backend) && typeof value === 'function') {
        return () => Promise.reject(new InternalError(`internal error, please report: dry run attempted ${prop}`));
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A backend with nothing in it (the store a dry run would start from when none exists yet). */
export function emptyBackend(kind: BackendKind, location: string): Backend {
  const refuse = (what: string) => () => Promise.reject(new InternalError(`internal error, please report: dry run attempted ${what}`));
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
    applicationVersionRecord: async () => undefined,
    listApplications: async () => [],
    moveApplicationVersion: refuse('moveApplicationVersion'),
    recordDeployment: refuse('recordDeployment'),
    status: async () => [],
    history: async () => [],
    getCustomState: async () => [],
    setCustomState: refuse('setCustomState'),
    customStateHistory: async () => [],
    getLease: async () => undefined,
    acquireLease: refuse('acquireLease'),
    renewLease: refuse('renewLease'),
    releaseLease: refuse('releaseLease'),
    recordUndeployment: refuse('recordUndeployment'),
    close: async () => {},
  };
}
