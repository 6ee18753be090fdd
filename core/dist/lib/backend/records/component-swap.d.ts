/** The components with `cv` swapped in for the one sharing its base, or appended; `changed` false if already there. */
export declare function swapComponent(components: string[], cv: string): {
    components: string[];
    changed: boolean;
};
/** Bumps `version` until `${application};${version}` is not in `taken`. */
export declare function nextFreeVersion(application: string, version: string, taken: ReadonlySet<string>): string;
