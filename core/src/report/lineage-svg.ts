/**
 * An application's lineage drawn as inline SVG by shiplog itself (no client-side Mermaid, nothing fetched):
 * one box per version, oldest on the left, an arrow from each predecessor. A version whose predecessor already
 * has a successor in its lane starts a new lane below, so branches stay readable. Every text is escaped.
 */
import { escapeHtml } from './html.js';
import { shortName, type DashboardLineageVersion } from './dashboard-model.js';

const W = 168;
const GAP = 36;
const LINE = 15;
const PAD = 8;
/** Lines of changed components shown in a box before `+N more`. */
const MAX_CHANGES = 3;

interface Box {
  v: DashboardLineageVersion;
  col: number;
  lane: number;
  lines: string[];
}

function boxLines(v: DashboardLineageVersion): string[] {
  const changes = [...v.changed.map(shortName), ...v.removed.map((b) => `removed ${shortName(b)}`)];
  const shown = changes.slice(0, MAX_CHANGES);
  if (changes.length > MAX_CHANGES) shown.push(`+${changes.length - MAX_CHANGES} more`);
  return [...shown, ...(v.deployedTo.length > 0 ? [`▶ ${v.deployedTo.join(', ')}`] : [])];
}

/** Cuts a line to what fits a box (about 26 characters at the font size used). */
function fit(s: string, max = 26): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

export interface LineageSvgOptions {
  /** Makes the arrow marker's id unique in a page holding many drawings (letters, digits, `-`). */
  id?: string;
  /** The id of an arrow marker the page defines once and its stylesheet puts on `.edge` (dashboard-html.ts): no marker of this drawing's own. */
  sharedMarker?: string;
}

/** The arrow marker edges point with; a page holding many drawings defines it once. */
export function arrowMarker(id: string): string {
  return `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" class="arrowhead"/></marker>`;
}

export function lineageSvg(versions: DashboardLineageVersion[], label: string, opts: LineageSvgOptions = {}): string {
  if (versions.length === 0) return '';
  const marker = opts.sharedMarker ?? `${(opts.id ?? 'lineage').replace(/[^A-Za-z0-9-]/g, '')}-arrow`;
  const index = new Map(versions.map((v, i) => [v.name, i]));
  const laneOf = new Map<string, number>();
  const laneUsedAfter = new Map<string, boolean>();
  let lanes = 0;
  const boxes: Box[] = versions.map((v, col) => {
    const pred = v.predecessor !== null && index.has(v.predecessor) ? v.predecessor : undefined;
    let lane: number;
    if (pred !== undefined && !laneUsedAfter.get(pred)) {
      lane = laneOf.get(pred)!;
      laneUsedAfter.set(pred, true);
    } else if (pred === undefined && col === 0) {
      lane = 0;
    } else {
      lane = lanes;
    }
    lanes = Math.max(lanes, lane + 1);
    laneOf.set(v.name, lane);
    return { v, col, lane, lines: boxLines(v) };
  });
  const maxLines = Math.max(...boxes.map((b) => b.lines.length)) + 1;
  const h = maxLines * LINE + PAD * 2;
  const laneH = h + GAP / 2;
  const width = versions.length * (W + GAP) - GAP + 2;
  const height = lanes * laneH - GAP / 2 + 2;
  const pos = (b: Box) => ({ x: 1 + b.col * (W + GAP), y: 1 + b.lane * laneH });
  const out: string[] = [
    `<svg class="lineage" xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${escapeHtml(label)}</title>`,
  ];
  if (opts.sharedMarker === undefined) out.push(`<defs>${arrowMarker(marker)}</defs>`);
  const byName = new Map(boxes.map((b) => [b.v.name, b]));
  for (const b of boxes) {
    const p = b.v.predecessor !== null ? byName.get(b.v.predecessor) : undefined;
    if (!p) continue;
    const a = pos(p);
    const z = pos(b);
    const y1 = a.y + LINE + PAD;
    const y2 = z.y + LINE + PAD;
    const d =
      y1 === y2 ? `M${a.x + W},${y1}H${z.x - 1}` : `M${a.x + W},${y1}C${a.x + W + GAP / 2},${y1} ${z.x - GAP / 2},${y2} ${z.x - 1},${y2}`;
    out.push(
      opts.sharedMarker === undefined ? `<path class="edge" d="${d}" marker-end="url(#${marker})"/>` : `<path class="edge" d="${d}"/>`,
    );
  }
  for (const b of boxes) {
    const { x, y } = pos(b);
    const cls = b.v.deployedTo.length > 0 ? 'node deployed' : 'node';
    const text = [
      `<tspan>${escapeHtml(fit(b.v.version))}</tspan>`,
      ...b.lines.map((l) => `<tspan x="${PAD}" dy="${LINE}">${escapeHtml(fit(l))}</tspan>`),
    ];
    out.push(
      `<g class="${cls}" transform="translate(${x},${y})"><rect width="${W}" height="${h}" rx="6"/><text x="${PAD}" y="${PAD + 11}">${text.join('')}</text></g>`,
    );
  }
  out.push('</svg>');
  return out.join('');
}
