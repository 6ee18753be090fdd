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
/** Escapes one label line: every character outside SAFE becomes `#<decimal code point>;`. */
export declare function escapeLabel(text: string): string;
export declare function flowchart(direction: 'LR' | 'TD', nodes: MermaidNode[], edges: MermaidEdge[], classes?: MermaidClass[]): string;
