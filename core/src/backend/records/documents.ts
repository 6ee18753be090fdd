/** The JSON documents every record store keeps per object, keyed by (kind, full name) (document-store.ts). */
import type { Approval, ApplicationVersion, ComponentVersion, DeploymentRef, MoveRecord } from '../../model.js';
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

export type { DeploymentRef, MoveRecord };

export interface ApplicationVersionDoc {
  value: ApplicationVersion;
  /** Oldest first. */
  approvals: Approval[];
  /** Oldest first. */
  moves: MoveRecord[];
  /**
   * Every deployment of this version, oldest first, kept here so the gate reads them under the lock. Absent on
   * documents written before shiplog kept them: the backend then reads them from the history.
   */
  deployments?: DeploymentRef[];
}

/** The one `catalog` document, named CATALOG_NAME: every application, for queries across applications. */
export interface CatalogDoc {
  name: string;
  /** Base application names, in the order they were created. */
  applications: string[];
}

export const CATALOG_NAME = 'applications';
