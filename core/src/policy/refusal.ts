/**
 * A refused verdict as the error every command and backend throws: one line naming each unmet rule and its next
 * step, exit 1, and `gatePassed: false` with `unmetRules` in the JSON result (ShiplogError.details). The same
 * verdict always gives the same message, so a dry run and the real run say exactly the same thing.
 */
import { ApprovalRejectedError, ApprovalRequiredError, GateRefusedError, type ShiplogError } from '../errors.js';
import type { UnmetRule } from '../model.js';
import type { Verdict } from './gate.js';

/** `rule: message (next: step)` for each rule, joined with `; `. */
export function describeRules(rules: readonly UnmetRule[]): string {
  return rules.map((r) => `${r.rule}: ${r.message} (next: ${r.next})`).join('; ');
}

/** What a verdict is about: `move of GLOBAL.Acme.shop;3 to prod`, `deployment of ... to prod-eu`. */
export function verdictSubject(v: Pick<Verdict, 'action' | 'appVersion' | 'stage' | 'environment'>): string {
  return v.action === 'move'
    ? `move of ${v.appVersion} to ${v.stage}`
    : `deployment of ${v.appVersion} to ${v.environment} (stage ${v.stage})`;
}

export function gateDetails(rules: readonly UnmetRule[]): { gatePassed: false; unmetRules: UnmetRule[] } {
  return { gatePassed: false, unmetRules: [...rules] };
}

/** The error of a refused verdict (APPROVAL_REQUIRED / APPROVAL_REJECTED when approvals are all that is missing). */
export function gateRefusal(v: Pick<Verdict, 'action' | 'appVersion' | 'stage' | 'environment' | 'unmetRules'>): ShiplogError {
  const message = `${verdictSubject(v)} refused by the release policy: ${describeRules(v.unmetRules)}`;
  const opts = {
    details: gateDetails(v.unmetRules),
    hint: `shiplog show "${v.appVersion}" lists every decision and what each stage still needs`,
  };
  const kinds = new Set(v.unmetRules.map((r) => r.rule));
  if ([...kinds].every((k) => k === 'approval')) return new ApprovalRequiredError(message, opts);
  if (kinds.has('rejected') && [...kinds].every((k) => k === 'approval' || k === 'rejected'))
    return new ApprovalRejectedError(message, opts);
  return new GateRefusedError(message, opts);
}

/** The error of an identity that may not approve or reject (nothing is stored). */
export function approverRefusal(what: string, appVersion: string, rules: readonly UnmetRule[]): ShiplogError {
  return new GateRefusedError(`${what} refused by the release policy: ${describeRules(rules)}`, {
    code: 'APPROVER_REFUSED',
    details: gateDetails(rules),
    hint: `shiplog show "${appVersion}" lists the approvers of each stage`,
  });
}
