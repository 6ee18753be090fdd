// kit/jenkins-helpers.ts: what the Jenkins library's node helpers decide (jenkins-context.mjs: the build's JSON as
// deployment attributes, the environment it needs, its answer; report.mjs: its arguments and output). The Jenkins
// API requests and the bundled helpers are tested in adapters/jenkins/test/jenkins-context.test.ts.
import { describe, expect, it } from 'vitest';
import {
  JENKINS_CONTEXT_ENV,
  jenkinsBuildAttributes,
  jenkinsBuildFacts,
  jenkinsContextAnswer,
  jenkinsReportOutput,
  jenkinsStepLines,
  MAX_CONSOLE_CHARS,
  type JenkinsBuildFacts,
  type JenkinsBuildRef,
} from '@shiplog/core/kit';
import { BUILD, TOKEN } from './support/jenkins-build-fixture.js';

const ENV = {
  JENKINS_URL: 'https://ci.example.com/',
  JOB_NAME: 'shop/main',
  BUILD_NUMBER: '7',
  SHIPLOG_JENKINS_USER: 'ci-bot',
  SHIPLOG_JENKINS_TOKEN: TOKEN,
};
const basic = Buffer.from(`ci-bot:${TOKEN}`).toString('base64');

/** Fake I/O for jenkinsContextAnswer: the refs asked for and the logs written. */
function io(facts: () => Promise<JenkinsBuildFacts>) {
  const refs: JenkinsBuildRef[] = [];
  const logs: string[] = [];
  return {
    refs,
    logs,
    collect: (ref: JenkinsBuildRef) => (refs.push(ref), facts()),
    writeLog: (text: string) => (logs.push(text), '/ws/.shiplog-bin/jenkins/console.log'),
  };
}

describe('jenkinsBuildAttributes', () => {
  it('maps causes and change sets to deployment attributes', () => {
    expect(jenkinsBuildAttributes(BUILD)).toEqual({
      JobTriggeredBy: 'Started by user Alice',
      TriggeredByUser: 'alice',
      CommitAuthors: 'Alice,Bob',
      ChangeSetCommits: 'a1b2c3,d4e5f6,a1b2c4',
    });
    expect(jenkinsBuildAttributes({})).toEqual({});
  });

  it('takes the legacy changeSet, the author e-mail without a name, the result, and at most 50 commits', () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ commitId: `c${i}`, authorEmail: ' dev@example.com ' }));
    const attrs = jenkinsBuildAttributes({ result: 'SUCCESS', changeSet: { items } });
    expect(attrs).toEqual({
      CommitAuthors: 'dev@example.com',
      ChangeSetCommits: items
        .slice(0, 50)
        .map((i) => i.commitId)
        .join(','),
      JenkinsResult: 'SUCCESS',
    });
  });
});

describe('jenkinsBuildFacts', () => {
  it('keeps the tail of the console text, at most MAX_CONSOLE_CHARS, and no text when the log is not text', () => {
    const text = 'x'.repeat(MAX_CONSOLE_CHARS) + 'the end';
    const facts = jenkinsBuildFacts(BUILD, text);
    expect(facts.consoleText.length).toBe(MAX_CONSOLE_CHARS);
    expect(facts.consoleText.endsWith('the end')).toBe(true);
    expect(facts.attributes.CommitAuthors).toBe('Alice,Bob');
    expect(jenkinsBuildFacts({}, undefined)).toEqual({ consoleText: '', attributes: {} });
  });
});

