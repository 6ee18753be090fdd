/**
 * `approve`: records an approval (or with --reject a rejection) of an application version for a stage:
 * who (the CI actor, else $USER), when, and notes. A gated `move` into that stage needs a standing approval.
 */
import { InvalidInputError } from '../errors.js';
import { findStage, nextStage, requireStage } from '../pipeline-config.js';
import { findAppVersion, parseAppVersionRef } from './app-version-lookup.js';
import { bool, str } from './request-inputs.js';
/** Who is acting: the CI actor, else the USER environment variable, else "unknown". */
export function actorOf(ctx) {
    return ctx.ci().actor || ctx.host.env.USER || ctx.host.env.USERNAME || 'unknown';
}
export const approveCommand = {
    name: 'approve',
    summary: 'Approve (or --reject) an application version for a stage',
    examples: [
        'shiplog approve --application GLOBAL.Acme.Store.shop --app-version 1.0.3 --stage prod',
        'shiplog approve --application "GLOBAL.Acme.Store.shop;1.0.3" --reject --notes "smoke tests failed"',
    ],
    mutating: true,
    request(inputs) {
        const problems = [];
        const app = parseAppVersionRef(str(inputs, 'application'), str(inputs, 'app-version'), problems);
        if (problems.length > 0 || !app)
            throw InvalidInputError.of(problems);
        return { app, stage: str(inputs, 'stage'), reject: bool(inputs, 'reject'), notes: str(inputs, 'notes'), dryRun: bool(inputs, 'dry-run') };
    },
    async run(ctx, req) {
        const pipeline = await ctx.pipeline();
        // An unknown --stage is reported before the store is even opened.
        const named = req.stage !== undefined ? requireStage(pipeline, req.stage) : undefined;
        const backend = await ctx.backend();
        const av = await findAppVersion(backend, req.app);
        let stage = named;
        if (!stage && av.stage !== undefined && !findStage(pipeline, av.stage)) {
            throw new InvalidInputError(`${av.name} is in stage "${av.stage}", which the pipeline config does not have`, { hint: 'name the stage with --stage' });
        }
        if (!stage) {
            stage = nextStage(pipeline, av.stage);
            if (!stage) {
                throw new InvalidInputError(`${av.name} is in the last stage ("${av.stage}"); there is no next stage to approve`, {
                    hint: 'name the stage with --stage',
                });
            }
        }
        const approval = {
            appVersion: av.name,
            stage: stage.name,
            approved: !req.reject,
            by: actorOf(ctx),
            at: ctx.host.now().toISOString(),
            ...(req.notes ? { notes: req.notes } : {}),
            provenance: ctx.ci(),
        };
        const base = { ok: true, operation: 'approve', appVersion: av.name, approved: approval.approved, stage: stage.name };
        if (req.dryRun) {
            ctx.host.log.info(`dry run: would record ${approval.approved ? 'an approval' : 'a rejection'} of ${av.name} for ${stage.name} by ${approval.by}`);
            return { ...base, by: approval.by, at: approval.at, ...(req.notes ? { notes: req.notes } : {}), dryRun: true };
        }
        const saved = await backend.recordApproval(approval);
        return { ...base, by: saved.by, at: saved.at, ...(saved.notes ? { notes: saved.notes } : {}) };
    },
    render(res) {
        const what = res.approved ? 'approved' : 'rejected';
        return `${res.dryRun ? '[dry run] ' : ''}${res.appVersion} ${what} for ${res.stage} by ${res.by}`;
    },
};
