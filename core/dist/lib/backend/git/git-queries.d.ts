/**
 * The read-only queries of the git store, against one fetched tip. Status reads only the env/ entries it
 * answers; history reads deployments by id (their path follows from the id) newest first and stops at the
 * limit; both pipeline their reads through the one cat-file process.
 */
import type { HistoryFilter } from '../backend.js';
import type { Deployment, EnvironmentState } from '../../model.js';
import { type StoreEntry } from '../records/document-store.js';
import { type GitMetaFile } from './git-layout.js';
import type { ObjectReader } from './object-reader.js';
export declare function readStatus(reader: ObjectReader, tip: string, filter: {
    environment?: string;
    application?: string;
}): Promise<EnvironmentState[]>;
export declare function envStatePaths(reader: ObjectReader, tip: string, filter: {
    environment?: string;
    application?: string;
}): Promise<string[]>;
export declare function readHistory(reader: ObjectReader, tip: string, meta: GitMetaFile, filter: HistoryFilter): Promise<Deployment[]>;
export declare function countEnvStates(reader: ObjectReader, tip: string): Promise<number>;
/** Every record at the tip: documents by kind, current states, then deployments oldest first. */
export declare function scanTip(reader: ObjectReader, tip: string, meta: GitMetaFile): AsyncGenerator<StoreEntry>;
