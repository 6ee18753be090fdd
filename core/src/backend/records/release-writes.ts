/**
 * The release decisions of the record stores: approvals, moves and deployments, each one transaction that judges
 * the release policy again on what it reads (the backstop: policy/enforce.ts, the same gate the operations ran),
 * and the record of an application version the gate and `show` read. Inputs arrive redacted and checked
 * (record-backend.ts). A document written before per-version deployments is read with its deployments from the
 * history: the read or transaction throws NeedsHistory and runs once more with them (only old stores pay).
 */
import { createHash } from 'node:crypto';
import type { DeploymentRecordSpec, GateCheck, MoveSpec } from '../backend.js';
import { InvalidInputError, NotFoundError } from '../../errors.js';
import { deploymentFromSpec, environmentStateAfter } from '../deployment-record.js';
import type { AppVersionRecord, Approval, CiContext, Deployment, DeploymentRef, EnvironmentState, Override } from '../../model.js';
import { findStage } from '../../pipeline-config.js';
import { approverProblems } from '../../policy/approvals.js';
import { enforceGate, legacyMoveCheck } from '../../policy/enforce.js';
import { actorOrLegacy } from '../../policy/identity.js';
import { approverRefusal } from '../../policy/refusal.js';
import { avDoc, deploymentsFromHistory, recordOf, refOf } from './app-version-records.js';
import type { DocumentStore } from './document-store.js';
import type { ApplicationVersionDoc } from './documents.js';

export class ReleaseWrites {
  constructor(private readonly store: DocumentStore) {}

  async approve(approval: Approval, gate: Pick<GateCheck, 'pipeline'> | undefined): Promise<Approval> {
    const verb = approval.approved ? 'approve' : 'reject';
    const key = operationKey('approve', approval.provenance, [
      approval.appVersion,
      approval.stage,
      approval.approved,
      approval.by,
      approval.notes ?? '',
    ]);
    return this.store.transact({ title: `${verb}: ${approval.appVersion} for ${approval.stage} by ${approval.by}`, key }, async (tx) => {
      const doc = await avDoc(tx, approval.appVersion);
      if (!doc) throw new NotFoundError(`application version ${approval.appVersion} does not exist`);
      const stage = gate ? findStage(gate.pipeline, approval.stage) : undefined;
      if (gate && stage) {
        const problems = approverProblems(gate.pipeline, stage, doc.value, actorOrLegacy(approval.actor, approval.by), {
          rejecting: !approval.approved,
        });
        if (problems.length > 0)
          throw approverRefusal(
            `${verb === 'approve' ? 'approval' : 'rejection'} of ${doc.value.name} for ${stage.name}`,
            doc.value.name,
            problems,
          );
      }
      const saved = withOverriddenRejection(approval, doc.approvals);
      doc.approvals.push(saved);
      tx.put('application-version', approval.appVersion, doc);
      return saved;
    });
  }

  async record(fullName: string): Promise<AppVersionRecord | undefined> {
    return this.withHistory((legacy) =>
      this.store.read(async (r) => {
        const doc = await avDoc(r, fullName);
        return doc ? recordOf(r, doc, needLegacy(doc, legacy)) : undefined;
      }),
    );
  }

  async move(spec: MoveSpec): Promise<{ from: string; to: string; notes?: string; override?: Override }> {
    const name = spec.appVersion.name;
    const check = legacyMoveCheck(spec);
    const title = `move: ${name} from ${spec.from.name} to ${spec.to.name} by ${spec.by}`;
    const key = operationKey('move', spec.provenance, [name, spec.from.name, spec.to.name, spec.by]);
    return this.withHistory((legacy) =>
      this.store.transact({ title, key }, async (tx) => {
        const doc = await avDoc(tx, name);
        if (!doc) throw new NotFoundError(`application version ${name} does not exist`);
        const stage = doc.value.stage;
        if (stage !== undefined && stage !== spec.from.name && stage !== spec.from.domain) {
          throw new InvalidInputError(`application version ${name} is in stage ${stage}, not in ${spec.from.name}`);
        }
        // The backstop: the same gate the core ran, on what this transaction reads.
        const target = { action: 'move' as const, from: spec.from.name, to: spec.to.name };
        const override = check ? enforceGate(check, await recordOf(tx, doc, needLegacy(doc, legacy)), target).override : undefined;
        doc.value.stage = spec.to.name;
        const notes = spec.notes ? { notes: spec.notes } : {};
        doc.moves.push({
          from: spec.from.name,
          to: spec.to.name,
          task: spec.task,
          by: spec.by,
          ...(spec.actor ? { actor: spec.actor } : {}),
          at: spec.at,
          ...notes,
          ...(override ? { override } : {}),
          provenance: spec.provenance,
        });
        tx.put('application-version', name, doc);
        return { from: spec.from.name, to: spec.to.name, ...notes, ...(override ? { override } : {}) };
      }),
    );
  }

