/**
 * The record of an application version (model.ts AppVersionRecord) built from the documents of a record store,
 * reading stores written before shiplog kept actors and per-version deployments (missing actor ->
 * {id: by, source: 'unknown'}; missing deployments -> from the history), and the application catalog.
 */
import type { HistoryFilter } from '../backend.js';
import { ConfigError } from '../../errors.js';
import type { AppVersionRecord, Approval, Deployment, DeploymentRef, MoveRecord } from '../../model.js';
import { actorOrLegacy, deploymentActor } from '../../policy/identity.js';
import type { DocReader, DocTx, DocumentStore } from './document-store.js';
import { CATALOG_NAME, type ApplicationDoc, type ApplicationVersionDoc, type CatalogDoc, type ComponentVersionDoc } from './documents.js';

export async function avDoc(r: DocReader, name: string): Promise<ApplicationVersionDoc | undefined> {
  const doc = await r.get<ApplicationVersionDoc>('application-version', name);
  return doc && doc.value.name === name ? doc : undefined;
}

export async function cvDoc(r: DocReader, name: string): Promise<ComponentVersionDoc | undefined> {
  const doc = await r.get<ComponentVersionDoc>('component-version', name);
  return doc && doc.value.name === name ? doc : undefined;
}

export function legacyApproval(a: Approval): Approval {
  return a.actor ? a : { ...a, actor: actorOrLegacy(undefined, a.by) };
}

function legacyMove(m: MoveRecord): MoveRecord {
  return m.actor ? m : { ...m, actor: actorOrLegacy(undefined, m.by) };
}

export function refOf(d: Deployment): DeploymentRef {
  return {
    id: d.id,
    environment: d.environment,
    status: d.status,
    exitCode: d.exitCode,
    mode: d.mode,
    startedAt: d.startedAt,
    ...(d.finishedAt ? { finishedAt: d.finishedAt } : {}),
    actor: deploymentActor(d),
    ...(d.override ? { override: d.override } : {}),
  };
}

/** Deployments of one application version from the history (documents written before they were kept), oldest first. */
export async function deploymentsFromHistory(
  store: Pick<DocumentStore, 'history'>,
  application: string,
  appVersion: string,
): Promise<DeploymentRef[]> {
  const filter: HistoryFilter = { application };
  const all = await store.history(filter);
  return all
    .filter((d) => d.appVersion === appVersion)
    .sort((a, b) => a.id - b.id)
    .map(refOf);
}

/** The record of a document; `legacy`: the deployments to use when the document does not keep them. */
export async function recordOf(r: DocReader, doc: ApplicationVersionDoc, legacy: DeploymentRef[] | undefined): Promise<AppVersionRecord> {
  const components: AppVersionRecord['components'] = [];
  for (const name of doc.value.components) {
    const cv = (await cvDoc(r, name))?.value;
    const branch = cv?.provenance?.branch ?? cv?.attributes.GitBranch;
    components.push({ name, ...(branch ? { branch } : {}), ...(cv?.actor ? { actor: cv.actor } : {}) });
  }
  return {
    appVersion: doc.value,
    components,
    approvals: doc.approvals.map(legacyApproval),
    moves: doc.moves.map(legacyMove),
    deployments: (doc.deployments ?? legacy ?? []).map((d) => ({ ...d, actor: d.actor ?? actorOrLegacy(undefined, undefined) })),
  };
}

/**
 * Adds a new application to the catalog. `storeWasEmpty`: no application version existed when the transaction
 * began. A store created before the catalog has applications it would not list: it stays without one (readers scan).
 */
export async function addToCatalog(tx: DocTx, application: string, storeWasEmpty: boolean): Promise<void> {
  const catalog = await tx.get<CatalogDoc>('catalog', CATALOG_NAME);
  if (!catalog && !storeWasEmpty) return;
  const doc = catalog ?? { name: CATALOG_NAME, applications: [] };
  if (doc.applications.includes(application)) return;
  tx.put('catalog', CATALOG_NAME, { ...doc, applications: [...doc.applications, application] });
}

/** Every application: from the catalog, else from the application documents (a store older than the catalog). */
export async function listApplications(store: DocumentStore): Promise<string[]> {
  const catalog = await store.read((r) => r.get<CatalogDoc>('catalog', CATALOG_NAME));
  if (catalog) {
    if (catalog.name !== CATALOG_NAME) throw new ConfigError('state store catalog document belongs to another object (hash collision)');
    return [...catalog.applications].sort();
  }
  const out: string[] = [];
  // Documents come first in a scan: stop at the first current state, before the (long) deployment history.
  for await (const e of store.scan()) {
    if (e.type !== 'doc') break;
    if (e.kind === 'application') out.push((e.value as ApplicationDoc).application);
  }
  return out.sort();
}
