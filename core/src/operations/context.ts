/**
 * What every operation receives. Operations never read globals: all of the outside world comes through
 * the Host; the backend and the pipeline config are opened lazily (envscript and dry runs may not need them).
 */
import type { Backend } from '../backend/backend.js';
import type { Host } from '../host.js';
import type { CiContext, PipelineConfig } from '../model.js';

export interface OperationContext {
  host: Host;
  backend(): Promise<Backend>;
  pipeline(): Promise<PipelineConfig>;
  /** CI facts read once from host.env (ci-context.ts). */
  ci(): CiContext;
  dryRun: boolean;
}
