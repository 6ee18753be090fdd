/**
 * execute(): runs one shiplog command from plain input values. The CLI and every adapter go through it.
 * Never throws: the result is the command's result object, or `{ok:false, error:{code,message,exitCode,hint?}}`
 * with the error's exit code. Steps: register secrets in the redactor (before anything is logged), resolve
 * every input (given > env binding > default) and type-check it, build the request, open the backend and
 * the pipeline config lazily, run, always close the backend.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Backend } from './backend/backend.js';
import { openBackend, selectBackend, stateDirOf, type BackendOptions } from './backend/open.js';
import { chooseStore, registerStoreUrlSecrets, type StoreChoice, type StoreSource } from './backend/store-choice.js';
import {
  ApplyFailedError,
  FailedDeploymentError,
  InvalidInputError,
  ShiplogError,
  StoreInconsistentError,
  toShiplogError,
  UsageError,
} from './errors.js';
import type { Host } from './host.js';
import { COMMANDS, INPUTS, type CommandName } from './inputs.js';
import type { Actor, CiContext, PipelineConfig } from './model.js';
import { readGitEmail, resolveActor } from './policy/identity.js';
import { resolvePlatformGate } from './policy/platform-gate.js';
import type { GateApproval } from './kit/platform-gates.js';
import type { DeploymentFacts, OperationContext } from './operations/context.js';
import { emptyBackend, readOnlyBackend } from './operations/dry-run-backend.js';
import { resolveInputs, type RawInputs } from './operations/input-resolution.js';
import { appliedFilters, envFilterNote, isQueryCommand, resolutionEnv } from './operations/env-filters.js';
import { commandModule } from './operations/registry.js';
import { isSecretName, isSettingValue } from './secret-names.js';
import { loadPipelineConfig } from './pipeline-config.js';
import { discoverConfig } from './discovery.js';
import { Deadline, HARD_STOP_GRACE_MS } from './deadline.js';
import { DEFAULT_TIMEOUT_MS, durationInput } from './operations/input-resolution.js';
import { maxResponseBytes } from './response-limit.js';
import { wantsReport } from './kit/report-publishing.js';
import { withReport } from './operations/report-after.js';
import { RESULT_SCHEMA_VERSION } from './result-version.js';

/** --timeout when not given: commands that run a deployment get DEFAULT_TIMEOUT_MS (30m), apply (many deployments), store copy and check 6h, the others 5m. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_STORE_TIMEOUT_MS = 6 * 3_600_000;

export function defaultTimeoutMs(command: CommandName): number {
  if (command === 'store-copy' || command === 'store-check' || command === 'apply') return DEFAULT_STORE_TIMEOUT_MS;
  return command === 'deploy' || command === 'version-update' ? DEFAULT_TIMEOUT_MS : DEFAULT_COMMAND_TIMEOUT_MS;
}

export type ExecuteInputs = RawInputs;

export interface ExecuteOptions {
  /** Words after `--` on the CLI (deploy's command). */
  commandArgs?: string[];
  /** Test seam: opens the backend instead of backend/open.ts. */
  openBackend?: (host: Host, opts: BackendOptions) => Promise<Backend>;
  /** Problems an adapter found in its own (platform-only) inputs: reported with the core's, all at once (exit 2). */
  problems?: string[];
  /**
   * deploy (and version-update --env): runs once the deployment is about to start for real (the application
   * version exists and may go to that environment, not a dry run), before anything runs or is recorded
   * (OperationContext.beforeDeployment). It also gets the validated input values.
   */
  beforeDeployment?: (facts: DeploymentFacts & { values: Readonly<Record<string, unknown>> }) => Promise<void>;
  /**
   * Who acts, as the adapter's platform confirmed it through its API (a Buildkite block step's unblocker, a GitHub
   * required reviewer, a Jenkins `input` submitter): source `verified:<platform>`. Wins over the identity shiplog
   * reads from the environment; recorded on every record the command writes (docs/policy.md, "Identity").
   */
  actor?: Actor;
  /**
   * approve --platform-gate: the platform gate an adapter read itself (the GitHub action: the run's approvals via
   * Octokit). Without it the core reads the gate of the platform it runs on (policy/platform-gate.ts).
   */
  platformGate?: () => Promise<GateApproval>;
}

export interface ExecuteOutcome {
  exitCode: number;
  result: Record<string, unknown>;
  /** The error behind a failure (for --debug stack traces); not part of the JSON contract. */
  error?: ShiplogError;
}

/**
 * Registers every secret the run can see: secret inputs given, their env bindings, and the values of env vars
 * whose names are secret by the one rule of secret-names.ts (AWS_SECRET_ACCESS_KEY, SSH_PRIVATE_KEY, ...).
 */
