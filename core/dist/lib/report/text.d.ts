/**
 * Plain-text renderer: the CircleCI step log, the Jenkins console, and (its first line) the Jenkins build
 * description. Control characters are replaced, so a value cannot forge a line or a terminal sequence.
 */
import type { Report } from './model.js';
/** One line of plain text: newlines become spaces, other control characters `?`. */
export declare function plainLine(s: string): string;
/** The headline alone: the one-line summary (Jenkins build description). */
export declare function renderHeadline(report: Report): string;
export declare function renderText(report: Report): string;
