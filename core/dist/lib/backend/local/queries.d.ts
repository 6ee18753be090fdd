import type { HistoryFilter } from '../backend.js';
import type { Deployment, EnvironmentState } from '../../model.js';
import type { LocalStore } from './transaction.js';
export declare function readStatus(store: LocalStore, filter: {
    environment?: string;
    application?: string;
}): Promise<EnvironmentState[]>;
export declare function readHistory(store: LocalStore, filter: HistoryFilter): Promise<Deployment[]>;
