/**
 * `report: true`: uploads the dashboard the core wrote (shiplog-report.html and .md) as one artifact of the workflow
 * run with @actions/artifact (artifacts v4), so that the job summary can link it. Whether the runner offers the
 * service, the name and the page are the kit's (kit/github-artifact.ts). The release already happened: no service
 * or a failed upload is one warning, never a failed step, and the page stays in the workspace.
 */
import path from 'node:path';
import * as core from '@actions/core';
import { publishedReportOf, reportArtifactName, reportArtifactUnavailable, reportArtifactUrl } from '@shiplog/core';
import type { JsonResult, Redactor, ReportArtifact, RunContext } from '@shiplog/core';

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
  const warn = (why: string) => core.warning(redactor.redact(`the release dashboard was not uploaded as an artifact${why} ${keep}`));
  const unavailable = reportArtifactUnavailable(env);
  if (unavailable) return void warn(`: ${unavailable};`);
  const name = reportArtifactName(env);
  const files = [published.html, published.markdown].flatMap((f) => (f ? [path.resolve(cwd, f.path)] : []));
  try {
    // dist/artifact-upload.cjs: a bundle of its own (not a chunk), so that none of its modules is hoisted into the entry.
    const { uploadArtifact } = (await import(
      new URL('./artifact-upload.cjs', import.meta.url).href
    )) as typeof import('./artifact-upload.js');
    const uploaded = await core.group(`shiplog: upload the release dashboard as artifact ${name}`, () =>
      uploadArtifact(name, files, path.resolve(cwd)),
    );
    if (uploaded.id === undefined) throw new Error('the artifact service returned no artifact id');
    const url = reportArtifactUrl(ctx, uploaded.id);
    core.info(`release dashboard uploaded as artifact ${name}${url ? `: ${url}` : ` (id ${uploaded.id})`}`);
    return { name, id: uploaded.id, ...(url ? { url } : {}) };
  } catch (err) {
    warn(` (${name}): ${(err instanceof Error ? err.message : String(err)).split('\n', 1)[0].trim()}; the operation's outcome stands,`);
    return undefined;
  }
}
