/**
 * Buildkite driver: the plugin's real hooks (adapters/buildkite-plugin/hooks/command, then post-command as the
 * agent runs both) in bash with the agent's environment for one plugin entry (BUILDKITE_PLUGIN_CONFIGURATION
 * JSON + the flattened BUILDKITE_PLUGIN_* variables, from the plugin's own agent-env.mjs) plus BUILDKITE_* job
 * facts, and the plugin's recording fake `buildkite-agent` on PATH.
 *
 * The hook keeps shiplog's JSON result in memory (lib/hook.mjs calls the bundle's main() in-process); to hand
 * back `result` the driver runs a copy of the plugin (hooks/ and lib/ as committed) whose dist/shiplog.mjs is a
 * thin module that calls the REAL committed bundle's main() and also appends what it wrote to io.stdout to a file.
 * A `node` shim on PATH logs every node command line.
 *
 * Secrets: DHPASS is in the job environment (as a secrets hook exports it; the plugin reads it through its
 * default `credentials` names); the token is BUILDKITE_AGENT_ACCESS_TOKEN, which every real job has.
 *
 * Artifacts: both hooks' stdout and stderr, every buildkite-agent call (args + stdin), node command lines,
 * temp files left in the job's TMPDIR, and every file in the checkout (outside .git). The input of
 * `buildkite-agent redactor add` is the secret handed to the agent's redactor on purpose: kept apart under
 * `agent-redactor-input`.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { agentEnv } from '../../../adapters/buildkite-plugin/test/agent-env.mjs';
import {
  filesOf,
  makeCheckout,
  parseJson,
  removeDir,
  REPO_ROOT,
  type Driver,
  type DriverResult,
  type Inputs,
  type Operation,
  type RunContext,
} from './driver.js';

export const PLUGIN_DIR = join(REPO_ROOT, 'adapters', 'buildkite-plugin');
export const LOCATION = 'github.com/shiplog/shiplog/adapters/buildkite-plugin#v0.1.0';
export const REDACTOR_INPUT = 'agent-redactor-input';

interface AgentCall {
  args: string[];
  stdin: string;
}

function bash(
  script: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const NODE_SHIM = `#!/bin/bash
printf '%s\\n' "$*" >> "$SHIPLOG_E2E_ARGV"
exec "$SHIPLOG_E2E_NODE" "$@"
`;

/** dist/shiplog.mjs of the driver's plugin copy: the real bundle's main(), with its stdout also kept in a file. */
const CAPTURING_BUNDLE = (real: string) => `import { appendFileSync } from 'node:fs';
import { main as realMain } from ${JSON.stringify(pathToFileURL(real).href)};
export async function main(io) {
  let out = '';
  const code = await realMain({ ...io, stdout: (t) => { out += t; io.stdout(t); } });
  appendFileSync(process.env.SHIPLOG_E2E_RESULT, out);
  return code;
}
`;

