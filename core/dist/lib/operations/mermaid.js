/**
 * Mermaid `flowchart` text built from plain data. Node ids are generated (n0, n1, ...), never taken from
 * names; every label is a double-quoted string in which anything outside a small safe set is written as a
 * Mermaid entity code (`#34;`), so a hostile name (quotes, brackets, `-->`, `%%`, HTML, newlines) can neither
 * end the label nor inject statements or markup.
 */
const ID = /^[A-Za-z][A-Za-z0-9_]*$/;
const CLASS_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Characters written as they are inside a quoted label. */
const SAFE = /[A-Za-z0-9 _.,:;/=+-]/;
/** Escapes one label line: every character outside SAFE becomes `#<decimal code point>;`. */
export function escapeLabel(text) {
    let out = '';
    for (const ch of text) {
        out += SAFE.test(ch) ? ch : `#${ch.codePointAt(0)};`;
    }
    return out;
}
export function flowchart(direction, nodes, edges, classes = []) {
    const lines = [`flowchart ${direction}`];
    for (const c of classes) {
        if (!CLASS_NAME.test(c.name))
            throw new Error(`bad mermaid class name ${JSON.stringify(c.name)}`);
        lines.push(`  classDef ${c.name} ${c.style}`);
    }
    for (const n of nodes) {
        checkId(n.id);
        lines.push(`  ${n.id}["${n.lines.map(escapeLabel).join('<br/>')}"]`);
    }
    for (const e of edges) {
        checkId(e.from);
        checkId(e.to);
        lines.push(`  ${e.from} --> ${e.to}`);
    }
    for (const n of nodes) {
        if (n.className === undefined)
            continue;
        if (!CLASS_NAME.test(n.className))
            throw new Error(`bad mermaid class name ${JSON.stringify(n.className)}`);
        lines.push(`  class ${n.id} ${n.className}`);
    }
    return lines.join('\n') + '\n';
}
function checkId(id) {
    if (!ID.test(id))
        throw new Error(`bad mermaid node id ${JSON.stringify(id)}`);
}
