/**
 * An input error in a platform's own terms: the core names its inputs as CLI flags (`--timeout must be ...`,
 * `DEPLOY_ENV (for --env)`) and hints at `shiplog <op> --help`; a pipeline author set an action input, an orb
 * parameter, a plugin option or a step argument. Only invalid-input errors (exit 2) are rewritten, and only
 * flags that the platform takes for that command, spelled as the platform spells them.
 */
import type { CommandName, Platform } from '../inputs.js';
import type { JsonResult } from './outputs.js';
export interface PlatformTerms {
    /** What the platform calls an input: `input`, `parameter`, `option`, `argument`. */
    noun: string;
    /** Where the platform's inputs are documented (replaces the `--help` hint). */
    doc: string;
}
export declare function inPlatformTerms(platform: Platform, command: CommandName, result: JsonResult, terms: PlatformTerms): JsonResult;