  async deploy(spec: DeploymentRecordSpec): Promise<Deployment> {
    const outcome = spec.exitCode === 0 ? 'succeeded' : `failed (exit ${spec.exitCode})`;
    // Record mode only: a deployment shiplog (or the server) ran is a fact once it ran, and is always recorded.
    const gated = spec.gate && spec.mode === 'record' ? spec.gate : undefined;
    const key = operationKey('deploy', spec.provenance, [spec.appVersion.name, spec.environment, spec.exitCode, spec.mode]);
    return this.withHistory((legacy) =>
      this.store.transact({ title: `deploy: ${spec.appVersion.name} to ${spec.environment} ${outcome}`, key }, async (tx) => {
        const doc = await avDoc(tx, spec.appVersion.name);
        if (!doc) throw new NotFoundError(`application version ${spec.appVersion.name} does not exist`);
        const av = doc.value;
        const target = { action: 'deploy' as const, environment: spec.environment };
        const override = gated ? enforceGate(gated, await recordOf(tx, doc, needLegacy(doc, legacy)), target).override : spec.override;
        const deployment: Deployment = deploymentFromSpec(
          { ...spec, override },
          { id: tx.next.deployment++, appVersion: av, log: spec.log },
        );
        tx.appendDeployment(deployment);
        // A document written before per-version deployments keeps none: readers take them from the history.
        if (doc.deployments) {
          doc.deployments.push(refOf(deployment));
          tx.put('application-version', av.name, doc);
        }
        if (deployment.status === 'success') {
          const state: EnvironmentState = {
            ...environmentStateAfter(deployment, av, spec),
            ...(spec.actor ? { actor: spec.actor } : {}),
            ...(override ? { override } : {}),
            ...(spec.stateRevisions ? { stateRevisions: { ...spec.stateRevisions } } : {}),
          };
          tx.putEnvState(state);
        }
        return deployment;
      }),
    );
  }

  /** Runs `run`; when it meets a document without its deployments, once more with them from the history. */
  private async withHistory<T>(run: (legacy: DeploymentRef[] | undefined) => Promise<T>): Promise<T> {
    try {
      return await run(undefined);
    } catch (err) {
      if (!(err instanceof NeedsHistory)) throw err;
      return run(await deploymentsFromHistory(this.store, err.application, err.appVersion));
    }
  }
}

/**
 * The idempotency key of a deployment, approval or move made in CI (OperationSummary.key): the operation, its
 * request without timestamps, and the build and job that made it. A re-run of the same step (after a crash, or
 * a retry wrapper) carries the same key; outside CI there is no build identity and no key.
 */
export function operationKey(kind: string, provenance: CiContext | undefined, request: unknown[]): string | undefined {
  if (!provenance?.isCi || !provenance.buildId) return undefined;
  const who = [provenance.provider, provenance.repo ?? '', provenance.buildId, provenance.job ?? '', provenance.jobUrl ?? ''];
  return createHash('sha256')
    .update(JSON.stringify([kind, ...who, ...request]), 'utf8')
    .digest('hex')
    .slice(0, 32);
}

/** Thrown inside a read or transaction that met a document without its deployments (withLegacy retries). */
class NeedsHistory extends Error {
  constructor(
    readonly application: string,
    readonly appVersion: string,
  ) {
    super(`${appVersion}: deployments are in the history only`);
  }
}

/** The deployments to use for a document: its own, else the history's (asking for them when not read yet). */
function needLegacy(doc: ApplicationVersionDoc, legacy: DeploymentRef[] | undefined): DeploymentRef[] | undefined {
  if (doc.deployments || legacy) return legacy;
  throw new NeedsHistory(doc.value.application, doc.value.name);
}

/** An approval recorded while the stage's latest decision is a rejection names the rejection it overrides. */
function withOverriddenRejection(approval: Approval, earlier: readonly Approval[]): Approval {
  if (!approval.approved) return approval;
  const last = [...earlier].reverse().find((a) => a.stage === approval.stage);
  return last && !last.approved ? { ...approval, overrides: { by: last.by, at: last.at } } : approval;
}
