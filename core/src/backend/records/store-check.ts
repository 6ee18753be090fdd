/**
 * `shiplog store check`: reads every record of a store (any engine) and reports what does not hold
 * together: a document filed under another name, a listed version that is missing, an application version
 * naming a component version that does not exist, a current state pointing at a deployment that did not
 * succeed there, deployment ids that are not dense and increasing, counters behind the ids in use.
 */
import type { ApplicationVersion, ComponentVersion, Deployment, EnvironmentState } from '../../model.js';
import type { DocumentStore, StoreEntry } from './document-store.js';
import type { ApplicationDoc, ApplicationVersionDoc, ComponentBaseDoc, ComponentVersionDoc } from './documents.js';
import { StoreFingerprint, entryLabel } from './store-entries.js';

export interface StoreProblem {
  /** The record concerned ("application-version GLOBAL.Acme.shop;3", "deployment 12"). */
  record: string;
  problem: string;
}

export interface StoreCheckReport {
  counts: StoreFingerprint['counts'];
  problems: StoreProblem[];
}

const MAX_PROBLEMS = 1000;

function numericId(id: unknown, prefix: string): number | undefined {
  if (typeof id !== 'string' || !id.startsWith(prefix)) return undefined;
  const n = Number(id.slice(prefix.length));
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export async function checkStore(store: DocumentStore): Promise<StoreCheckReport> {
  const problems: StoreProblem[] = [];
  const report = (record: string, problem: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ record, problem });
  };
  const fp = new StoreFingerprint();
  const cvs = new Map<string, ComponentVersion>();
  const bases = new Map<string, ComponentBaseDoc>();
  const apps = new Map<string, ApplicationDoc>();
  const avs = new Map<string, ApplicationVersion>();
  const states: EnvironmentState[] = [];
  const deployments = new Map<number, Pick<Deployment, 'appVersion' | 'environment' | 'status'>>();
  let lastId = 0;
  const info = await store.info();

  for await (const e of store.scan()) {
    fp.add(e);
    const label = entryLabel(e);
    if (!isObject(e.value)) {
      report(label, 'is not a JSON object');
      continue;
    }
    if (e.type === 'doc') checkDoc(e, label, report, { cvs, bases, apps, avs });
    else if (e.type === 'env-state') states.push(e.value);
    else {
      const d = e.value;
      if (!Number.isSafeInteger(d.id) || d.id < 1) report(label, `has no valid id (${JSON.stringify(d.id)})`);
      else {
        if (d.id !== lastId + 1)
          report(
            label,
            d.id <= lastId
              ? `comes after deployment ${lastId} (ids must increase)`
              : `follows deployment ${lastId}: ids ${lastId + 1}-${d.id - 1} are missing`,
          );
        lastId = Math.max(lastId, d.id);
        deployments.set(d.id, { appVersion: d.appVersion, environment: d.environment, status: d.status });
      }
    }
  }

  // Cross-references.
  for (const [base, doc] of bases) {
    for (const v of doc.versions ?? []) {
      const cv = cvs.get(v);
      if (!cv) report(`component-base ${base}`, `lists component version ${v}, which does not exist`);
      else if (cv.base !== base) report(`component-base ${base}`, `lists component version ${v}, which belongs to ${cv.base}`);
    }
  }
  let maxCv = 0;
  for (const [name, cv] of cvs) {
    if (!bases.get(cv.base)?.versions?.includes(name)) report(`component-version ${name}`, `is not listed by its base ${cv.base}`);
    if (cv.predecessor !== undefined && !cvs.has(cv.predecessor))
      report(`component-version ${name}`, `names predecessor ${cv.predecessor}, which does not exist`);
    const n = numericId(cv.id, 'cv:');
    if (n === undefined) report(`component-version ${name}`, `has no valid id (${JSON.stringify(cv.id)})`);
    else maxCv = Math.max(maxCv, n);
  }
  for (const [app, doc] of apps) {
    for (const v of doc.versions ?? []) {
      const av = avs.get(v);
      if (!av) report(`application ${app}`, `lists application version ${v}, which does not exist`);
      else if (av.application !== app) report(`application ${app}`, `lists application version ${v}, which belongs to ${av.application}`);
    }
  }
  let maxAv = 0;
  for (const [name, av] of avs) {
    if (!apps.get(av.application)?.versions?.includes(name))
      report(`application-version ${name}`, `is not listed by its application ${av.application}`);
    for (const c of av.components ?? [])
      if (!cvs.has(c)) report(`application-version ${name}`, `holds component version ${c}, which does not exist`);
    if (av.predecessor !== undefined && !avs.has(av.predecessor))
      report(`application-version ${name}`, `names predecessor ${av.predecessor}, which does not exist`);
    const n = numericId(av.id, 'av:');
    if (n === undefined) report(`application-version ${name}`, `has no valid id (${JSON.stringify(av.id)})`);
    else maxAv = Math.max(maxAv, n);
  }
  for (const [id, d] of deployments) {
    if (!avs.has(d.appVersion)) report(`deployment ${id}`, `deployed application version ${d.appVersion}, which does not exist`);
  }
  for (const s of states) {
    const label = `state of ${s.application} in ${s.name}`;
    if (!avs.has(s.appVersion)) report(label, `names application version ${s.appVersion}, which does not exist`);
    const d = deployments.get(s.deploymentId);
    if (!d) report(label, `names deployment ${s.deploymentId}, which does not exist`);
    else if (d.status !== 'success' || d.environment !== s.name || d.appVersion !== s.appVersion) {
      report(label, `names deployment ${s.deploymentId}, which is not a successful deployment of ${s.appVersion} to ${s.name}`);
    }
  }
  const next = info.next;
  if (next.componentVersion <= maxCv)
    report('counters', `next component version id ${next.componentVersion} is not above the highest in use (cv:${maxCv})`);
  if (next.applicationVersion <= maxAv)
    report('counters', `next application version id ${next.applicationVersion} is not above the highest in use (av:${maxAv})`);
  if (next.deployment <= lastId) report('counters', `next deployment id ${next.deployment} is not above the highest in use (${lastId})`);
  return { counts: fp.counts, problems };
}

