import { approveCommand } from './approve.js';
import { deployCommand } from './deploy.js';
import { diffCommand } from './diff.js';
import { envscriptCommand } from './envscript.js';
import { graphCommand } from './graph.js';
import { historyCommand } from './history.js';
import { moveCommand } from './move.js';
import { statusCommand } from './status.js';
import { versionUpdateCommand } from './version-update.js';
export const COMMAND_MODULES = {
    'version-update': versionUpdateCommand,
    move: moveCommand,
    approve: approveCommand,
    deploy: deployCommand,
    envscript: envscriptCommand,
    status: statusCommand,
    history: historyCommand,
    diff: diffCommand,
    graph: graphCommand,
};
export function commandModule(name) {
    return Object.prototype.hasOwnProperty.call(COMMAND_MODULES, name) ? COMMAND_MODULES[name] : undefined;
}
