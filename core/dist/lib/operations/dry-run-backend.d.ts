/**
 * Backends for --dry-run: reads pass through, writes are refused (a dry run that reaches a write is a bug,
 * reported as an internal error rather than silently writing). When the embedded store does not exist yet,
 * an empty backend stands in, so that a dry run never creates the store directory.
 */
import type { Backend, BackendKind } from '../backend/backend.js';
/** Wraps a backend so that every write throws. */
export declare function readOnlyBackend(inner: Backend): Backend;
/** A backend with nothing in it (the store a dry run would start from when none exists yet). */
export declare function emptyBackend(kind: BackendKind, location: string): Backend;
