/**
 * The version of the JSON result vocabulary (docs/cli.md, "JSON results"; schemas/ at the repository root). Every
 * result `shiplog --json` prints, and every result execute() returns, carries it as `schemaVersion`. It changes
 * only when a field is renamed, removed or changes shape; new optional fields keep it.
 */
export const RESULT_SCHEMA_VERSION = 1 as const;
