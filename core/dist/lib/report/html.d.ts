/**
 * HTML renderer (for a dashboard): one <section> per report, every text escaped, links only http(s).
 */
import type { Report } from './model.js';
export declare function escapeHtml(s: string): string;
export declare function renderHtml(report: Report): string;
