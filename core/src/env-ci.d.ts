// Types for env-ci (semantic-release), which ships none. Only what ci-context.ts reads.
declare module 'env-ci' {
  export interface EnvCiResult {
    isCi: boolean;
    name?: string;
    service?: string;
    commit?: string;
    tag?: string;
    build?: string;
    buildUrl?: string;
    job?: string;
    jobUrl?: string;
    isPr?: boolean;
    pr?: string | number;
    branch?: string;
    prBranch?: string;
    slug?: string;
    root?: string;
  }
  export default function envCi(opts?: { env?: Record<string, string | undefined>; cwd?: string }): EnvCiResult;
}
