/**
 * The adapters' published references in the hand-written docs, examples and manifests, held to the one place that
 * defines them (core/src/cli/adapter-refs.ts): `checkRefs` lists every reference that names another repository or
 * another version (test/repo/adapter-refs.test.ts), `rewriteRefs` moves them from one version to the next
 * (scripts/release.ts). Generated files (docs/cli.md, init's snippets) read adapter-refs.ts directly.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADAPTER_REFS, ADAPTER_REPOSITORY, BUILDKITE_MIRROR, ORB_NAME, majorTag } from '../core/src/cli/adapter-refs.js';
import { ADAPTER_COMMANDS } from '../core/src/inputs.js';

/** The workspaces, each with a package.json that `repository` points at ADAPTER_REPOSITORY. */
export const PACKAGE_DIRS = [
  '.',
  'core',
  'adapters/github-action',
  'adapters/circleci-orb',
  'adapters/buildkite-plugin',
  'adapters/jenkins',
];

/** Tracked files a user reads references from: docs, READMEs, examples, manifests, adapter sources (not tests, not bundles). */
export function refFiles(root: string): string[] {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  return tracked.filter(
    (f) =>
      /\.(md|ya?ml|json|ts|groovy|txt|sh)$/.test(f) &&
      !/(^|\/)(test|tests|dist|node_modules)\//.test(f) &&
      !/\.test\.ts$/.test(f) &&
      f !== 'package-lock.json' &&
      f !== 'CHANGELOG.md' && // history: each entry keeps the references of its release
      f !== 'docs/install.md' && // its examples are of a named version, 1.2.0
      f !== 'scripts/release-refs.ts' &&
      f !== 'core/src/cli/adapter-refs.ts',
  );
}

interface Rule {
  pattern: RegExp;
  /** The reference the match should have been, or undefined when it is right. */
  want: (m: RegExpMatchArray, version: string) => string | undefined;
}

const GITHUB_ORG = ADAPTER_REPOSITORY.split('/')[0];
const expect = (have: string, want: string) => (have === want ? undefined : want);

const RULES: Rule[] = [
  { pattern: /<owner>(\/<repo>)?/g, want: () => ADAPTER_REPOSITORY },
  {
    pattern: /(?<![\w.-])([\w.-]+\/[\w.-]+)\/adapters\/github-action\/([a-z-]+)@([\w.-]+)/g,
    want: (m, v) => expect(m[0], ADAPTER_REFS.githubAction(m[2], v)),
  },
  {
    pattern: /github\.com\/([\w.-]+\/[\w.-]+)\/adapters\/buildkite-plugin#([\w.-]+)/g,
    want: (m, v) => expect(m[0], ADAPTER_REFS.buildkitePlugin(v)),
  },
  { pattern: /(?<![\w./:-])([\w-]+\/[\w-]+)#(v\d[\w.-]*)/g, want: (m, v) => expect(m[0], ADAPTER_REFS.buildkiteMirror(v)) },
  { pattern: /(?<![\w.-])[\w-]+\/[\w-]+-buildkite-plugin(?![\w-])/g, want: (m) => expect(m[0], BUILDKITE_MIRROR) },
  { pattern: /(?<![\w@/.-])([\w-]+\/shiplog)@([\w.-]+)/g, want: (m, v) => expect(m[0], ADAPTER_REFS.orb(v)) },
  { pattern: /@Library\('([^']+)'\)|identifier: '([^']+)'/g, want: (m, v) => expect(m[1] ?? m[2], ADAPTER_REFS.jenkinsLibrary(v)) },
  { pattern: /github\.com[/:]([\w.-]+)\/shiplog(?![\w-])/g, want: (m) => expect(m[1], GITHUB_ORG) },
];

/** One line per reference in `root`'s files that does not match ADAPTER_REFS at `version`. */
export function checkRefs(root: string, version: string): string[] {
  const problems: string[] = [];
  for (const file of refFiles(root)) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const rule of RULES) {
        for (const m of line.matchAll(rule.pattern)) {
          if (m[0].includes('${')) continue; // a template literal that builds the reference from ADAPTER_REFS
          const want = rule.want(m, version);
          if (want !== undefined) problems.push(`${file}:${i + 1}: ${m[0]} (want ${want})`);
        }
      }
    });
  }
  for (const dir of PACKAGE_DIRS) {
    const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { repository?: { url?: string; directory?: string } };
    const url = `git+https://github.com/${ADAPTER_REPOSITORY}.git`;
    if (pkg.repository?.url !== url || (pkg.repository.directory ?? '.') !== dir)
      problems.push(`${dir}/package.json: repository is not { url: ${url}, directory: ${dir} }`);
  }
  return problems;
}

/** Every versioned reference of `from` in `text`, moved to `to` (the major tags only when the major changes). */
export function rewriteRefs(text: string, from: string, to: string): string {
  const pairs: [string, string][] = [
    ...ADAPTER_COMMANDS.map((op): [string, string] => [ADAPTER_REFS.githubAction(op, from), ADAPTER_REFS.githubAction(op, to)]),
    [ADAPTER_REFS.buildkitePlugin(from), ADAPTER_REFS.buildkitePlugin(to)],
    [ADAPTER_REFS.buildkiteMirror(from), ADAPTER_REFS.buildkiteMirror(to)],
    [ADAPTER_REFS.orb(from), ADAPTER_REFS.orb(to)],
    [`'${ADAPTER_REFS.jenkinsLibrary(from)}'`, `'${ADAPTER_REFS.jenkinsLibrary(to)}'`],
  ];
  let out = text;
  for (const [a, b] of pairs) out = out.split(a).join(b);
  return out;
}

export { ADAPTER_REPOSITORY, BUILDKITE_MIRROR, ORB_NAME, majorTag };
