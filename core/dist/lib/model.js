/**
 * The release domain, with Ortelius/DeployHub's names (shared/ortelius-api.md sections 1 and 8).
 * Full names: components `<dotted domain>.<short>[;variant][;version]`, applications `<domain>.<short>[;version]`.
 * All timestamps are ISO-8601 strings in UTC.
 */
export {};
