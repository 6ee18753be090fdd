/**
 * Dependency levels of the intent's applications (docs/intent.md "Waves"): an application without
 * dependencies is in wave 1, any other in the wave after its latest dependency's. Applications on a cycle get
 * no level; each cycle is reported once, named along its edges (`a -> b -> a`).
 */

export interface DependencyNode {
  name: string;
  dependsOn: string[];
}

export function dependencyLevels(nodes: DependencyNode[]): { levels: Map<string, number>; cycles: string[][] } {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const levels = new Map<string, number>();
  // Kahn's algorithm, one level at a time.
  let remaining = nodes.filter((n) => byName.has(n.name));
  for (let level = 1; remaining.length > 0; level++) {
    const ready = remaining.filter((n) => n.dependsOn.every((d) => levels.has(d) || !byName.has(d)));
    if (ready.length === 0) break;
    for (const n of ready) levels.set(n.name, level);
    remaining = remaining.filter((n) => !levels.has(n.name));
  }
  return { levels, cycles: findCycles(remaining, byName) };
}

/** One cycle per strongly knotted group among the nodes left without a level, each starting at its smallest name. */
function findCycles(left: DependencyNode[], byName: Map<string, DependencyNode>): string[][] {
  const inLeft = new Set(left.map((n) => n.name));
  const done = new Set<string>();
  const cycles: string[][] = [];
  for (const start of [...inLeft].sort()) {
    if (done.has(start)) continue;
    // Walk dependencies that are still unresolved until a name repeats: the repeated stretch is a cycle.
    const path: string[] = [];
    const seenAt = new Map<string, number>();
    let cur: string | undefined = start;
    while (cur !== undefined && !seenAt.has(cur) && !done.has(cur)) {
      seenAt.set(cur, path.length);
      path.push(cur);
      cur = [...(byName.get(cur)?.dependsOn ?? [])].sort().find((d) => inLeft.has(d));
    }
    for (const p of path) done.add(p);
    if (cur === undefined || !seenAt.has(cur)) continue;
    const loop = path.slice(seenAt.get(cur));
    // Name it from its smallest member, following the dependency edges.
    const min = loop.indexOf([...loop].sort()[0]);
    const rotated = [...loop.slice(min), ...loop.slice(0, min)];
    cycles.push([...rotated, rotated[0]]);
  }
  return cycles;
}