export function registerSecrets(host: Host, inputs: ExecuteInputs): void {
  for (const spec of INPUTS) {
    if (!spec.secret) continue;
    const v = inputs[spec.name];
    for (const s of Array.isArray(v) ? v : [v]) if (typeof s === 'string') host.redactor.add(s);
    for (const e of spec.env ?? []) host.redactor.add(host.env[e]);
  }
  for (const [k, v] of Object.entries(host.env)) {
    if (isSecretName(k) && !isSettingValue(v)) host.redactor.add(v);
  }
}

export async function execute(command: CommandName, inputs: ExecuteInputs, host: Host, opts: ExecuteOptions = {}): Promise<ExecuteOutcome> {
  const outcome = await executeCommand(command, inputs, host, opts);
  // `report: true`: the release dashboard after the operation, whatever its outcome (operations/report-after.ts)
  // not after a dry run nor refused inputs (exit 2: nothing is written for bad input)
  if (!wantsReport(command, inputs) || inputs['dry-run'] === true || inputs['dry-run'] === 'true' || outcome.exitCode === 2) return outcome;
  return withReport(command, inputs, host, outcome, (c, i) =>
    executeCommand(c, i as ExecuteInputs, host, { openBackend: opts.openBackend, actor: opts.actor }),
  );
}

