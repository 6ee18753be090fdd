/**
 * Every shiplog command, by name: the one typed map the CLI, execute() and the adapters' manifests read.
 * A test asserts that its keys equal inputs.ts COMMANDS.
 */
import type { CommandName } from '../inputs.js';
import { applyCommand } from './apply.js';
import { approveCommand } from './approve.js';
import { checkGateCommand } from './check-gate.js';
import type { CommandModule, CommandResultBase } from './command-module.js';
import { deployCommand } from './deploy.js';
import { diffCommand } from './diff.js';
import { envscriptCommand } from './envscript.js';
import { graphCommand } from './graph.js';
import { historyCommand } from './history.js';
import { moveCommand } from './move.js';
import { showCommand } from './show.js';
import { planCommand } from './plan.js';
import { stateGetCommand, stateListCommand, stateSetCommand } from './state-commands.js';
import { reportCommand } from './report.js';
import { statusCommand } from './status.js';
import { storeCheckCommand, storeCopyCommand, storeInfoCommand } from './store-commands.js';
import { versionUpdateCommand } from './version-update.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommandModule = CommandModule<any, CommandResultBase>;

export const COMMAND_MODULES: Readonly<Record<CommandName, AnyCommandModule>> = {
  'version-update': versionUpdateCommand,
  move: moveCommand,
  approve: approveCommand,
  deploy: deployCommand,
  envscript: envscriptCommand,
  status: statusCommand,
  history: historyCommand,
  diff: diffCommand,
  graph: graphCommand,
  report: reportCommand,
  'store-info': storeInfoCommand,
  'store-copy': storeCopyCommand,
  'store-check': storeCheckCommand,
  show: showCommand,
  'check-gate': checkGateCommand,
  plan: planCommand,
  apply: applyCommand,
  'state-set': stateSetCommand,
  'state-get': stateGetCommand,
  'state-list': stateListCommand,
};

export function commandModule(name: string): AnyCommandModule | undefined {
  return Object.prototype.hasOwnProperty.call(COMMAND_MODULES, name) ? COMMAND_MODULES[name as CommandName] : undefined;
}
