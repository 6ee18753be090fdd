/**
 * Mermaid `flowchart` text built from plain data. Node ids are generated (n0, n1, ...), never taken from
 * names; every label is a double-quoted string in which anything outside a small safe set is written as a
 * Mermaid entity code (`#34;`), so a hostile name (quotes, brackets, `-->`, `%%`, HTML, newlines) can neither
 * end the label nor inject statements or markup.
 */

export interface MermaidNode {
  id: string;
  /** Label lines (joined with `<br/>`). */
  lines: string[];
  /** Optional class name (must match CLASS_NAME). */
  className?: string;
}

export interface MermaidEdge {
  from: string;
  to: string;
}

export interface MermaidClass {
  name: string;
  /** CSS-ish style, e.g. `fill:#dff0d8,stroke:#3c763d`. Not user input. */
  style: string;
}

const ID = /^[A-Za-z][A-Za-z0-9_]*$/;
const CLASS_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Characters written as they are inside a quoted label. */
const SAFE = /[A-Za-z0-9 _.,:;/=+-]/;

/** Escapes one label line: every character outside SAFE becomes `#<decimal code point>;`. */
export function escapeLabel(text: string): string {
  let out = '';
  for (const ch of text) {
    out += SAFE.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}

/** A subgraph: the nodes it holds are drawn inside a titled box (plan's waves). */
export interface MermaidGroup {
  id: string;
  label: string;
  nodeIds: string[];
}

export function flowchart(
  direction: 'LR' | 'TD',
  nodes: MermaidNode[],
  edges: MermaidEdge[],
  classes: MermaidClass[] = [],
  groups: MermaidGroup[] = [],
): string {
  const lines = [`flowchart ${direction}`];
  for (const c of classes) {
    if (!CLASS_NAME.test(c.name)) throw new Error(`bad mermaid class name ${JSON.stringify(c.name)}`);
    lines.push(`  classDef ${c.name} ${c.style}`);
  }
  const node = (n: MermaidNode, indent: string) => {
    checkId(n.id);
    lines.push(`${indent}${n.id}["${n.lines.map(escapeLabel).join('<br/>')}"]`);
  };
  const grouped = new Set(groups.flatMap((g) => g.nodeIds));
  for (const g of groups) {
    checkId(g.id);
    lines.push(`  subgraph ${g.id}["${escapeLabel(g.label)}"]`);
    for (const n of nodes) if (g.nodeIds.includes(n.id)) node(n, '    ');
    lines.push('  end');
  }
  for (const n of nodes) if (!grouped.has(n.id)) node(n, '  ');
  for (const e of edges) {
    checkId(e.from);
    checkId(e.to);
    lines.push(`  ${e.from} --> ${e.to}`);
  }
  for (const n of nodes) {
    if (n.className === undefined) continue;
    if (!CLASS_NAME.test(n.className)) throw new Error(`bad mermaid class name ${JSON.stringify(n.className)}`);
    lines.push(`  class ${n.id} ${n.className}`);
  }
  return lines.join('\n') + '\n';
}

function checkId(id: string): void {
  if (!ID.test(id)) throw new Error(`bad mermaid node id ${JSON.stringify(id)}`);
}
