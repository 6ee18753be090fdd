/**
 * `report: true`: uploads the dashboard the core wrote (shiplog-report.html and .md) as one artifact of the
 * workflow run with GitHub's @actions/artifact (artifacts v4), so that the job summary can link it. The kit says
 * whether the runner offers the service and names the artifact (report-artifact-rules.ts); this file only
 * does the upload. The release already happened: a runner without the service or a failed upload is one warning,
 * never a failed step, and the page stays in the workspace (the `report-html` output).
 */
import path from 'node:path';
import * as core from '@actions/core';
import { publishedReportOf, type JsonResult, type Redactor, type ReportArtifact } from '@shiplog/core';
import { reportArtifactName, reportArtifactUnavailable, reportArtifactUrl } from './report-artifact-rules.js';
import type { RunContext } from './run-links.js';

const NOT_UPLOADED = 'the release dashboard was not uploaded as an artifact';

/**
 * Uploads the written page as the run's artifact and returns it, or undefined (no page, no service, a failed
 * upload: each but the first with one warning). `env` is the job's environment, the one @actions/artifact reads.
 */
export async function uploadReportArtifact(
  json: JsonResult,
  cwd: string,
  ctx: RunContext,
  env: NodeJS.ProcessEnv,
  redactor: Redactor,
): Promise<ReportArtifact | undefined> {
  const published = publishedReportOf(json);
  if (!published?.html) return undefined;
  const keep = `${published.html.path} stays in the workspace (the report-html output)`;
  const why = reportArtifactUnavailable(env);
  if (why) {
    core.warning(redactor.redact(`${NOT_UPLOADED}: ${why}; ${keep}`));
    return undefined;
  }
  const name = reportArtifactName(env);
  const files = [published.html.path, ...(published.markdown ? [published.markdown.path] : [])].map((f) => path.resolve(cwd, f));
  try {
    const { uploadArtifact } = await loadUploader();
    const uploaded = await core.group(`shiplog: upload the release dashboard as artifact ${name}`, () =>
      uploadArtifact(name, files, path.resolve(cwd)),
    );
    if (uploaded.id === undefined) throw new Error('the artifact service returned no artifact id');
    const url = reportArtifactUrl(ctx, uploaded.id);
    core.info(`release dashboard uploaded as artifact ${name}${url ? `: ${url}` : ` (id ${uploaded.id})`}`);
    return { name, id: uploaded.id, ...(url ? { url } : {}) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    core.warning(redactor.redact(`${NOT_UPLOADED} (${name}): ${firstLine(message)}; the operation's outcome stands, ${keep}`));
    return undefined;
  }
}

/**
 * The artifact client, dist/artifact-upload.cjs beside this bundle: a separate bundle (not a chunk of this one) so
 * that none of its modules is hoisted into the action's entry; loaded only here.
 */
async function loadUploader(): Promise<typeof import('./artifact-upload.js')> {
  const url = new URL('./artifact-upload.cjs', import.meta.url).href;
  return (await import(url)) as typeof import('./artifact-upload.js');
}

const firstLine = (s: string): string => s.split('\n', 1)[0].trim();
