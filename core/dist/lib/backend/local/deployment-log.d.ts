import type { Deployment } from '../../model.js';
import { type MetaFile } from './layout.js';
/** Writes `data` at `offset` of a segment, dropping anything after it first; fsyncs. Idempotent (journal replay). */
export declare function writeSegmentAt(root: string, segment: number, offset: number, data: string): Promise<void>;
/** Cuts an interrupted append: bytes past the committed end of the current segment. */
export declare function truncateUncommitted(root: string, log: MetaFile['log']): Promise<void>;
/** Committed deployments, newest first, lazily: the caller stops iterating when it has enough. */
export declare function readDeploymentsNewestFirst(root: string, log: MetaFile['log']): AsyncGenerator<Deployment>;
