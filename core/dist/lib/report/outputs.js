import { deploymentOf, platformOutputs } from '../kit/outputs.js';
export function renderOutputs(report, platform) {
    if (!report.command)
        return [];
    const d = deploymentOf(report.result);
    const recorded = report.verdict === 'success' || (report.error !== undefined && report.result.dryRun !== true && d?.id !== undefined && d?.id !== null);
    const out = [];
    for (const { spec, name } of platformOutputs(platform, report.command)) {
        if (spec.name !== 'result' && !recorded)
            continue;
        const value = spec.value(report.result);
        if (value !== undefined && value !== '')
            out.push([name, value]);
    }
    return out;
}
