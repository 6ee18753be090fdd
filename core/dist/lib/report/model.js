export const v = {
    text: (text) => ({ text: textOf(text) }),
    code: (text, note) => ({ text: textOf(text), code: true, ...(note ? { note } : {}) }),
};
export function textOf(x) {
    if (typeof x === 'string')
        return x;
    if (typeof x === 'number' || typeof x === 'boolean')
        return String(x);
    if (x !== null && typeof x === 'object' && typeof x.name === 'string')
        return x.name;
    return '';
}
