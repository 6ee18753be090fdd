/**
 * `shiplog graph --application A`: the application's version lineage (each version's predecessor, the
 * Ortelius dependency map) as a Mermaid `flowchart LR`. Each node shows the version and the component
 * versions that changed against its predecessor; versions running somewhere are marked with the
 * environment names.
 */
import { InvalidInputError } from '../errors.js';
import type { ApplicationVersion } from '../model.js';
import { baseOfComponentVersion } from '../naming.js';
import type { CommandModule, CommandResultBase, ResolvedInputs } from './command-module.js';
import type { OperationContext } from './context.js';
import { flowchart, type MermaidEdge, type MermaidNode } from './mermaid.js';
import { str } from './request-inputs.js';
import { environmentOrder, parseApplication, type ApplicationFilter } from './query-filters.js';

export interface GraphRequest {
  application: ApplicationFilter;
  /** Print the Mermaid text on stdout (false under --json). */
  print?: boolean;
}

export interface GraphVersion {
  /** Full application version name. */
  name: string;
  version: string;
  /** Full name of the predecessor, or null for the first version. */
  predecessor: string | null;
  /** Full component version names. */
  components: string[];
  /** Component versions new or swapped in against the predecessor (all of them for the first version). */
  changed: string[];
  /** Component bases the predecessor had and this version dropped. */
  removed: string[];
  /** Environments this version currently runs in, pipeline order. */
  deployedTo: string[];
}

export interface GraphResult extends CommandResultBase {
  operation: 'graph';
  application: string;
  mermaid: string;
  versions: GraphVersion[];
}

export function graphRequest(inputs: ResolvedInputs): GraphRequest {
  const problems: string[] = [];
  const raw = str(inputs, 'application');
  const application = raw === undefined ? undefined : parseApplication(raw, problems);
  // Worded as execute()'s own check of the required inputs, so that the merged error names it once.
  if (raw === undefined) problems.push('--application is required');
  if (problems.length > 0) throw InvalidInputError.of(problems, 'e.g. shiplog graph --application GLOBAL.Acme.Store.shop');
  // The Mermaid text is the command's product, so it goes to stdout (`shiplog graph ... > lineage.mmd`);
  // under --json it is a field of the one JSON object instead.
  return { application: application!, print: inputs.json !== true };
}

export async function runGraph(ctx: OperationContext, req: GraphRequest): Promise<GraphResult> {
  const backend = await ctx.backend();
  const app = req.application.application;
  const [all, states, config] = await Promise.all([
    backend.listApplicationVersions(app),
    backend.status({ application: app }),
    ctx.pipeline(),
  ]);
  if (all.length === 0) {
    throw new InvalidInputError(`application "${app}" has no versions`, {
      hint: 'create one with shiplog version-update',
    });
  }
  const deployed = new Map<string, string[]>();
  for (const s of states) {
    if (s.application !== app) continue;
    deployed.set(s.appVersion, [...(deployed.get(s.appVersion) ?? []), s.name]);
  }
  const envOrder = environmentOrder(config);
  const byName = new Map(all.map((v) => [v.name, v]));
  const versions = all.map((v) =>
    graphVersion(v, v.predecessor ? byName.get(v.predecessor) : undefined, (deployed.get(v.name) ?? []).sort(envOrder)),
  );
  const mermaid = lineageMermaid(versions);
  if (req.print) ctx.host.stdout(mermaid.endsWith('\n') ? mermaid : `${mermaid}\n`);
  return { ok: true, operation: 'graph', application: app, mermaid, versions };
}

/** Compares one application version with its predecessor; exported for tests. */
export function graphVersion(v: ApplicationVersion, pred: ApplicationVersion | undefined, deployedTo: string[]): GraphVersion {
  const before = new Set(pred?.components ?? []);
  const nowBases = new Set(v.components.map(baseOfComponentVersion));
  return {
    name: v.name,
    version: v.version,
    predecessor: v.predecessor ?? null,
    components: [...v.components],
    changed: v.components.filter((c) => !before.has(c)),
    removed: [...new Set((pred?.components ?? []).map(baseOfComponentVersion))].filter((b) => !nowBases.has(b)),
    deployedTo,
  };
}

/** The Mermaid text: one node per version, an edge from each listed predecessor. */
export function lineageMermaid(versions: GraphVersion[]): string {
  const ids = new Map(versions.map((v, i) => [v.name, `v${i}`]));
  const nodes: MermaidNode[] = versions.map((v) => ({
    id: ids.get(v.name)!,
    lines: [
      v.version,
      ...v.changed.map(shortComponent),
      ...v.removed.map((b) => `removed ${shortComponent(b)}`),
      ...(v.deployedTo.length > 0 ? [`deployed: ${v.deployedTo.join(', ')}`] : []),
    ],
    className: v.deployedTo.length > 0 ? 'deployed' : undefined,
  }));
  const edges: MermaidEdge[] = [];
  for (const v of versions) {
    const from = v.predecessor ? ids.get(v.predecessor) : undefined;
    if (from) edges.push({ from, to: ids.get(v.name)! });
  }
  return flowchart('LR', nodes, edges, [{ name: 'deployed', style: 'fill:#dff0d8,stroke:#3c763d,stroke-width:2px' }]);
}

/** `GLOBAL.Acme.Store.cart;main;v1_0_0` -> `cart;main;v1_0_0` (the domain is in the application already). */
function shortComponent(full: string): string {
  const [dotted, ...rest] = full.split(';');
  const i = dotted.lastIndexOf('.');
  return [i < 0 ? dotted : dotted.slice(i + 1), ...rest].join(';');
}

export function renderGraph(res: GraphResult): string {
  return `lineage of ${res.application}: ${res.versions.length} version(s), Mermaid flowchart on stdout`;
}

export const graphCommand: CommandModule<GraphRequest, GraphResult> = {
  name: 'graph',
  summary: "Print an application's version lineage as a Mermaid flowchart, with what changed and where each version runs.",
  examples: [
    'shiplog graph --application GLOBAL.Acme.Store.shop',
    'shiplog graph --application GLOBAL.Acme.Store.shop > lineage.mmd',
    'shiplog graph --application GLOBAL.Acme.Store.shop --json | jq -r .mermaid',
  ],
  mutating: false,
  request: (inputs) => graphRequest(inputs),
  run: runGraph,
  render: renderGraph,
};
