/**
 * Reads this build's facts from the Jenkins API (the `jenkins` npm client): console log, causes and change
 * sets. shiplogDeploy attaches them to a record-only deployment. Credentials travel only in the
 * Authorization header, never in the URL (the client would echo a URL in its errors).
 */
import type { Agent } from 'node:http';
import Jenkins from 'jenkins';
import { limitedAgent, maxResponseBytes } from '@shiplog/core/kit';

export interface BuildRef {
  /** JENKINS_URL, e.g. https://ci.example.com/ */
  url: string;
  /** JOB_NAME, folders separated by `/` */
  job: string;
  /** BUILD_NUMBER */
  number: number;
  user: string;
  token: string;
  /** Largest answer read, in bytes (SHIPLOG_MAX_RESPONSE_MIB; default 32 MiB): past it the API is not used. */
  maxResponseBytes?: number;
}

export interface BuildFacts {
  consoleText: string;
  /** Deployment attributes: JobTriggeredBy, TriggeredByUser, CommitAuthors, ChangeSetCommits, JenkinsResult. */
  attributes: Record<string, string>;
}

interface JenkinsCause {
  shortDescription?: string;
  userId?: string;
  userName?: string;
}
interface JenkinsChangeItem {
  commitId?: string;
  author?: { fullName?: string };
  authorEmail?: string;
}
interface JenkinsBuild {
  result?: string | null;
  actions?: ({ _class?: string; causes?: JenkinsCause[] } | null)[];
  changeSets?: { items?: JenkinsChangeItem[] }[];
  changeSet?: { items?: JenkinsChangeItem[] };
}

/** At most this much console text is attached (the tail is kept: failures show at the end). */
export const MAX_CONSOLE_CHARS = 1_000_000;

export async function collectBuildFacts(ref: BuildRef): Promise<BuildFacts> {
  const auth = Buffer.from(`${ref.user}:${ref.token}`, 'utf8').toString('base64');
  const baseUrl = ref.url.replace(/\/+$/, '');
  const protocol = new URL(baseUrl).protocol === 'https:' ? 'https:' : 'http:';
  // The `agent` option reaches http(s).request through the client's HTTP layer (papi); @types/jenkins omits it.
  const options: ConstructorParameters<typeof Jenkins>[0] & { agent: Agent } = {
    baseUrl,
    crumbIssuer: false,
    headers: { authorization: `Basic ${auth}` },
    // Answers are cut off at the response size limit (a console log of gigabytes would fill the memory).
    agent: limitedAgent(protocol, ref.maxResponseBytes ?? maxResponseBytes(undefined), () => `the Jenkins API at ${baseUrl}`),
  };
  const client = new Jenkins(options);
  const [build, text] = await Promise.all([
    client.build.get(ref.job, ref.number) as Promise<JenkinsBuild>,
    client.build.log(ref.job, ref.number) as Promise<string>,
  ]);
  const consoleText = typeof text === 'string' ? text.slice(-MAX_CONSOLE_CHARS) : '';
  return { consoleText, attributes: buildAttributes(build) };
}

/** Pure mapping of a build's JSON to deployment attributes (only non-empty values). */
export function buildAttributes(build: JenkinsBuild): Record<string, string> {
  const causes = (build.actions ?? []).flatMap((a) => (a && Array.isArray(a.causes) ? a.causes : []));
  const triggeredBy = unique(causes.map((c) => c.shortDescription?.trim()).filter(isText));
  const users = unique(causes.map((c) => c.userId?.trim()).filter(isText));
  const items = [...(build.changeSets ?? []), ...(build.changeSet ? [build.changeSet] : [])].flatMap((s) => s.items ?? []);
  const authors = unique(items.map((i) => i.author?.fullName?.trim() || i.authorEmail?.trim()).filter(isText));
  const commits = unique(items.map((i) => i.commitId?.trim()).filter(isText)).slice(0, 50);
  const attrs: Record<string, string> = {};
  if (triggeredBy.length) attrs.JobTriggeredBy = triggeredBy.join('; ');
  if (users.length) attrs.TriggeredByUser = users.join(',');
  if (authors.length) attrs.CommitAuthors = authors.join(',');
  if (commits.length) attrs.ChangeSetCommits = commits.join(',');
  if (build.result) attrs.JenkinsResult = build.result;
  return attrs;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function isText(s: string | undefined): s is string {
  return typeof s === 'string' && s.length > 0;
}
