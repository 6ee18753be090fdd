// kit/buildkite-plugin.ts: the Buildkite hook's agent calls and what it prints and exits with (formerly decided in
// adapters/buildkite-plugin/src/hook.ts and tested only through the hooks). The plan from the agent's environment is
// tested beside the plugin's agent-environment helper (adapters/buildkite-plugin/test/plugin-plan.test.ts).
import { describe, expect, it } from 'vitest';
import { buildkiteHookOutcome, buildkiteRedactorCall, buildkiteStepReport, type BuildkitePlan } from '@shiplog/core/kit';

const plan = (operation: BuildkitePlan['operation'], credentials: Record<string, string> = { dhpass: 'DHPASS' }): BuildkitePlan => ({
  mode: 'run',
  operation,
  credentials,
  args: [],
});
const none = () => undefined;
const deployed = {
  ok: true,
  operation: 'deploy',
  deployment: { id: 5, appVersion: 'G.A.shop;3', environment: 'qa', exitCode: 0, status: 'success' },
};
const deployFailed = {
  ok: false,
  operation: 'deploy',
  deployment: { id: 9, appVersion: 'G.A.shop;3', environment: 'qa', exitCode: 1, status: 'failed' },
  error: { code: 'DEPLOY_FAILED', message: 'deployment to qa failed with exit code 1', exitCode: 1 },
};

describe('buildkiteRedactorCall', () => {
  it('hands every form of a set secret credential to `redactor add` on stdin, never on argv', () => {
    const call = buildkiteRedactorCall({ MY_PASS: 'p@ss word' }, plan('approve', { dhpass: 'MY_PASS' }))!;
    expect(call.argv).toEqual(['redactor', 'add', '--format', 'json']);
    expect(call.argv.join(' ')).not.toContain('p@ss');
    const forms = Object.values(JSON.parse(call.stdin) as Record<string, string>);
    expect(forms).toContain('p@ss word');
    expect(forms).toContain('p%40ss%20word');
    expect(call.warning).toMatch(/^could not register the password with the agent's redactor/);
  });

  it('no call when no secret credential is set (a URL or user is no secret)', () => {
    expect(buildkiteRedactorCall({ DHURL: 'https://dh.example', DHUSER: 'me' }, plan('approve'))).toBeUndefined();
    expect(buildkiteRedactorCall({ DHPASS: 'x' }, plan('approve', { dhpass: 'OTHER' }))).toBeUndefined();
  });
});

describe('buildkiteHookOutcome', () => {
  it("annotates (the step report's style and markdown, one context per operation), then sets each meta-data key", () => {
    const json = JSON.stringify(deployed);
    const out = buildkiteHookOutcome(plan('deploy'), 'command', 0, json, none);
    const r = buildkiteStepReport('deploy', json, 0);
    expect(out.calls[0]).toEqual({
      argv: ['annotate', '--style', 'success', '--context', 'shiplog-deploy'],
      stdin: r.annotation,
      warning: 'buildkite-agent annotate failed',
    });
    expect(r.metadata.length).toBeGreaterThan(0);
    expect(out.calls.slice(1)).toEqual(
      r.metadata.map(([key, value]) => ({
        argv: ['meta-data', 'set', key, value],
        stdin: '',
        warning: `buildkite-agent meta-data set ${key} failed`,
      })),
    );
    expect(out).toMatchObject({ stdout: '', exitCode: 0 });
    expect(out.note).toBeUndefined();
  });

  it('with no result (a broken bundle) still annotates, as an error, and exits with the code', () => {
    const out = buildkiteHookOutcome(plan('approve'), 'command', 1, '', none);
    expect(out.calls.map((c) => c.argv)).toEqual([['annotate', '--style', 'error', '--context', 'shiplog-approve']]);
    expect(out.exitCode).toBe(1);
  });

  it('publishes the dashboard after the report: upload, then an annotation made only when the upload succeeded', () => {
    const result = {
      ...deployed,
      report: { html: { path: 'shiplog-report.html', bytes: 10 }, markdown: { path: 'r.md', bytes: 4, truncated: false } },
    };
    const read: string[] = [];
    const out = buildkiteHookOutcome(plan('deploy'), 'command', 0, JSON.stringify(result), (path) => (read.push(path), '# board'));
    expect(read).toEqual(['r.md']);
    const dashboard = out.calls.filter((c) => c.argv[0] === 'artifact' || c.argv.includes('shiplog-report'));
    expect(out.calls.slice(-2)).toEqual(dashboard);
    expect(dashboard).toEqual([
      {
        argv: ['artifact', 'upload', 'shiplog-report.html'],
        stdin: '',
        warning: 'buildkite-agent artifact upload shiplog-report.html failed',
        afterPrevious: false,
      },
      {
        argv: ['annotate', '--style', 'info', '--context', 'shiplog-report'],
        stdin: expect.stringMatching(/artifact:\/\/shiplog-report\.html.*\n\n# board$/s),
        warning: 'buildkite-agent annotate --style info --context shiplog-report failed',
        afterPrevious: true,
      },
    ]);
    // an unreadable markdown file leaves the link alone
    const unread = buildkiteHookOutcome(plan('deploy'), 'command', 0, JSON.stringify(result), none);
    expect(unread.calls.at(-1)!.stdin).toMatch(/shiplog-report\.html<\/a>\n\n$/);
    // a report without a page publishes nothing
    const noPage = { ...result, report: { html: null, markdown: null, error: 'disk full' } };
    expect(
      buildkiteHookOutcome(plan('deploy'), 'command', 0, JSON.stringify(noPage), none).calls.some((c) => c.argv[0] === 'artifact'),
    ).toBe(false);
  });

  it('envscript prints the script on stdout only when it succeeded without an output file', () => {
    const script = { ok: true, operation: 'envscript', file: null, format: 'sh', variables: { A: '1' }, script: "export A='1'\n" };
    const stdout = (p: BuildkitePlan, code: number, result: object) =>
      buildkiteHookOutcome(p, 'command', code, JSON.stringify(result), none).stdout;
    expect(stdout(plan('envscript'), 0, script)).toBe("export A='1'\n");
    expect(stdout(plan('envscript'), 0, { ...script, file: 'build.env' })).toBe('');
    expect(stdout(plan('envscript'), 1, script)).toBe('');
    expect(stdout(plan('envscript'), 0, { ...script, ok: false })).toBe('');
    expect(stdout(plan('envscript'), 0, { ...script, script: undefined })).toBe('');
    expect(stdout(plan('deploy'), 0, script)).toBe('');
  });

  it("post-command passes once a failed deployment is recorded (DEPLOY_FAILED); anything else keeps the CLI's exit code", () => {
    const json = JSON.stringify(deployFailed);
    const recorded = buildkiteHookOutcome(plan('deploy'), 'post-command', 1, json, none);
    expect(recorded.exitCode).toBe(0);
    expect(recorded.note).toBe("shiplog: recorded the failed deployment; the step keeps the command's exit status");
    expect(recorded.calls[0].argv).toContain('error');
    expect(buildkiteHookOutcome(plan('deploy'), 'command', 1, json, none).exitCode).toBe(1);
    const other = { ...deployFailed, error: { code: 'BACKEND_UNAVAILABLE', message: 'down', exitCode: 4 } };
    const outcome = buildkiteHookOutcome(plan('deploy'), 'post-command', 4, JSON.stringify(other), none);
    expect([outcome.exitCode, outcome.note]).toEqual([4, undefined]);
    expect(buildkiteHookOutcome(plan('deploy'), 'post-command', 4, json, none).exitCode).toBe(4);
  });
});
