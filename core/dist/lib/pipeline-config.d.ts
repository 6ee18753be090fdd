import type { Host } from './host.js';
import type { PipelineConfig, Stage } from './model.js';
export declare const DEFAULT_PIPELINE_FILE = "shiplog.toml";
/** The built-in pipeline: dev -> qa -> prod, prod gated. */
export declare function defaultPipelineConfig(): PipelineConfig;
/**
 * Reads the pipeline config. `file` is resolved against host.cwd; when it is undefined, `shiplog.toml`
 * is used if present, else the default pipeline. A file named explicitly must exist.
 * Every problem in the file is reported at once (ConfigError, exit 2).
 */
export declare function loadPipelineConfig(host: Host, file?: string): Promise<PipelineConfig>;
/** Parses and validates shiplog.toml text. */
export declare function parsePipelineConfig(text: string, file: string): PipelineConfig;
/** The stage with this name, or whose Ortelius domain is this; undefined when none. */
export declare function findStage(config: PipelineConfig, nameOrDomain: string): Stage | undefined;
/** Like findStage, but an unknown stage is an InvalidInputError (exit 2) naming the known ones. */
export declare function requireStage(config: PipelineConfig, nameOrDomain: string): Stage;
/** Position of a stage in the pipeline (-1 when unknown). */
export declare function stageIndex(config: PipelineConfig, name: string): number;
/** The stage after `name` (the first stage when `name` is undefined); undefined after the last one. */
export declare function nextStage(config: PipelineConfig, name: string | undefined): Stage | undefined;
/** The stage an environment belongs to; undefined when the environment is not in the config. */
export declare function stageOfEnvironment(config: PipelineConfig, environment: string): Stage | undefined;
/** Like stageOfEnvironment, but an unknown environment is an InvalidInputError (exit 2). */
export declare function requireEnvironmentStage(config: PipelineConfig, environment: string): Stage;
