/**
 * Renders every action.yml file and the README's input/output tables from the core's input table, as the
 * kit exposes it on GitHub (platformParams, platformOutputs). Pure functions: the build writes them, the drift
 * test compares them.
 */
import {
  ADAPTER_COMMANDS,
  platformOutputs,
  platformParams,
  type AdapterCommandName,
  type OutputSpec,
  type PlatformParam,
} from '@shiplog/core';
import { OPERATION_INPUT } from '@shiplog/core';

/** One input as an action.yml declares it. */
export interface ManifestInput {
  name: string;
  description: string;
  required: boolean;
  default?: string;
  /** The default the user gets (the core applies it when the runner passes no default). */
  effectiveDefault?: string;
  secret: boolean;
}

/**
 * A table input as an action input. Inputs the core also reads from environment variables get no action.yml
 * default: the runner always passes a declared default, which would then override the variable. Their default
 * stays in the description instead (the core applies it).
 */
export function manifestInput(p: PlatformParam): ManifestInput {
  const spec = p.spec;
  const envBound = (spec.env?.length ?? 0) > 0;
  let description = p.description;
  if (spec.type === 'list') description += ' One per line.';
  if (spec.type === 'enum' && spec.values) description += ` One of: ${spec.values.map((v) => `\`${v}\``).join(', ')}.`;
  if (envBound) description += ` Falls back to ${spec.env!.map((e) => `\`${e}\``).join(', ')}.`;
  if (envBound && p.default !== undefined) description += ` Default: \`${p.default}\`.`;
  if (spec.secret) description += ' Pass it from a secret; it is masked in the log.';
  return {
    name: p.name,
    description,
    required: p.required,
    default: envBound ? undefined : p.default,
    effectiveDefault: p.default,
    secret: spec.secret ?? false,
  };
}

/** Every input of one action folder, in table order (the core's, then the GitHub-only ones). */
export function manifestInputs(op: AdapterCommandName): ManifestInput[] {
  return platformParams('github', op)
    .filter((p) => p.channel === 'value')
    .map(manifestInput);
}

export function manifestOutputs(op: AdapterCommandName): OutputSpec[] {
  return platformOutputs('github', op).map((o) => o.spec);
}

/** Where each action.yml's `main` points: the one bundle shared by every folder (see README). */
export const BUNDLE_FROM_ACTION_DIR = '../dist/index.cjs';
export const NODE_RUNTIME = 'node24';

const TITLES: Record<AdapterCommandName, string> = {
  'version-update': 'Record a new component version and the application version that contains it.',
  move: 'Move an application version to the next (or a named) pipeline stage.',
  approve: 'Approve (or reject) an application version for a gated stage.',
  deploy: 'Run or record a deployment of an application version to an environment.',
  envscript: "Write the component's build variables as a shell script, dotenv, JSON or GITHUB_ENV block.",
  plan: 'Compare what runs where with intent.toml: the deployments to make, in dependency waves, as a job summary.',
  apply: 'Make the environments match intent.toml: deploy wave by wave, each deployment in its own log group.',
};

const q = (s: string): string => JSON.stringify(s);

export function renderActionYml(op: AdapterCommandName): string {
  const lines: string[] = [
    '# GENERATED from the input table (core/src/inputs.ts) by `npm run build`. Do not edit by hand:',
    '# `npm run check` fails when this file drifts.',
    `name: ${q(`shiplog ${op}`)}`,
    `description: ${q(TITLES[op])}`,
    'author: "shiplog"',
    'branding:',
    '  icon: "package"',
    '  color: "blue"',
    'inputs:',
  ];
  for (const input of manifestInputs(op)) {
    lines.push(`  ${input.name}:`);
    lines.push(`    description: ${q(input.description)}`);
    lines.push(`    required: ${input.required}`);
    if (input.default !== undefined) lines.push(`    default: ${q(input.default)}`);
  }
  lines.push(`  ${OPERATION_INPUT}:`);
  lines.push(`    description: ${q('Internal: the operation this folder runs in the shared bundle. Do not set it.')}`);
  lines.push('    required: false');
  lines.push(`    default: ${q(op)}`);
  lines.push('outputs:');
  for (const output of manifestOutputs(op)) {
    lines.push(`  ${output.name}:`);
    lines.push(`    description: ${q(output.description)}`);
  }
  lines.push('runs:');
  lines.push(`  using: ${q(NODE_RUNTIME)}`);
  lines.push(`  main: ${q(BUNDLE_FROM_ACTION_DIR)}`);
  return lines.join('\n') + '\n';
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderInputsTable(op: AdapterCommandName): string {
  const rows = ['| Input | Required | Default | Description |', '| --- | --- | --- | --- |'];
  for (const input of manifestInputs(op)) {
    const def = input.effectiveDefault === undefined || input.effectiveDefault === '' ? '' : `\`${input.effectiveDefault}\``;
    rows.push(`| \`${input.name}\` | ${input.required ? 'yes' : 'no'} | ${def} | ${cell(input.description)} |`);
  }
  return rows.join('\n');
}

export function renderOutputsTable(op: AdapterCommandName): string {
  const rows = ['| Output | Description |', '| --- | --- |'];
  for (const output of manifestOutputs(op)) rows.push(`| \`${output.name}\` | ${cell(output.description)} |`);
  return rows.join('\n');
}

const START = (key: string) => `<!-- generated:${key}:start -->`;
const END = (key: string) => `<!-- generated:${key}:end -->`;

/** The generated README blocks, keyed by marker name. */
export function readmeBlocks(): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const op of ADAPTER_COMMANDS) {
    blocks.set(`inputs:${op}`, renderInputsTable(op));
    blocks.set(`outputs:${op}`, renderOutputsTable(op));
  }
  return blocks;
}

/** Replaces every generated block in `readme`; throws when a marker pair is missing. */
export function updateReadme(readme: string): string {
  let text = readme;
  for (const [key, body] of readmeBlocks()) {
    const start = text.indexOf(START(key));
    const end = text.indexOf(END(key));
    if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${START(key)} ... ${END(key)}`);
    text = text.slice(0, start) + `${START(key)}\n${body}\n` + text.slice(end);
  }
  return text;
}

/** Extracts one generated block's body from a README (undefined when its markers are missing). */
export function readmeBlock(readme: string, key: string): string | undefined {
  const start = readme.indexOf(START(key));
  const end = readme.indexOf(END(key));
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + START(key).length, end).trim();
}

export function markers(key: string): { start: string; end: string } {
  return { start: START(key), end: END(key) };
}
