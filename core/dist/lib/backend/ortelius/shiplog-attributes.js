export const STAGE_KEY = 'ShiplogStage';
const APPROVAL_PREFIX = 'ShiplogApproval_';
const DEPLOYMENT_PREFIX = 'ShiplogDeployment_';
export function approvalKey(stage) {
    return `${APPROVAL_PREFIX}${stage}`;
}
export function deploymentKey(id) {
    return `${DEPLOYMENT_PREFIX}${id}`;
}
export function encodeApproval(a) {
    const s = { approved: a.approved, by: a.by, at: a.at, ...(a.notes ? { notes: a.notes } : {}), ...(a.provenance ? { provenance: a.provenance } : {}) };
    return JSON.stringify(s);
}
/** The latest decision per stage, oldest first. */
export function approvalsFrom(appVersion, attrs) {
    const out = [];
    for (const [k, v] of Object.entries(attrs)) {
        if (!k.startsWith(APPROVAL_PREFIX))
            continue;
        const s = parse(v);
        if (!s || typeof s.approved !== 'boolean')
            continue;
        out.push({
            appVersion,
            stage: k.slice(APPROVAL_PREFIX.length),
            approved: s.approved,
            by: String(s.by ?? ''),
            at: String(s.at ?? ''),
            ...(s.notes ? { notes: s.notes } : {}),
            ...(s.provenance ? { provenance: s.provenance } : {}),
        });
    }
    return out.sort((a, b) => a.at.localeCompare(b.at));
}
export function encodeDeployment(d) {
    const s = {
        environment: d.environment,
        exitCode: d.exitCode ?? 1,
        mode: d.mode,
        componentVersions: d.componentVersions,
        startedAt: d.startedAt,
        ...(d.finishedAt ? { finishedAt: d.finishedAt } : {}),
        ...(d.logUrl ? { logUrl: d.logUrl } : {}),
        ...(d.attributes ? { attributes: d.attributes } : {}),
        provenance: d.provenance,
    };
    return JSON.stringify(s);
}
export function deploymentsFrom(attrs) {
    const out = new Map();
    for (const [k, v] of Object.entries(attrs)) {
        if (!k.startsWith(DEPLOYMENT_PREFIX))
            continue;
        const id = Number(k.slice(DEPLOYMENT_PREFIX.length));
        const s = parse(v);
        if (Number.isInteger(id) && s && typeof s.environment === 'string')
            out.set(id, s);
    }
    return out;
}
function parse(v) {
    try {
        const x = JSON.parse(v);
        return x && typeof x === 'object' ? x : undefined;
    }
    catch {
        return undefined;
    }
}
