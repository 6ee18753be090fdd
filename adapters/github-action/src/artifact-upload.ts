// Entry of dist/artifact-upload.cjs, a bundle of its own (rollup.config.mjs): GitHub's artifact client
// (@actions/artifact: the results service, Azure blob storage, zip) with everything it needs. Only a step with
// `report: true` on a runner that offers artifacts loads it (report-artifact.ts), so the action's start does not
// grow with it.
import { DefaultArtifactClient } from '@actions/artifact';

/** Uploads `files` (under `rootDirectory`) as one zipped artifact of the workflow run; the id the service gave it. */
export async function uploadArtifact(name: string, files: string[], rootDirectory: string): Promise<{ id?: number; size?: number }> {
  const { id, size } = await new DefaultArtifactClient().uploadArtifact(name, files, rootDirectory);
  return { id, size };
}
