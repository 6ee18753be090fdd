/**
 * The part of the input table only one platform has: inputs that drive a platform integration (a GitHub
 * Deployment, Jenkins credentials bindings, how the orb fetches the CLI bundle) and never reach execute().
 * Same shape as INPUTS (core/src/inputs.ts), with `platform` set; kit/exposure.ts reads both.
 */
import { type InputSpec } from '../inputs.js';
export declare const PLATFORM_INPUTS: readonly InputSpec[];
