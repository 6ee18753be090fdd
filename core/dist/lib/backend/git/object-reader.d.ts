export interface GitObject {
    type: string;
    data: Buffer;
}
export interface TreeEntry {
    mode: string;
    name: string;
    oid: string;
}
export declare class ObjectReader {
    private readonly env;
    private child;
    private queue;
    private buf;
    private failed;
    constructor(env: Record<string, string>);
    private start;
    private drain;
    /** The object named `<commit>:<path>` (or any object name); undefined when it does not exist. */
    get(name: string): Promise<GitObject | undefined>;
    blob(name: string): Promise<Buffer | undefined>;
    json<T>(name: string): Promise<T | undefined>;
    /** The entries of the tree `<commit>:<path>`, sorted by name; [] when absent. */
    tree(name: string): Promise<TreeEntry[]>;
    close(): Promise<void>;
}
export declare function parseTree(data: Buffer): TreeEntry[];