export function buildkiteDriver(): Driver & { checkout(): Promise<string> } {
  let root: string | undefined;
  let plugin = '';
  let checkout: string | undefined;
  let sha = '';
  let jobs = 0;
  const setup = async () => {
    if (root) return;
    root = mkdtempSync(join(tmpdir(), 'shiplog-e2e-bk-'));
    const co = await makeCheckout('shiplog-e2e-bk-checkout-');
    checkout = co.dir;
    sha = co.sha;
    const bin = join(root, 'bin');
    mkdirSync(bin);
    copyFileSync(join(PLUGIN_DIR, 'test', 'fake-agent.mjs'), join(bin, 'buildkite-agent'));
    chmodSync(join(bin, 'buildkite-agent'), 0o755);
    writeFileSync(join(bin, 'node'), NODE_SHIM, { mode: 0o755 });
    plugin = join(root, 'plugin');
    for (const d of ['hooks', 'lib']) cpSync(join(PLUGIN_DIR, d), join(plugin, d), { recursive: true });
    mkdirSync(join(plugin, 'dist'));
    writeFileSync(join(plugin, 'dist', 'shiplog.mjs'), CAPTURING_BUNDLE(join(PLUGIN_DIR, 'dist', 'shiplog.mjs')));
  };
  return {
    name: 'buildkite',
    async checkout() {
      await setup();
      return checkout!;
    },
    async run(op: Operation, inputs: Inputs, ctx: RunContext): Promise<DriverResult> {
      await setup();
      const n = ++jobs;
      const jobDir = join(root!, `job-${n}`);
      const jobTmp = join(jobDir, 'tmp');
      mkdirSync(jobTmp, { recursive: true });
      const files = { calls: join(jobDir, 'agent-calls.jsonl'), argv: join(jobDir, 'argv.log'), result: join(jobDir, 'result.json') };
      const config: Record<string, unknown> = { operation: op, ...inputs };
      const env: Record<string, string> = {
        PATH: `${join(root!, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        HOME: root!,
        TMPDIR: jobTmp,
        BUILDKITE: 'true',
        CI: 'true',
        BUILDKITE_AGENT_NAME: 'agent-1',
        BUILDKITE_AGENT_ACCESS_TOKEN: ctx.token,
        BUILDKITE_ORGANIZATION_SLUG: 'acme',
        BUILDKITE_PIPELINE_SLUG: 'shop',
        BUILDKITE_REPO: 'git@github.com:acme/shop.git',
        BUILDKITE_BUILD_ID: `0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f${String(4000 + n)}`,
        BUILDKITE_BUILD_NUMBER: String(100 + n),
        BUILDKITE_BUILD_URL: `https://buildkite.com/acme/shop/builds/${100 + n}`,
        BUILDKITE_BUILD_CREATOR: 'Ada',
        BUILDKITE_JOB_ID: `0190a1b2-0000-4000-8000-00000000${String(1000 + n)}`,
        BUILDKITE_BRANCH: 'main',
        BUILDKITE_COMMIT: sha,
        BUILDKITE_TAG: '',
        BUILDKITE_PULL_REQUEST: 'false',
        BUILDKITE_BUILD_CHECKOUT_PATH: checkout!,
        BUILDKITE_SHELL: '/bin/bash -e -c',
        BUILDKITE_COMMAND: '',
        BUILDKITE_COMMAND_EVAL: 'true',
        DHPASS: ctx.password,
        FAKE_AGENT_LOG: files.calls,
        SHIPLOG_E2E_ARGV: files.argv,
        SHIPLOG_E2E_RESULT: files.result,
        SHIPLOG_E2E_NODE: process.execPath,
        ...(ctx.env ?? {}),
      };
      if (ctx.backend.kind === 'local') {
        config.backend ??= 'local';
        config['state-dir'] ??= ctx.backend.stateDir;
      } else {
        Object.assign(env, { DHURL: ctx.backend.url, DHUSER: ctx.backend.user });
      }
      for (const [k, v] of agentEnv(LOCATION, config, 'json') as [string, string][]) env[k] = v;

      const artifacts: Record<string, string | Buffer> = {};
      const command = await bash(join(plugin, 'hooks', 'command'), checkout!, env);
      artifacts['hook:command:stdout'] = command.stdout;
      artifacts['hook:command:stderr'] = command.stderr;
      // The agent runs post-command after the command phase, with its exit status (a no-op unless wrapping).
      const post = await bash(join(plugin, 'hooks', 'post-command'), checkout!, {
        ...env,
        BUILDKITE_COMMAND_EXIT_STATUS: String(command.status),
      });
      artifacts['hook:post-command:stdout'] = post.stdout;
      artifacts['hook:post-command:stderr'] = post.stderr;

      const calls: AgentCall[] = existsSync(files.calls)
        ? readFileSync(files.calls, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as AgentCall)
        : [];
      calls.forEach((c, i) => {
        if (c.args[0] === 'redactor') artifacts[`${REDACTOR_INPUT}:${i}`] = `${c.args.join(' ')}\n${c.stdin}`;
        else artifacts[`agent:${i}:${c.args[0]}`] = `${c.args.join('\u0000')}\n${c.stdin}`;
      });
      if (existsSync(files.argv)) artifacts['node-argv'] = readFileSync(files.argv, 'utf8');
      for (const [rel, b] of Object.entries(await filesOf(jobTmp))) artifacts[`tmp:${rel}`] = b;
      for (const [rel, b] of Object.entries(await filesOf(checkout!))) artifacts[`checkout:${rel}`] = b;
      const result = existsSync(files.result) ? parseJson(readFileSync(files.result, 'utf8')) : null;
      const exitCode = command.status !== 0 ? command.status : post.status;
      return {
        exitCode,
        result,
        artifacts: Object.assign(artifacts, { 'agent-calls.json': JSON.stringify(calls.filter((c) => c.args[0] !== 'redactor')) }),
      };
    },
    async close() {
      await removeDir(root);
      await removeDir(checkout);
      root = checkout = undefined;
    },
  };
}

/** The annotate calls recorded in a driver run's artifacts. */
export function annotationsOf(run: DriverResult): { style: string; context: string; body: string }[] {
  const calls = JSON.parse(String(run.artifacts['agent-calls.json'] ?? '[]')) as AgentCall[];
  return calls
    .filter((c) => c.args[0] === 'annotate')
    .map((c) => ({ style: c.args[c.args.indexOf('--style') + 1], context: c.args[c.args.indexOf('--context') + 1], body: c.stdin }));
}

/** The meta-data set calls as key -> value. */
export function metaDataOf(run: DriverResult): Record<string, string> {
  const calls = JSON.parse(String(run.artifacts['agent-calls.json'] ?? '[]')) as AgentCall[];
  return Object.fromEntries(calls.filter((c) => c.args[0] === 'meta-data' && c.args[1] === 'set').map((c) => [c.args[2], c.args[3]]));
}
