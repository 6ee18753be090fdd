/**
 * `move`: moves an application version from its stage to another (an Ortelius domain) via the target's move
 * task. Moving into a gated stage needs a standing approval for it (the backend enforces: exit 1 with
 * ApprovalRequiredError or ApprovalRejectedError). Accepts dh's --from-domain/--task and a friendlier --to.
 */
import { InvalidInputError } from '../errors.js';
import { findStage, nextStage, requireStage } from '../pipeline-config.js';
import { actorOf } from './approve.js';
import { findAppVersion, parseAppVersionRef } from './app-version-lookup.js';
import { bool, str } from './request-inputs.js';
export const moveCommand = {
    name: 'move',
    summary: 'Move an application version to another pipeline stage (approval-gated stages need `approve` first)',
    examples: [
        'shiplog move --application GLOBAL.Acme.Store.shop --app-version 1.0.3 --to qa',
        'shiplog move --application "GLOBAL.Acme.Store.shop;1.0.3" --from-domain GLOBAL.Acme.qa --task "Move to prod"',
    ],
    mutating: true,
    request(inputs) {
        const problems = [];
        const app = parseAppVersionRef(str(inputs, 'application'), str(inputs, 'app-version'), problems);
        if (problems.length > 0 || !app)
            throw InvalidInputError.of(problems);
        return {
            app,
            to: str(inputs, 'to'),
            from: str(inputs, 'from'),
            task: str(inputs, 'task'),
            notes: str(inputs, 'notes'),
            dryRun: bool(inputs, 'dry-run'),
        };
    },
    async run(ctx, req) {
        const pipeline = await ctx.pipeline();
        const problems = [];
        const named = (v) => {
            if (v === undefined)
                return undefined;
            const s = findStage(pipeline, v);
            if (!s)
                problems.push(`unknown stage "${v}"`);
            return s;
        };
        const toNamed = named(req.to);
        const fromNamed = named(req.from);
        if (problems.length > 0) {
            throw InvalidInputError.of(problems, `stages: ${pipeline.stages.map((s) => `${s.name} (domain ${s.domain})`).join(', ')}`);
        }
        const backend = await ctx.backend();
        const av = await findAppVersion(backend, req.app);
        const current = av.stage !== undefined ? findStage(pipeline, av.stage) : undefined;
        if (fromNamed && current && fromNamed.name !== current.name) {
            throw new InvalidInputError(`${av.name} is in stage "${current.name}", not "${fromNamed.name}"`, { hint: 'omit --from to move from the current stage' });
        }
        const from = fromNamed ?? current ?? (av.stage !== undefined ? requireStage(pipeline, av.stage) : undefined);
        if (!from) {
            throw new InvalidInputError(`the current stage of ${av.name} is unknown to the ${backend.kind} backend`, { hint: 'name it with --from (stage or domain)' });
        }
        const to = toNamed ?? nextStage(pipeline, from.name);
        if (!to) {
            throw new InvalidInputError(`${av.name} is in the last stage ("${from.name}"); there is no next stage`, { hint: 'name the target with --to' });
        }
        const task = req.task ?? to.task;
        const base = { ok: true, operation: 'move', appVersion: av.name, from: from.name, to: to.name, task, requiresApproval: to.requiresApproval };
        if (from.name === to.name) {
            ctx.host.log.info(`${av.name} already is in ${to.name}; nothing to move`);
            return { ...base, moved: false };
        }
        if (req.dryRun) {
            ctx.host.log.info(`dry run: would move ${av.name} from ${from.name} to ${to.name} via task "${task}"${to.requiresApproval ? ` (${to.name} needs an approval)` : ''}`);
            return { ...base, moved: false, ...(req.notes ? { notes: req.notes } : {}), dryRun: true };
        }
        const done = await backend.moveApplicationVersion({
            appVersion: av,
            from: { name: from.name, domain: from.domain },
            to: { name: to.name, domain: to.domain },
            task,
            requiresApproval: to.requiresApproval,
            by: actorOf(ctx),
            at: ctx.host.now().toISOString(),
            ...(req.notes ? { notes: req.notes } : {}),
            provenance: ctx.ci(),
        });
        const notes = done.notes ?? (req.notes ? ctx.host.redactor.redact(req.notes) : undefined);
        return { ...base, from: done.from, to: done.to, moved: true, ...(notes ? { notes } : {}) };
    },
    render(res) {
        if (res.dryRun)
            return `[dry run] ${res.appVersion}: ${res.from} -> ${res.to} (task "${res.task}")`;
        if (!res.moved)
            return `${res.appVersion} stays in ${res.to}`;
        return `${res.appVersion} moved ${res.from} -> ${res.to} (task "${res.task}")`;
    },
};