async function executeCommand(command: CommandName, inputs: ExecuteInputs, host: Host, opts: ExecuteOptions = {}): Promise<ExecuteOutcome> {
  let backend: Backend | undefined;
  let deadline: Deadline | undefined;
  try {
    registerSecrets(host, inputs);
    const mod = commandModule(command);
    if (!mod) {
      throw new UsageError(`unknown command "${command}"`, { hint: `commands: ${COMMANDS.join(', ')}` });
    }
    const resolved = resolveInputs(command, inputs, resolutionEnv(command, inputs, host.env));
    const filters = appliedFilters(command, resolved, host.env);
    for (const f of filters) if (f.source === 'env') host.log.info(`shiplog: note: ${envFilterNote(f)}`);
    const v = resolved.values;
    // The request's own checks run even when some inputs were rejected, so that one error names every problem.
    let req: unknown;
    const problems = [...resolved.problems, ...(opts.problems ?? [])];
    const timeoutMs = durationInput(v, 'timeout', []) ?? defaultTimeoutMs(command);
    // The request's own parse of --timeout (deploy, version-update) must see the same default.
    if (v.timeout === undefined) v.timeout = timeoutMs;
    try {
      req = mod.request(v, { commandArgs: opts.commandArgs ?? [] });
    } catch (err) {
      if (problems.length === 0 || !(err instanceof InvalidInputError)) throw err;
      problems.push(...(err.problems ?? [err.message]));
    }
    if (problems.length > 0) throw InvalidInputError.of([...new Set(problems)], `see shiplog ${command} --help`);

    const dryRun = mod.mutating && v['dry-run'] === true;
    // Store URLs given as inputs may hold a password: a secret before anything can print them.
    for (const k of command === 'store-copy' ? ['store', 'from', 'to'] : ['store'])
      registerStoreUrlSecrets(host, v[k] as string | undefined);
    const maxResponse = maxResponseBytes(typeof v['max-response-mib'] === 'number' ? v['max-response-mib'] : undefined);
    deadline = new Deadline(() => host.now().getTime(), timeoutMs);
    // Loaded only once the inputs are valid: env-ci (with execa and cross-spawn) is about a quarter of the action's
    // startup code, and a rejected input should not pay for it (bench/github-action.bench.mjs). The CLI
    // bundle inlines this import; the action's bundle makes a lazy chunk (dist/ci-context.mjs) of it.
    const { readCiContext } = await import('./ci-context.js');
    // An explicit --config, else the nearest shiplog.toml up to the repository root (discovery.ts).
    const configFile = () => (resolved.sources.config === 'default' ? discoverConfig(host.cwd) : (v.config as string));
    let opening: Promise<Backend> | undefined;
    let storeSource: StoreSource | undefined;
    let choice: Promise<StoreChoice> | undefined;
    const choosing = () => (choice ??= chooseStore(host, resolved, configFile()));
    let pipeline: Promise<PipelineConfig> | undefined;
    let ci: CiContext | undefined;
    let actor: Promise<Actor> | undefined;
    const beforeDeployment = opts.beforeDeployment;
    const readCi = () => (ci ??= readCiContext(host.env, host.cwd));
    let gate: Promise<GateApproval> | undefined;
    const platformGate =
      command === 'approve' && v['platform-gate'] === true
        ? () =>
            (gate ??= resolvePlatformGate({
              host,
              ci: readCi(),
              given: opts.platformGate,
              maxResponseBytes: maxResponse,
              signal: deadline!.requestSignal(),
              ...(typeof v['gate-name'] === 'string' ? { gateName: v['gate-name'] } : {}),
              ...(typeof v['circleci-token'] === 'string' ? { circleciToken: v['circleci-token'] } : {}),
            }))
        : undefined;
    const ctx: OperationContext = {
      host,
      dryRun,
      deadline,
      maxResponseBytes: maxResponse,
      ...(beforeDeployment ? { beforeDeployment: (facts: DeploymentFacts) => beforeDeployment({ ...facts, values: v }) } : {}),
      ci: readCi,
      ...(platformGate ? { platformGate } : {}),
      actor: () =>
        (actor ??= platformGate
          ? platformGate().then((g) => g.actor)
          : resolveActor({
              env: host.env,
              ci: readCi(),
              gitEmail: () => readGitEmail(host),
              ...(typeof v.as === 'string' ? { asserted: v.as } : {}),
              ...(opts.actor ? { verified: opts.actor } : {}),
            })),
      pipeline: () => (pipeline ??= loadPipelineConfig(host, configFile())),
      backendKind: async () => selectBackend((await choosing()).opts, host),
      backend: () =>
        (opening ??= (async () => {
          const choice = await choosing();
          const backendOpts: BackendOptions = { ...choice.opts, maxResponseBytes: maxResponse, deadline: deadline! };
          storeSource = choice.source;
          if (choice.source === 'config') registerStoreUrlSecrets(host, backendOpts.store);
          const kind = selectBackend(backendOpts, host);
          if (dryRun && kind === 'local' && !existsSync(stateDirOf(host, backendOpts))) {
            backend = emptyBackend('local', stateDirOf(host, backendOpts));
            return backend;
          }
          const opened = await (opts.openBackend ?? openBackend)(host, backendOpts);
          backend = opened;
          return dryRun ? readOnlyBackend(opened) : opened;
        })()),
    };
    const result = (await withHardStop(mod.run(ctx, req), deadline)) as unknown as Record<string, unknown>;
    // Which store and config file the command used (docs/store.md): only when it opened a store.
    const where =
      backend && storeSource
        ? {
            store: { kind: backend.kind, location: backend.location, source: storeSource },
            config: configFile() === undefined ? null : path.resolve(host.cwd, configFile()!),
          }
        : {};
    // schemaVersion right after ok and operation (docs/cli.md, "JSON results")
    const versioned = { ok: result.ok, operation: result.operation, schemaVersion: RESULT_SCHEMA_VERSION, ...result };
    return {
      exitCode: mod.exitCode?.(result as never) ?? 0,
      result: host.redactor.redactValue({ ...versioned, ...where, ...(isQueryCommand(command) ? { filters } : {}) }),
    };
  } catch (err) {
    const e = toShiplogError(err);
    const base =
      err instanceof FailedDeploymentError || err instanceof StoreInconsistentError || err instanceof ApplyFailedError
        ? err.result
        : { ok: false, operation: command };
    // ok, operation and schemaVersion first, as in a successful result
    const result = Object.assign(
      { ok: false, operation: base.operation ?? command, schemaVersion: RESULT_SCHEMA_VERSION },
      base,
      e.details,
      { ok: false, error: e.toJSON() },
    );
    return { exitCode: e.exitCode, result: host.redactor.redactValue(result), error: e };
  } finally {
    deadline?.dispose();
    if (backend) {
      await backend.close().catch((err: unknown) => host.log.debug(`closing the backend failed: ${String(err)}`));
    }
  }
}

/**
 * The command's result, or TimeoutError (exit 5) once the deadline has passed by HARD_STOP_GRACE_MS: whatever
 * a backend waits for (a git or lock wait that knows no deadline), the command answers. Within the grace a
 * command winds down itself: a stopped deployment is recorded, requests were aborted at the deadline.
 */
async function withHardStop<T>(work: Promise<T>, deadline: Deadline): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stop = new Promise<never>((_, reject) => {
    const arm = () => {
      timer = setTimeout(() => {
        if (deadline.remaining() > 0) arm();
        else reject(deadline.error('the command did not finish'));
      }, deadline.remaining() + HARD_STOP_GRACE_MS);
      timer.unref?.();
    };
    arm();
  });
  try {
    return await Promise.race([work, stop]);
  } finally {
    clearTimeout(timer);
  }
}
