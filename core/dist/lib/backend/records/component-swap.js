/** Application-version composition helpers (ortelius-api.md 8.2/8.3): swap by base, next free version. */
import { baseOfComponentVersion, bumpVersion } from '../../naming.js';
/** The components with `cv` swapped in for the one sharing its base, or appended; `changed` false if already there. */
export function swapComponent(components, cv) {
    if (components.includes(cv))
        return { components: [...components], changed: false };
    const base = baseOfComponentVersion(cv);
    const i = components.findIndex((c) => baseOfComponentVersion(c) === base);
    const next = [...components];
    if (i >= 0)
        next[i] = cv;
    else
        next.push(cv);
    return { components: next, changed: true };
}
/** Bumps `version` until `${application};${version}` is not in `taken`. */
export function nextFreeVersion(application, version, taken) {
    let v = version;
    // Each bump yields a new distinct version, so this ends after at most taken.size + 1 steps.
    for (let i = 0; i <= taken.size && taken.has(`${application};${v}`); i++)
        v = bumpVersion(v);
    return v;
}
