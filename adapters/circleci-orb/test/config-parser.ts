/**
 * Validation with @circleci/circleci-config-parser. What it cannot read, and how we work around it:
 * - an executor given by parameter (`executor: << parameters.executor >>`): replaced by the orb's `default`;
 * - `when` steps: replaced by their inner steps;
 * - commands must be defined before the commands that call them: the orb's helper commands go first;
 * - a user config without a top-level `jobs` map (all jobs from the orb): an empty map is added.
 * It does not check that a workflow passes every required parameter of an orb job; validate.test.ts does that.
 * The orb's own commands, executors and jobs are validated together as one config with a workflow running every job.
 */
import * as parserModule from '@circleci/circleci-config-parser';

type Parser = typeof parserModule;
const parser: Parser = ((parserModule as unknown as { default?: Parser }).default ?? parserModule) as Parser;

type AnyRecord = Record<string, any>;

export function orbAsConfig(orb: AnyRecord): AnyRecord {
  const jobs: AnyRecord = {};
  for (const [name, job] of Object.entries<AnyRecord>(orb.jobs ?? {})) {
    jobs[name] = {
      ...job,
      executor: typeof job.executor === 'string' && job.executor.includes('<<') ? 'default' : job.executor,
      steps: (job.steps as unknown[]).flatMap((s) => (s && typeof s === 'object' && 'when' in s ? (s as AnyRecord).when.steps : [s])),
    };
  }
  const commands = orb.commands ?? {};
  const helpers = Object.keys(commands).filter((n) => !JSON.stringify(commands[n].steps).includes('"install"'));
  const ordered: AnyRecord = {};
  for (const n of [...helpers, ...Object.keys(commands).filter((n) => !helpers.includes(n))]) ordered[n] = commands[n];
  return { version: 2.1, executors: orb.executors, commands: ordered, jobs, workflows: { all: { jobs: Object.keys(jobs) } } };
}

/** Throws the parser's error when the orb is not a valid set of commands, executors and jobs. */
export function validateOrb(orb: AnyRecord): void {
  parser.parseConfig(orbAsConfig(orb));
}

/** Parameter manifest of the orb, as the parser needs it to resolve `alias/job` references in a user config. */
export function orbManifest(orb: AnyRecord) {
  const params = (section: AnyRecord | undefined) =>
    Object.fromEntries(Object.entries(section ?? {}).map(([k, v]) => [k, (v as AnyRecord).parameters ?? {}]));
  return parser.parseOrbManifest({ jobs: params(orb.jobs), commands: params(orb.commands), executors: params(orb.executors) });
}

/** Throws unless `config` (an example's usage) parses with the orb imported under its alias. */
export function validateUsage(config: AnyRecord, orb: AnyRecord): void {
  const aliases = Object.keys(config.orbs ?? {});
  const manifests = Object.fromEntries(aliases.map((a) => [a, orbManifest(orb)]));
  // The parser crashes on a config without a top-level `jobs` map (valid when every job comes from an orb).
  parser.parseConfig({ jobs: {}, ...config }, manifests);
}
