/**
 * The plan for people: an aligned table (one row per environment and application), the unmet rules of the
 * blocked rows, a summary line, and the waves as a Mermaid flowchart (one box per wave, one node per
 * application with its action in each environment, an arrow from each dependency to its dependants).
 */
import { flowchart, type MermaidEdge, type MermaidNode } from '../operations/mermaid.js';
import { renderTable, versionPart } from '../operations/render-table.js';
import type { Plan, PlanAction, PlanRow } from './plan-build.js';

export function renderPlanTable(plan: Plan): string {
  const table = renderTable<PlanRow>(
    [
      { header: 'ENVIRONMENT', cell: (r) => r.environment },
      { header: 'WAVE', cell: (r) => r.wave, right: true },
      { header: 'APPLICATION', cell: (r) => r.application },
      { header: 'CURRENT', cell: (r) => versionPart(r.current) || '-' },
      { header: 'DESIRED', cell: (r) => (r.desired === null ? 'none' : versionPart(r.desired)) },
      { header: 'ACTION', cell: (r) => r.action },
      { header: 'REASON', cell: (r) => r.reason },
    ],
    plan.rows,
    'the intent names nothing to plan',
  );
  const lines = [table];
  for (const r of plan.rows.filter((x) => x.action === 'blocked')) {
    lines.push('', `blocked: ${r.application} ${versionPart(r.desired)} in ${r.environment}:`);
    for (const u of r.unmetRules) lines.push(`  - ${u.rule}: ${u.message}${u.next ? ` (next: ${u.next})` : ''}`);
  }
  lines.push('', planSummary(plan));
  return lines.join('\n');
}

/** "plan: 3 to deploy, 1 blocked, 2 up to date" or "plan: nothing to do, 6 up to date". */
export function planSummary(plan: Plan): string {
  const c = plan.counts;
  const parts = [
    c.deploy ? `${c.deploy} to deploy` : '',
    c.undeploy ? `${c.undeploy} to undeploy` : '',
    c.blocked ? `${c.blocked} blocked` : '',
    `${c.nothing} up to date`,
  ].filter(Boolean);
  return `plan: ${plan.changes ? '' : 'nothing to do, '}${parts.join(', ')}`;
}

const RANK: Record<PlanAction, number> = { nothing: 0, deploy: 1, undeploy: 1, blocked: 2 };

export function renderPlanMermaid(plan: Plan): string {
  const nodes: MermaidNode[] = [];
  const idOf = new Map<string, string>();
  const groups = plan.waves.map((w, i) => {
    const nodeIds: string[] = [];
    for (const app of w.applications) {
      const id = `n${nodes.length}`;
      const rows = plan.rows.filter(
        (r) => r.application === app && (w.phase === 'undeploy' ? r.action === 'undeploy' && r.wave === w.wave : r.action !== 'undeploy'),
      );
      const worst = rows.reduce<PlanAction>((acc, r) => (RANK[r.action] > RANK[acc] ? r.action : acc), 'nothing');
      nodes.push({ id, lines: [app, ...rows.map(describe)], className: worst });
      nodeIds.push(id);
      if (w.phase === 'deploy') idOf.set(app, id);
    }
    return { id: `w${i + 1}`, label: `wave ${w.wave}${w.phase === 'undeploy' ? ' (undeploy)' : ''}`, nodeIds };
  });
  const edges: MermaidEdge[] = [];
  const seen = new Set<string>();
  for (const r of plan.rows) {
    for (const dep of r.dependsOn) {
      const from = idOf.get(dep);
      const to = idOf.get(r.application);
      if (!from || !to || seen.has(`${from}>${to}`)) continue;
      seen.add(`${from}>${to}`);
      edges.push({ from, to });
    }
  }
  const classes = [
    { name: 'nothing', style: 'fill:#dff0d8,stroke:#3c763d' },
    { name: 'deploy', style: 'fill:#fcf8e3,stroke:#8a6d3b' },
    { name: 'undeploy', style: 'fill:#d9edf7,stroke:#31708f' },
    { name: 'blocked', style: 'fill:#f2dede,stroke:#a94442' },
  ];
  return flowchart('LR', nodes, edges, classes, groups);
}

/** One label line per environment: `qa: deploy 2 (runs 1)`, `prod: 1 up to date`, `qa: redeploy 1 (db_url changed)`. */
function describe(r: PlanRow): string {
  const cur = r.current === null ? 'none' : versionPart(r.current);
  const want = r.desired === null ? 'none' : versionPart(r.desired);
  if (r.action === 'nothing') return `${r.environment}: ${cur} up to date`;
  if (r.action === 'undeploy') return `${r.environment}: undeploy ${cur}`;
  if (r.stateChanged.length && r.current === r.desired) return `${r.environment}: redeploy ${want} (${r.stateChanged.join(', ')} changed)`;
  return `${r.environment}: ${r.action} ${want} (runs ${cur})`;
}
