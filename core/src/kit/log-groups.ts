/**
 * How a CI platform folds one deployment of `shiplog apply` in its job log (docs/intent.md "In CI"): GitHub
 * Actions `::group::`/`::endgroup::`, Buildkite `--- ` sections (a failed one re-opened with `^^^ +++`), and on
 * Jenkins and CircleCI, whose step logs have no folding of their own, a banner line before and after. The core's
 * apply (intent/apply-run.ts) writes these around each deployment's output when it runs on that platform; outside
 * CI nothing is added. Pure: titles in, lines out.
 */
import type { Platform } from '../inputs.js';
import { plainLine } from '../report/text.js';

export interface LogGroups {
  /** The line that opens a deployment's group (its title: what is deployed where). */
  open(title: string): string;
  /** The line(s) that end it; `failed` keeps a failure's output in view where the platform can. */
  close(title: string, failed: boolean): string;
}

/** GitHub reads a workflow command's data up to the end of the line: %, CR and LF are escaped as the runner expects. */
const commandData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

const banner: LogGroups = {
  open: (title) => `==== ${plainLine(title)} ====\n`,
  close: (title, failed) => `==== ${failed ? 'FAILED' : 'end'}: ${plainLine(title)} ====\n`,
};

export const LOG_GROUPS: Readonly<Record<Platform, LogGroups>> = {
  github: { open: (title) => `::group::${commandData(plainLine(title))}\n`, close: () => '::endgroup::\n' },
  // A `--- ` line starts a collapsed section that runs to the next one: the apply's own lines that follow get one.
  buildkite: { open: (title) => `--- ${plainLine(title)}\n`, close: (_title, failed) => `${failed ? '^^^ +++\n' : ''}--- shiplog apply\n` },
  jenkins: banner,
  circleci: banner,
};

/** The grouping of the CI provider shiplog runs on (CiContext.provider), or undefined outside the four platforms. */
export function logGroupsFor(provider: string | undefined): LogGroups | undefined {
  return provider !== undefined && Object.hasOwn(LOG_GROUPS, provider) ? LOG_GROUPS[provider as Platform] : undefined;
}
