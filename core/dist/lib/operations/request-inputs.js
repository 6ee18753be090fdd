/**
 * Typed readers over ResolvedInputs for the mutating operations' request() builders. execute() has already
 * type-checked every value against the input table; these only narrow the union and trim blanks away.
 */
import path from 'node:path';
/** A trimmed string input, or undefined when absent or blank (a repeated value keeps its last one). */
export function str(inputs, name) {
    let v = inputs[name];
    if (Array.isArray(v))
        v = v[v.length - 1];
    if (v === undefined || typeof v === 'boolean')
        return undefined;
    const s = String(v).trim();
    return s === '' ? undefined : s;
}
/** A boolean input: true/false values (booleans or the strings "true"/"false"); absent -> false. */
export function bool(inputs, name) {
    const v = inputs[name];
    return v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');
}
/** A list input (repeatable flag): every non-blank value. */
export function list(inputs, name) {
    const v = inputs[name];
    if (v === undefined || typeof v === 'boolean')
        return [];
    const arr = Array.isArray(v) ? v : [String(v)];
    return arr.map((s) => s.trim()).filter((s) => s !== '');
}
/** An integer input, or undefined when absent. */
export function int(inputs, name) {
    const v = inputs[name];
    if (typeof v === 'number')
        return v;
    const s = str(inputs, name);
    return s === undefined ? undefined : Number.parseInt(s, 10);
}
/** The component.toml read when none is named (the input table's default for `toml`). */
export const DEFAULT_COMPONENT_TOML = 'component.toml';
/**
 * The `toml` input: the path, and whether it names a file other than the default ./component.toml. Only the
 * default may be absent (the component is then named from the flags or git); a path named explicitly must
 * exist. Decided by value, not by where it came from: adapters pass the default as an ordinary input.
 */
export function tomlInput(inputs) {
    const given = str(inputs, 'toml');
    if (given === undefined)
        return { path: DEFAULT_COMPONENT_TOML, explicit: false };
    return { path: given, explicit: path.normalize(given) !== DEFAULT_COMPONENT_TOML };
}
