import { platformParams } from './exposure.js';
const rec = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
export function inPlatformTerms(platform, command, result, terms) {
    const e = rec(result.error);
    if (result.ok !== false || !e || e.exitCode !== 2)
        return result;
    const names = new Map(platformParams(platform, command).filter((p) => p.channel === 'value').map((p) => [p.spec.name, p.name]));
    const rename = (text) => text.replace(/--([a-z][a-z0-9-]*[a-z0-9])(?![\w-])/g, (flag, name) => (names.has(name) ? `${terms.noun} "${names.get(name)}"` : flag));
    const error = { ...e };
    if (typeof e.message === 'string')
        error.message = rename(e.message);
    if (Array.isArray(e.problems))
        error.problems = e.problems.map((p) => (typeof p === 'string' ? rename(p) : p));
    if (typeof e.hint === 'string') {
        error.hint = /^see shiplog [a-z-]+ --help$/.test(e.hint) ? `see the ${command} ${terms.noun}s in ${terms.doc}` : rename(e.hint);
    }
    return { ...result, error };
}