interface Indexes {
  cvs: Map<string, ComponentVersion>;
  bases: Map<string, ComponentBaseDoc>;
  apps: Map<string, ApplicationDoc>;
  avs: Map<string, ApplicationVersion>;
}

function checkDoc(e: Extract<StoreEntry, { type: 'doc' }>, label: string, report: (r: string, p: string) => void, ix: Indexes): void {
  const owner = (got: unknown) => {
    if (got !== e.name) report(label, `is filed under ${e.name} but belongs to ${JSON.stringify(got)}`);
    return got === e.name;
  };
  switch (e.kind) {
    case 'component-base': {
      const doc = e.value as ComponentBaseDoc;
      if (!Array.isArray(doc.versions)) report(label, 'has no version list');
      if (owner(doc.base)) ix.bases.set(e.name, doc);
      break;
    }
    case 'component-version': {
      const doc = e.value as ComponentVersionDoc;
      if (!isObject(doc.value)) report(label, 'has no component version');
      else if (owner(doc.value.name)) ix.cvs.set(e.name, doc.value);
      break;
    }
    case 'application': {
      const doc = e.value as ApplicationDoc;
      if (!Array.isArray(doc.versions)) report(label, 'has no version list');
      if (owner(doc.application)) ix.apps.set(e.name, doc);
      break;
    }
    case 'application-version': {
      const doc = e.value as ApplicationVersionDoc;
      if (!isObject(doc.value)) report(label, 'has no application version');
      else if (owner(doc.value.name)) ix.avs.set(e.name, doc.value);
      break;
    }
    default:
      // A kind this version of shiplog does not check (a newer record kind): counted, not judged.
      break;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
