/** The JSON documents every record store keeps per object, keyed by (kind, full name) (document-store.ts). */
import type { Approval, ApplicationVersion, CiContext, ComponentVersion } from '../../model.js';
import type { ComponentVersionSpec } from '../backend.js';
export interface ComponentBaseDoc {
    base: string;
    domain: string;
    short: string;
    variant?: string;
    /** Full version names, oldest first. */
    versions: string[];
}
export interface ComponentVersionDoc {
    value: ComponentVersion;
    files?: ComponentVersionSpec['files'];
    sboms?: ComponentVersionSpec['sboms'];
}
export interface ApplicationDoc {
    application: string;
    /** Full application version names, oldest first; the last is the latest. */
    versions: string[];
}
export interface MoveRecord {
    from: string;
    to: string;
    task: string;
    by: string;
    at: string;
    /** `move --notes`, redacted like every stored text. */
    notes?: string;
    provenance: CiContext;
}
export interface ApplicationVersionDoc {
    value: ApplicationVersion;
    /** Oldest first. */
    approvals: Approval[];
    /** Oldest first. */
    moves: MoveRecord[];
}
