/**
 * Markdown renderer: the GitHub job summary and the Buildkite annotation. Every value is escaped for both
 * markdown and the HTML these renderers accept (`&`, `<`, `>` as entities), so no name, message or note can
 * open a tag, a link or a table cell.
 */
import type { Report } from './model.js';
/** Plain text safe anywhere in markdown, a table cell included (no markup, no HTML, one line). */
export declare function escapeMarkdown(s: string): string;
/** A value shown as inline code, safe inside a table cell. */
export declare function markdownCode(s: string): string;
/** A markdown link, or plain text when the URL is not a plain http(s) URL. */
export declare function markdownLink(label: string, url: string | undefined): string;
export interface MarkdownOptions {
    /** Draw the diagram as a ```mermaid block (GitHub renders it; Buildkite annotations do not). */
    diagrams?: boolean;
}
export declare function renderMarkdown(report: Report, opts?: MarkdownOptions): string;
