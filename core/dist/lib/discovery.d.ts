export declare const CONFIG_FILE = "shiplog.toml";
export declare const STATE_DIR = ".shiplog";
/** The directories searched, nearest first: cwd up to the work tree root (just cwd outside one). */
export declare function searchDirs(cwd: string): string[];
/** The nearest shiplog.toml, or undefined. */
export declare function discoverConfig(cwd: string): string | undefined;
/** The store directory a command uses when none is named (see the file comment). */
export declare function discoverStateDir(cwd: string): string;
