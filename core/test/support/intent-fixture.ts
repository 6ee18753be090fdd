/**
 * The three-service fixture of the desired-state tests (docs/intent.md's worked example, shrunk): payments <-
 * shop <- web (shop uses the custom state key db_url), two environments (qa, and prod behind an approval), on
 * any store of support/record-stores.ts. A directory holds shiplog.toml, intent.toml and deploy.sh; the store
 * holds version 1 of each application, approved for and moved to prod.
 *
 * deploy.sh appends "<action> <env> <app> <version> db=<SHIPLOG_STATE_DB_URL>" to deploy.log; it fails (exit 3)
 * while a file fail-<env>-<app> exists, and, while block-<env>-<app> exists, writes its pid to
 * blocked-<env>-<app> and waits for release-<env>-<app> (the process tests stop an apply there).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execute, type ExecuteInputs, type ExecuteOutcome } from '../../src/execute.js';
import { createMemoryHost } from '../../src/host.js';
import type { CommandName } from '../../src/inputs.js';
import type { Deployment } from '../../src/model.js';
import type { StoreUnderTest } from './record-stores.js';

export const PAYMENTS = 'GLOBAL.Acme.Store.payments';
export const SHOP = 'GLOBAL.Acme.Store.shop';
export const WEB = 'GLOBAL.Acme.Store.web';
export const APPS = [PAYMENTS, SHOP, WEB];

export const PIPELINE_TOML = `[[stage]]
name = "qa"
environments = ["qa"]
# the fixture moves its versions on to prod without deploying them here first (policy rules: policy-cli.test.ts)
require_success = false

[[stage]]
name = "prod"
approval = true
environments = ["prod"]
# approved by their creator
allow_self_approval = true
`;

export const INTENT_TOML = `[application."${PAYMENTS}"]
deploy = ["sh", "deploy.sh"]
undeploy = ["sh", "deploy.sh"]

[application."${SHOP}"]
depends_on = ["${PAYMENTS}"]
deploy = ["sh", "deploy.sh"]
uses_state = ["db_url"]

[application."${WEB}"]
depends_on = ["${SHOP}"]
deploy = ["sh", "deploy.sh"]
undeploy = ["sh", "deploy.sh"]

[environment.qa]
"${PAYMENTS}" = "latest"
"${SHOP}" = "latest"
"${WEB}" = "latest"

[environment.prod]
"${PAYMENTS}" = "latest-approved"
"${SHOP}" = "latest-approved"
"${WEB}" = "latest-in:prod"
`;

const DEPLOY_SH = `#!/bin/sh
app=\${SHIPLOG_APPLICATION##*.}
echo "$SHIPLOG_ACTION $SHIPLOG_ENVIRONMENT $app $SHIPLOG_APP_VERSION db=\${SHIPLOG_STATE_DB_URL:-}" >> deploy.log
echo "running $app in $SHIPLOG_ENVIRONMENT"
if [ -f "fail-$SHIPLOG_ENVIRONMENT-$app" ]; then echo "failing on purpose"; exit 3; fi
if [ -f "block-$SHIPLOG_ENVIRONMENT-$app" ]; then
  echo $$ > "blocked-$SHIPLOG_ENVIRONMENT-$app.tmp" && mv "blocked-$SHIPLOG_ENVIRONMENT-$app.tmp" "blocked-$SHIPLOG_ENVIRONMENT-$app"
  while [ ! -f "release-$SHIPLOG_ENVIRONMENT-$app" ]; do sleep 0.05; done
fi
echo "done $app"
`;

export interface IntentFixture {
  dir: string;
  store: StoreUnderTest;
  /** The environment of every run: PATH, HOME, SHIPLOG_STORE and the store's own variables. */
  env: Record<string, string>;
  run(
    command: CommandName,
    inputs?: ExecuteInputs,
    opts?: { env?: Record<string, string> },
  ): Promise<ExecuteOutcome & { out: string; err: string }>;
  /** Runs and throws unless the exit code is the one expected. */
  must(command: CommandName, inputs?: ExecuteInputs, exitCode?: number): Promise<ExecuteOutcome & { out: string; err: string }>;
  write(file: string, text: string): void;
  /** deploy.log's lines. */
  deployLog(): string[];
  /** Every deployment record, oldest first. */
  deployments(): Promise<Deployment[]>;
  cleanup(): Promise<void>;
}

export async function intentFixture(store: StoreUnderTest, opts: { intent?: string } = {}): Promise<IntentFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shiplog-intent-'));
  const home = path.join(dir, '.home');
  mkdirSync(home);
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, SHIPLOG_STORE: store.url, ...store.env };
  const write = (file: string, text: string) => writeFileSync(path.join(dir, file), text);
  write('shiplog.toml', PIPELINE_TOML);
  write('intent.toml', opts.intent ?? INTENT_TOML);
  write('deploy.sh', DEPLOY_SH);
  chmodSync(path.join(dir, 'deploy.sh'), 0o755);
  const run: IntentFixture['run'] = async (command, inputs = {}, o = {}) => {
    const host = createMemoryHost({ env: { ...env, ...o.env }, cwd: dir });
    const outcome = await execute(command, inputs, host);
    return { ...outcome, out: host.out(), err: host.err() };
  };
  const must: IntentFixture['must'] = async (command, inputs = {}, exitCode = 0) => {
    const r = await run(command, inputs);
    if (r.exitCode !== exitCode)
      throw new Error(`${command} exited ${r.exitCode}, not ${exitCode}: ${r.err}${JSON.stringify(r.result.error ?? null)}`);
    return r;
  };
  for (const app of APPS) {
    await must('version-update', { 'component-name': `${app}-svc`, 'component-version': '1.0', application: app });
    await must('approve', { application: app, stage: 'prod' });
    await must('move', { application: app, to: 'prod' });
  }
  return {
    dir,
    store,
    env,
    run,
    must,
    write,
    deployLog: () =>
      existsSync(path.join(dir, 'deploy.log')) ? readFileSync(path.join(dir, 'deploy.log'), 'utf8').trim().split('\n').filter(Boolean) : [],
    async deployments() {
      const b = await store.open();
      try {
        return (await b.history({})).reverse();
      } finally {
        await b.close();
      }
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Adds version 2 of an application (a new component version), in stage qa. */
export async function newVersion(f: IntentFixture, app: string, componentVersion = '2.0'): Promise<void> {
  await f.must('version-update', { 'component-name': `${app}-svc`, 'component-version': componentVersion, application: app });
}
