/**
 * `shiplog diff --from E1 --to E2`: per application, which component versions differ between what runs in
 * two environments. Components are matched by base (`domain.short;variant`, naming.ts); equal ones are
 * only counted.
 */
import { InvalidInputError } from '../errors.js';
import type { EnvironmentState } from '../model.js';
import { baseOfComponentVersion } from '../naming.js';
import type { CommandModule, CommandResultBase, ResolvedInputs } from './command-module.js';
import type { OperationContext } from './context.js';
import { assertKnownEnvironment, parseApplication, type ApplicationFilter } from './query-filters.js';
import { str } from './request-inputs.js';
import { renderTable, tableOf, versionPart, type TableData } from './render-table.js';

export interface DiffRequest {
  from: string;
  to: string;
  application?: ApplicationFilter;
}

export interface ComponentDiff {
  /** Component base, e.g. `GLOBAL.Acme.Store.cart;main`. */
  base: string;
  /** Version part in each environment; null when the component is absent there. */
  from: string | null;
  to: string | null;
}

export interface ApplicationDiff {
  application: string;
  /** Full application version name in each environment; null when not deployed there. */
  from: string | null;
  to: string | null;
  /** Only the differing components, sorted by base. */
  components: ComponentDiff[];
  /** How many components run at the same version in both. */
  equal: number;
}

export interface DiffResult extends CommandResultBase {
  operation: 'diff';
  from: string;
  to: string;
  applications: ApplicationDiff[];
  /** True when no application differs. */
  identical: boolean;
}

export function diffRequest(inputs: ResolvedInputs): DiffRequest {
  const problems: string[] = [];
  const from = str(inputs, 'from');
  const to = str(inputs, 'to');
  // Worded as execute()'s own check of the required inputs, so that the merged error names each once.
  if (from === undefined) problems.push('--from is required');
  if (to === undefined) problems.push('--to is required');
  const app = str(inputs, 'application');
  const application = app === undefined ? undefined : parseApplication(app, problems);
  if (problems.length > 0) throw InvalidInputError.of(problems, 'e.g. shiplog diff --from qa --to prod');
  return { from: from!, to: to!, application };
}

export async function runDiff(ctx: OperationContext, req: DiffRequest): Promise<DiffResult> {
  const backend = await ctx.backend();
  const config = await ctx.pipeline();
  await assertKnownEnvironment(backend, config, req.from, 'environment (--from)');
  await assertKnownEnvironment(backend, config, req.to, 'environment (--to)');
  const app = req.application?.application;
  const [fromStates, toStates] = await Promise.all([
    backend.status({ environment: req.from, application: app }),
    backend.status({ environment: req.to, application: app }),
  ]);
  const left = byApplication(fromStates, req.from, app);
  const right = byApplication(toStates, req.to, app);
  const names = [...new Set([...left.keys(), ...right.keys()])].sort();
  const applications = names
    .map((name) => diffApplication(name, left.get(name), right.get(name)))
    .filter((d) => d.components.length > 0 || d.from !== d.to);
  return { ok: true, operation: 'diff', from: req.from, to: req.to, applications, identical: applications.length === 0 };
}

function byApplication(states: EnvironmentState[], env: string, app: string | undefined): Map<string, EnvironmentState> {
  const m = new Map<string, EnvironmentState>();
  for (const s of states) {
    if (s.name !== env || (app !== undefined && s.application !== app)) continue;
    m.set(s.application, s);
  }
  return m;
}

/** The diff of one application; exported for tests. */
export function diffApplication(
  application: string,
  from: Pick<EnvironmentState, 'appVersion' | 'components'> | undefined,
  to: Pick<EnvironmentState, 'appVersion' | 'components'> | undefined,
): ApplicationDiff {
  const l = versionsByBase(from?.components ?? []);
  const r = versionsByBase(to?.components ?? []);
  const bases = [...new Set([...l.keys(), ...r.keys()])].sort();
  const components: ComponentDiff[] = [];
  let equal = 0;
  for (const base of bases) {
    const a = l.get(base) ?? null;
    const b = r.get(base) ?? null;
    if (a === b) equal++;
    else components.push({ base, from: a, to: b });
  }
  return { application, from: from?.appVersion ?? null, to: to?.appVersion ?? null, components, equal };
}

function versionsByBase(components: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of components) {
    const base = baseOfComponentVersion(c);
    m.set(base, c.slice(base.length + 1));
  }
  return m;
}

export function renderDiff(res: DiffResult): string {
  if (res.identical) return `${res.from} and ${res.to} run the same versions`;
  const blocks = res.applications.map((a) => {
    const head = `${a.application}: ${res.from} ${a.from ? versionPart(a.from) : '(not deployed)'} -> ${res.to} ${a.to ? versionPart(a.to) : '(not deployed)'}`;
    const table = renderTable(
      [
        { header: 'COMPONENT', cell: (c) => c.base },
        { header: res.from.toUpperCase(), cell: (c) => c.from ?? '-' },
        { header: res.to.toUpperCase(), cell: (c) => c.to ?? '-' },
      ],
      a.components,
      'no component differs',
    );
    return `${head}\n${table}\n(${a.equal} equal component${a.equal === 1 ? '' : 's'})`;
  });
  return blocks.join('\n\n');
}

/**
 * The diff rows for --format: per application first its application version in each environment (COMPONENT
 * `(application)`), then each component that differs; `-` where nothing is deployed.
 */
export function diffTable(res: DiffResult): TableData {
  const rows = res.applications.flatMap((a) => [
    {
      app: a.application,
      what: '(application)',
      from: a.from ? versionPart(a.from) : '-',
      to: a.to ? versionPart(a.to) : '-',
      first: true,
    },
    ...a.components.map((c) => ({ app: a.application, what: c.base, from: c.from ?? '-', to: c.to ?? '-', first: false })),
  ]);
  const equal = res.applications.map((a) => `${a.equal} equal component${a.equal === 1 ? '' : 's'} in ${a.application}`);
  const table = tableOf(
    [
      { header: 'APPLICATION', cell: (r) => r.app, group: true },
      { header: 'COMPONENT', cell: (r) => r.what },
      { header: res.from.toUpperCase(), cell: (r) => r.from },
      { header: res.to.toUpperCase(), cell: (r) => r.to },
    ],
    res.identical ? [] : rows,
    `${res.from} and ${res.to} run the same versions`,
    (r) => r.first,
  );
  return res.identical ? table : { ...table, note: `(${equal.join('; ')})` };
}

export const diffCommand: CommandModule<DiffRequest, DiffResult> = {
  name: 'diff',
  summary: 'Show the component versions that differ between what runs in two environments.',
  examples: ['shiplog diff --from qa --to prod', 'shiplog diff --from dev --to prod --json'],
  mutating: false,
  request: (inputs) => diffRequest(inputs),
  run: runDiff,
  render: renderDiff,
  table: diffTable,
};
