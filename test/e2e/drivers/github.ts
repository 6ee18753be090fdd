/**
 * GitHub Actions driver: the BUILT action bundle (adapters/github-action/dist) run by the adapter's own runner
 * harness exactly as the runner does (INPUT_* env from the inputs plus action.yml defaults, GITHUB_OUTPUT /
 * GITHUB_ENV / GITHUB_STEP_SUMMARY / GITHUB_STATE / GITHUB_PATH files, GITHUB_EVENT_PATH payload).
 *
 * Secrets: DHPASS is a job `env:` from `secrets.DHPASS`; the token is `GITHUB_TOKEN` in the env (and the test
 * passes it as the `github-token` input where a GitHub Deployment is wanted).
 *
 * Artifacts: stdout as the runner shows it (its `::add-mask::` commands are consumed by the runner and never
 * displayed or stored, so they are kept apart under `runner-commands:add-mask`), stderr, every runner file, and
 * every file the action left in the workspace (outside .git).
 */
import { runAction } from '../../../adapters/github-action/test/runner-harness.js';
import {
  filesOf,
  makeCheckout,
  removeDir,
  type Driver,
  type DriverResult,
  type Inputs,
  type Operation,
  type RunContext,
} from './driver.js';

export const ADD_MASK = 'runner-commands:add-mask';

function inputText(v: Inputs[string]): string {
  return Array.isArray(v) ? v.join('\n') : String(v);
}

export function githubDriver(): Driver & { workspace(): Promise<string> } {
  let ws: string | undefined;
  const workspace = async () => (ws ??= (await makeCheckout('shiplog-e2e-gha-')).dir);
  return {
    name: 'github',
    workspace,
    async run(op: Operation, inputs: Inputs, ctx: RunContext): Promise<DriverResult> {
      const dir = await workspace();
      const given: Record<string, string> = {};
      for (const [k, v] of Object.entries(inputs)) given[k] = inputText(v);
      const env: Record<string, string> = { DHPASS: ctx.password, GITHUB_TOKEN: ctx.token, ...(ctx.env ?? {}) };
      if (ctx.backend.kind === 'local') {
        given.backend ??= 'local';
        given['state-dir'] ??= ctx.backend.stateDir;
      } else {
        Object.assign(env, { DHURL: ctx.backend.url, DHUSER: ctx.backend.user });
      }
      const r = await runAction(op, { workspace: dir, inputs: given, env });
      const lines = r.stdout.split('\n');
      const artifacts: Record<string, string | Buffer> = {
        stdout: lines.filter((l) => !l.startsWith('::add-mask::')).join('\n'),
        [ADD_MASK]: lines.filter((l) => l.startsWith('::add-mask::')).join('\n'),
        stderr: r.stderr,
      };
      for (const [name, text] of Object.entries(r.files)) artifacts[`runner-file:${name}`] = text;
      for (const [rel, bytes] of Object.entries(await filesOf(dir))) artifacts[`workspace:${rel}`] = bytes;
      const result = r.outputs.result ? JSON.parse(r.outputs.result) : null;
      return { exitCode: r.exitCode, result, artifacts };
    },
    async close() {
      await removeDir(ws);
      ws = undefined;
    },
  };
}
