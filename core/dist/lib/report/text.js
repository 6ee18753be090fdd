/** One line of plain text: newlines become spaces, other control characters `?`. */
export function plainLine(s) {
    return s.replace(/\r?\n/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
function value(x) {
    const note = x.note ? ` (${plainLine(x.note)})` : '';
    const href = x.href && /^https?:\/\//.test(x.href) ? ` <${plainLine(x.href)}>` : '';
    return `${plainLine(x.text)}${note}${href}`;
}
/** The headline alone: the one-line summary (Jenkins build description). */
export function renderHeadline(report) {
    return plainLine(report.headline);
}
export function renderText(report) {
    const lines = [renderHeadline(report)];
    for (const f of report.facts)
        lines.push(`  ${plainLine(f.label)}: ${f.values.map(value).join(' ')}`);
    for (const l of report.links)
        lines.push(`  ${plainLine(l.label)}: ${value({ text: l.text, href: l.href })}`);
    for (const r of report.unmetRules)
        lines.push(`  unmet rule: ${plainLine(r)}`);
    for (const t of report.tables)
        for (const row of t.rows)
            lines.push(`  ${plainLine(t.title)}: ${row.map(plainLine).join(' | ')}`);
    if (report.nextStep)
        lines.push(`  next step: ${plainLine(report.nextStep)}`);
    return `${lines.join('\n')}\n`;
}
