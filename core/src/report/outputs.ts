/**
 * Platform outputs renderer: a report's key/value pairs as a platform publishes them (GitHub step outputs,
 * Buildkite meta-data), names and set from the output table (kit/outputs.ts). Outputs say what was recorded:
 * a dry run publishes only `result` and the outputs marked `always` (the gate's verdict, plan and apply's counts),
 * and a failure publishes a deployment's outputs only once it was recorded (the `always` ones whatever happened: a
 * refusal or a failed apply is what a pipeline branches on).
 */
import type { Platform } from '../inputs.js';
import { deploymentOf, platformOutputs } from '../kit/outputs.js';
import type { Report } from './model.js';

export function renderOutputs(report: Report, platform: Platform): [string, string][] {
  if (!report.command) return [];
  const d = deploymentOf(report.result);
  const recorded =
    report.verdict === 'success' || (report.error !== undefined && report.result.dryRun !== true && d?.id !== undefined && d?.id !== null);
  const out: [string, string][] = [];
  for (const { spec, name } of platformOutputs(platform, report.command)) {
    if (spec.name !== 'result' && !spec.always && !recorded) continue;
    const value = spec.value(report.result);
    if (value !== undefined && value !== '') out.push([name, value]);
  }
  return out;
}
