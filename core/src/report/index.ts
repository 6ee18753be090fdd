// The report model and its renderers (see model.ts).
export * from './model.js';
export { buildReport, noResultReport, BLOCKED_CODES } from './build.js';
export { renderMarkdown, escapeMarkdown, markdownCode, markdownLink, type MarkdownOptions } from './markdown.js';
export { renderText, renderHeadline, plainLine } from './text.js';
export { renderHtml, escapeHtml } from './html.js';
export { renderOutputs } from './outputs.js';
export * from './dashboard-model.js';
export { renderDashboardHtml, DASHBOARD_CSP } from './dashboard-html.js';
export {
  renderDashboardMarkdown,
  SUMMARY_LIMIT_BYTES,
  type DashboardMarkdown,
  type DashboardMarkdownOptions,
} from './dashboard-markdown.js';
export { lineageSvg } from './lineage-svg.js';
export {
  gateVerdictOf,
  gateAnnotations,
  ruleLine,
  ruleWhere,
  refusalHeadline,
  type GateRule,
  type GateVerdict,
  type GateAnnotation,
} from './gate-verdict.js';
