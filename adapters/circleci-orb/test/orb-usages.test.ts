/**
 * Issue 20, item 6: every use of an orb job or command anywhere in the docs (each yaml block of every Markdown file
 * of the repository, the orb's examples) is checked against the orb's parameter declarations the way CircleCI
 * compiles a config: unknown parameters, missing required ones, types (string, boolean, integer, env_var_name) and
 * enum values (circleci-expand.ts resolveParameters, the same function through which the tests' own uses are
 * expanded before they run, so a test cannot use the orb in a way this check would refuse). The config parser on
 * npm checks none of this.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ORB_ROOT } from '../scripts/orb-source.js';
import { resolveParameters } from './circleci-expand.js';
import { loadOrb } from './e2e-fixture.js';

const REPO = join(ORB_ROOT, '..', '..');
/** Keys of a workflow job entry that are CircleCI's, not the job's parameters. */
const WORKFLOW_KEYS = new Set([
  'name',
  'requires',
  'context',
  'filters',
  'matrix',
  'pre-steps',
  'post-steps',
  'type',
  'serial-group',
  'override-with',
]);

interface Use {
  where: string;
  kind: 'jobs' | 'commands';
  name: string;
  args: Record<string, unknown>;
}

/** Every `<alias>/<name>` entry in a parsed config (or fragment): under `steps` a command, elsewhere a job. */
function usesIn(doc: unknown, where: string, alias: string): Use[] {
  const out: Use[] = [];
  const entry = (key: string, value: unknown, inSteps: boolean) => {
    // `alias/name` with an orb element name; a Buildkite plugin reference (`shiplog/shiplog#v1`) is not one
    if (!key.startsWith(`${alias}/`) || !/^[a-z][a-z0-9_-]*$/.test(key.slice(alias.length + 1))) return false;
    const args = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    out.push({ where, kind: inSteps ? 'commands' : 'jobs', name: key.slice(alias.length + 1), args });
    return true;
  };
  const walk = (node: unknown, inSteps: boolean) => {
    if (Array.isArray(node)) {
      for (const item of node) {
        if (typeof item === 'string') entry(item, {}, inSteps);
        else if (item !== null && typeof item === 'object') {
          const keys = Object.keys(item);
          if (keys.length === 1 && entry(keys[0], (item as Record<string, unknown>)[keys[0]], inSteps)) {
            const v = (item as Record<string, unknown>)[keys[0]] as Record<string, unknown> | null;
            for (const k of ['pre-steps', 'post-steps']) if (v && v[k]) walk(v[k], true);
          } else walk(item, inSteps);
        }
      }
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, inSteps || k === 'steps');
    }
  };
  walk(doc, false);
  return out;
}

/** The alias a config gives the shiplog orb (`orbs: {x: shiplog/shiplog@1}`), `shiplog` when it names none. */
function aliasOf(doc: unknown): string {
  const orbs = (doc as { orbs?: Record<string, unknown> } | null)?.orbs;
  if (orbs && typeof orbs === 'object')
    for (const [a, ref] of Object.entries(orbs)) if (typeof ref === 'string' && ref.startsWith('shiplog/shiplog@')) return a;
  return 'shiplog';
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    if (n === 'node_modules' || n.startsWith('.')) return [];
    const p = join(dir, n);
    return statSync(p).isDirectory() ? markdownFiles(p) : n.endsWith('.md') ? [p] : [];
  });
}

function docUses(orb: any): Use[] {
  const uses: Use[] = [];
  for (const file of markdownFiles(REPO)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*```ya?ml\n([\s\S]*?)^\s*```/gm)) {
      const line = text.slice(0, m.index).split('\n').length;
      for (const d of parseAllDocuments(m[1])) {
        if (d.errors.length) continue; // not a config (a fragment of another format): nothing to check
        const doc = d.toJS();
        uses.push(...usesIn(doc, `${relative(REPO, file)}:${line}`, aliasOf(doc)));
      }
    }
  }
  for (const [name, example] of Object.entries<any>(orb.examples ?? {}))
    uses.push(...usesIn(example.usage, `orb example ${name}`, aliasOf(example.usage)));
  return uses;
}

/**
 * What CircleCI would refuse in a use, as one line, or null. A value that is a pipeline parameter or another
 * reference (`<< pipeline.parameters.x >>`) is typed at compile time: it stands for the parameter's default here.
 */
function problem(orb: any, use: Use): string | null {
  const spec = orb[use.kind]?.[use.name];
  if (!spec) return `${use.where}: the orb has no ${use.kind === 'jobs' ? 'job' : 'command'} ${use.name}`;
  const specs = spec.parameters ?? {};
  const args: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(use.args)) {
    if (use.kind === 'jobs' && WORKFLOW_KEYS.has(k)) continue;
    args[k] =
      typeof v === 'string' && v.includes('<<') && specs[k]
        ? (specs[k].default ?? (specs[k].type === 'boolean' ? true : specs[k].type === 'integer' ? 1 : 'x'))
        : v;
  }
  try {
    resolveParameters(`${use.where}: ${use.kind === 'jobs' ? 'job' : 'command'} ${use.name}`, specs, args);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('every use of the orb in the docs and examples', () => {
  const orb = loadOrb();
  const uses = docUses(orb);

  it('finds the uses (README, docs, examples) of jobs and commands', () => {
    expect(uses.length).toBeGreaterThanOrEqual(10);
    console.log(`orb uses checked: ${uses.length} (${new Set(uses.map((u) => u.where.replace(/:\d+$/, ''))).size} files or examples)`);
    expect(new Set(uses.map((u) => u.kind))).toEqual(new Set(['jobs', 'commands']));
    expect(uses.some((u) => u.where.startsWith('adapters/circleci-orb/README.md'))).toBe(true);
  });

  it('passes only declared parameters, every required one, of the declared type and enum', () => {
    expect(uses.map((u) => problem(orb, u)).filter(Boolean)).toEqual([]);
  });

  it('the check refuses an unknown parameter, a missing required one, a wrong type and a value outside an enum', () => {
    const job = (args: Record<string, unknown>): Use => ({
      where: 'probe',
      kind: 'jobs',
      name: 'deploy',
      args: { application: 'A', env: 'dev', ...args },
    });
    expect(problem(orb, job({ aplication: 'typo' }))).toMatch(/unexpected argument aplication/);
    expect(problem(orb, { where: 'probe', kind: 'jobs', name: 'deploy', args: { env: 'dev' } })).toMatch(
      /missing required argument application/,
    );
    expect(problem(orb, job({ dry_run: 'yes' }))).toMatch(/dry_run must be a boolean/);
    expect(problem(orb, job({ max_response_mib: '32' }))).toMatch(/max_response_mib must be an integer/);
    expect(problem(orb, job({ app_version: 1.1 }))).toMatch(/app_version must be a string/);
    expect(problem(orb, job({ backend: 'postgres' }))).toMatch(/backend must be one of/);
    expect(problem(orb, job({ dhpass: 'not a name' }))).toMatch(/dhpass must name an environment variable/);
    expect(problem(orb, { where: 'probe', kind: 'commands', name: 'no-such', args: {} })).toMatch(/no command no-such/);
    expect(problem(orb, job({ requires: ['x'], context: 'c', dry_run: '<< pipeline.parameters.dry >>' }))).toBeNull();
  });
});
