/** The store URL of a config file, or undefined (no file, no [store] table). */
export declare function storeUrlFromConfig(file: string | undefined): Promise<string | undefined>;