describe('jenkinsContextAnswer', () => {
  const facts = {
    consoleText: `+ helm upgrade\ntoken ${TOKEN}\nAuthorization: Basic ${basic}\n`,
    attributes: { JobTriggeredBy: `by ${TOKEN}` },
  };

  it('reads the build the environment names and answers the log file and the attributes, the token masked', async () => {
    const f = io(async () => facts);
    const answer = await jenkinsContextAnswer(ENV, f.collect, f.writeLog);
    expect(answer).toEqual({ ok: true, logFile: '/ws/.shiplog-bin/jenkins/console.log', attributes: { JobTriggeredBy: 'by ***' } });
    expect(f.refs).toEqual([
      { url: ENV.JENKINS_URL, job: 'shop/main', number: 7, user: 'ci-bot', token: TOKEN, maxResponseBytes: 32 << 20 },
    ]);
    expect(f.logs).toHaveLength(1);
    expect(f.logs[0]).toContain('+ helm upgrade');
    expect(f.logs[0]).not.toContain(TOKEN);
    expect(f.logs[0]).not.toContain(basic);
  });

  it('takes the response size limit from SHIPLOG_MAX_RESPONSE_MIB, the default when it is not a positive number', async () => {
    for (const [mib, bytes] of [
      ['2', 2 << 20],
      ['0', 32 << 20],
      ['lots', 32 << 20],
    ] as const) {
      const f = io(async () => facts);
      await jenkinsContextAnswer({ ...ENV, SHIPLOG_MAX_RESPONSE_MIB: mib }, f.collect, f.writeLog);
      expect(f.refs[0].maxResponseBytes).toBe(bytes);
    }
  });

  it.each(JENKINS_CONTEXT_ENV)('without %s the API is not used, and the warning names it', async (name) => {
    const f = io(async () => facts);
    const answer = await jenkinsContextAnswer({ ...ENV, [name]: undefined }, f.collect, f.writeLog);
    expect(answer).toEqual({ ok: false, warning: `Jenkins API not used: ${name} not set` });
    expect(f.refs).toEqual([]);
    expect(f.logs).toEqual([]);
  });

  it('names every missing variable at once', async () => {
    const f = io(async () => facts);
    expect(await jenkinsContextAnswer({}, f.collect, f.writeLog)).toEqual({
      ok: false,
      warning: `Jenkins API not used: ${JENKINS_CONTEXT_ENV.join(', ')} not set`,
    });
  });

  it.each(['0', '-3', '7.5', 'seven'])('BUILD_NUMBER %s is not a build number', async (n) => {
    const f = io(async () => facts);
    const answer = await jenkinsContextAnswer({ ...ENV, BUILD_NUMBER: n }, f.collect, f.writeLog);
    expect(answer).toEqual({ ok: false, warning: `Jenkins API not used: BUILD_NUMBER "${n}" is not a build number` });
    expect(f.refs).toEqual([]);
  });

  it('a failed request or log write is a one-line warning with the token masked, never a rejection', async () => {
    const failing = io(async () => {
      throw new Error(`401 for ci-bot:${TOKEN} at https://ci.example.com/\nstack`);
    });
    const answer = await jenkinsContextAnswer(ENV, failing.collect, failing.writeLog);
    expect(answer).toEqual({ ok: false, warning: 'Jenkins API not used: 401 for *** at https://ci.example.com/' });
    const unwritable = io(async () => facts);
    const write = await jenkinsContextAnswer(ENV, unwritable.collect, () => {
      throw new Error('EACCES: permission denied');
    });
    expect(write).toEqual({ ok: false, warning: 'Jenkins API not used: EACCES: permission denied' });
  });
});

describe('jenkinsReportOutput (report.mjs)', () => {
  const deployed = JSON.stringify({
    ok: true,
    operation: 'deploy',
    deployment: { id: 5, appVersion: 'G.A.shop;3', environment: 'qa', exitCode: 0, status: 'success' },
  });
  const failed = JSON.stringify({ ok: false, operation: 'approve', error: { code: 'X', message: 'no such stage', exitCode: 2 } });
  const files: Record<string, string> = { 'ok.json': deployed, 'failed.json': failed };
  const read = (file: string) => {
    if (!(file in files)) throw new Error(`ENOENT: ${file}`);
    return files[file];
  };

  it('prints the description line, and for a failure the message on a second line, as jenkinsStepLines draws them', () => {
    const ok = jenkinsStepLines('deploy', deployed, 0);
    expect(jenkinsReportOutput(['--result', 'ok.json', '--operation', 'deploy', '--exit', '0'], read)).toEqual({
      stdout: `${ok.description}\n`,
    });
    const bad = jenkinsStepLines('approve', failed, 2);
    expect(bad.failure).toBe('no such stage');
    expect(jenkinsReportOutput(['--operation', 'approve', '--exit', '2', '--result', 'failed.json'], read)).toEqual({
      stdout: `${bad.description}\nno such stage\n`,
    });
  });

  it('without --exit the result says whether it failed; an unreadable result file is no result', () => {
    expect(jenkinsReportOutput(['--result', 'failed.json', '--operation', 'approve'], read).stdout).toBe(
      `${jenkinsStepLines('approve', failed, undefined).description}\nno such stage\n`,
    );
    const none = jenkinsStepLines('deploy', '', 4);
    expect(jenkinsReportOutput(['--result', 'missing.json', '--operation', 'deploy', '--exit', '4'], read)).toEqual({
      stdout: `${none.description}\n${none.failure}\n`,
    });
    expect(jenkinsReportOutput([], read).stdout).toBe(
      `${jenkinsStepLines(undefined, '', undefined).description}\n${jenkinsStepLines(undefined, '', undefined).failure}\n`,
    );
  });

  it('apply: the whole text report goes to stderr', () => {
    const applied = JSON.stringify({ ok: true, operation: 'apply', counts: { succeeded: 0, failed: 0, skipped: 0 }, deployments: [] });
    files['apply.json'] = applied;
    const lines = jenkinsStepLines('apply', applied, 0);
    expect(lines.console).toBeDefined();
    expect(jenkinsReportOutput(['--result', 'apply.json', '--operation', 'apply', '--exit', '0'], read)).toEqual({
      stdout: `${lines.description}\n`,
      stderr: lines.console,
    });
  });
});
