/**
 * What the Jenkins library's two node helpers decide; the adapter's ts/ keeps only their I/O.
 * - jenkins-context.mjs (a record-only shiplogDeploy): the environment it needs, what a build's JSON means as
 *   deployment attributes, and its answer; the adapter makes the Jenkins API requests and writes the console log.
 * - report.mjs: its arguments and what it prints (the lines are kit/step-report.ts jenkinsStepLines).
 */
import type { Env } from '../host.js';
import { Redactor } from '../redact.js';
import { maxResponseBytes } from '../response-limit.js';
import { jenkinsStepLines } from './step-report.js';

/** The build the helper reads, and how. */
export interface JenkinsBuildRef {
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

export interface JenkinsBuildFacts {
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
/** The parts of a build's JSON (`<job>/<number>/api/json`) that are read. */
export interface JenkinsBuildJson {
  result?: string | null;
  actions?: ({ _class?: string; causes?: JenkinsCause[] } | null)[];
  changeSets?: { items?: JenkinsChangeItem[] }[];
  changeSet?: { items?: JenkinsChangeItem[] };
}

/** What jenkins-context.mjs prints: the console log's file and the attributes, or why the API was not used. */
export type JenkinsContextAnswer = { ok: true; logFile: string; attributes: Record<string, string> } | { ok: false; warning: string };

/** At most this much console text is attached (the tail is kept: failures show at the end). */
export const MAX_CONSOLE_CHARS = 1_000_000;

/** The environment the helper needs (the last two are bound by withCredentials from jenkinsCredentialsId). */
export const JENKINS_CONTEXT_ENV = ['JENKINS_URL', 'JOB_NAME', 'BUILD_NUMBER', 'SHIPLOG_JENKINS_USER', 'SHIPLOG_JENKINS_TOKEN'] as const;

const NOT_USED = 'Jenkins API not used';

/** The facts of one build from its JSON and its console text. */
export function jenkinsBuildFacts(build: JenkinsBuildJson, text: unknown): JenkinsBuildFacts {
  const consoleText = typeof text === 'string' ? text.slice(-MAX_CONSOLE_CHARS) : '';
  return { consoleText, attributes: jenkinsBuildAttributes(build) };
}

/** Pure mapping of a build's JSON to deployment attributes (only non-empty values). */
export function jenkinsBuildAttributes(build: JenkinsBuildJson): Record<string, string> {
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

/**
 * The helper's answer: the build named by the environment, its facts read by `collect` (the Jenkins API calls) and
 * its console log written by `writeLog` (which returns the file's path), both redacted of the API token in every
 * form (also inside `user:token` basic-auth strings). It never rejects: without Jenkins API access the deployment is
 * still recorded, with the warning.
 */
export async function jenkinsContextAnswer(
  env: Env,
  collect: (ref: JenkinsBuildRef) => Promise<JenkinsBuildFacts>,
  writeLog: (text: string) => string,
): Promise<JenkinsContextAnswer> {
  try {
    return await answer(env, collect, writeLog);
  } catch (e) {
    return { ok: false, warning: `${NOT_USED}: ${String(e).split('\n')[0]}` };
  }
}

async function answer(
  env: Env,
  collect: (ref: JenkinsBuildRef) => Promise<JenkinsBuildFacts>,
  writeLog: (text: string) => string,
): Promise<JenkinsContextAnswer> {
  const missing = JENKINS_CONTEXT_ENV.filter((k) => !env[k]);
  if (missing.length) return { ok: false, warning: `${NOT_USED}: ${missing.join(', ')} not set` };
  const number = Number(env.BUILD_NUMBER);
  if (!Number.isInteger(number) || number < 1)
    return { ok: false, warning: `${NOT_USED}: BUILD_NUMBER "${env.BUILD_NUMBER}" is not a build number` };
  const user = env.SHIPLOG_JENKINS_USER as string;
  const token = env.SHIPLOG_JENKINS_TOKEN as string;
  const redactor = new Redactor();
  redactor.add(token);
  redactor.add(`${user}:${token}`);
  const mib = Number(env.SHIPLOG_MAX_RESPONSE_MIB);
  try {
    const ref = { url: env.JENKINS_URL as string, job: env.JOB_NAME as string, number, user, token };
    const facts = await collect({ ...ref, maxResponseBytes: maxResponseBytes(mib > 0 ? mib : undefined) });
    const logFile = writeLog(redactor.redact(facts.consoleText));
    return { ok: true, logFile, attributes: redactor.redactValue(facts.attributes) };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { ok: false, warning: `${NOT_USED}: ${redactor.redact(msg).split('\n')[0]}` };
  }
}

/**
 * report.mjs `--result FILE --operation OP [--exit CODE]` (without --exit: failed when the result says so): on stdout
 * the build description line and, for a failure, the message the step fails with; on stderr the console report
 * (apply). A result file that cannot be read is no result.
 */
export function jenkinsReportOutput(argv: readonly string[], read: (file: string) => string): { stdout: string; stderr?: string } {
  const arg = (name: string) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
  let text: string;
  try {
    text = read(arg('--result') ?? '');
  } catch {
    text = '';
  }
  const exit = arg('--exit');
  const lines = jenkinsStepLines(arg('--operation'), text, exit === undefined ? undefined : Number(exit));
  const stdout = `${lines.description}\n${lines.failure !== undefined ? `${lines.failure}\n` : ''}`;
  return lines.console !== undefined ? { stdout, stderr: lines.console } : { stdout };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function isText(s: string | undefined): s is string {
  return typeof s === 'string' && s.length > 0;
}
