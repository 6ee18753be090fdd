/**
 * THE build: every generated file of the repository, from the sources (the input table, the adapters' src/).
 *
 *   node --import tsx scripts/build.ts            write every generated file (`npm run build`)
 *   node --import tsx scripts/build.ts --check    write nothing; exit 1 naming each committed file that is stale (`npm run check`)
 *   node --import tsx scripts/build.ts --local    only the files that are not committed (core/dist, the packed orb): `npm test` runs it first
 *
 * Committed (a platform consumes the repository directly; docs/architecture.md says why): the action's
 * <op>/action.yml and dist/, the Buildkite plugin's plugin.yml, lib/hook.mjs and dist/shiplog.mjs, the Jenkins
 * library's resources/ and vars/*.txt, docs/cli.md and the adapters' README tables. Not committed (a build or
 * release step places them): core/dist (npm pack), the orb's generated sources and orb.yml (orb publish).
 */
import { mkdirSync, readFileSync, existsSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { leftovers } from './build-owned.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface Generated {
  path: string;
  content: string | Buffer;
  /** Committed: `--check` compares it. */
  committed: boolean;
  executable?: boolean;
}

/** The core's own build (not committed): the CLI bundle and the library (JS + .d.ts) in core/dist. */
function buildCore(): void {
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: join(ROOT, 'core'), stdio: ['ignore', 'ignore', 'inherit'] });
  run(process.execPath, [join(ROOT, 'node_modules', 'rollup', 'dist', 'bin', 'rollup'), '-c', 'rollup.config.mjs', '--silent']);
  run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
}

async function generatedFiles(local: boolean): Promise<Generated[]> {
  const out: Generated[] = [];
  const { circleciOrbFiles } = await import('../adapters/circleci-orb/scripts/orb-source.js');
  out.push(...circleciOrbFiles());
  if (local) return out;
  const { cliDocsFiles } = await import('../core/scripts/cli-docs-file.js');
  const { githubActionFiles, githubActionBundle } = await import('../adapters/github-action/scripts/generate.js');
  const { buildkitePluginFiles } = await import('../adapters/buildkite-plugin/scripts/generate.js');
  const { jenkinsLibraryFiles } = await import('../adapters/jenkins/scripts/build.js');
  for (const [path, content] of cliDocsFiles()) out.push({ path, content, committed: true });
  for (const [path, content] of githubActionFiles()) out.push({ path, content, committed: true });
  out.push(...(await githubActionBundle()));
  out.push(...(await buildkitePluginFiles()));
  out.push(...(await jenkinsLibraryFiles()));
  return out;
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const local = argv.includes('--local');
  if (!check || !existsSync(join(ROOT, 'core', 'dist', 'shiplog.mjs'))) buildCore();
  const files = await generatedFiles(local);
  const stale: string[] = [];
  for (const f of files) {
    const want = Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content);
    const have = existsSync(f.path) ? readFileSync(f.path) : undefined;
    if (have?.equals(want)) continue;
    if (check) {
      if (f.committed) stale.push(relative(ROOT, f.path));
      continue;
    }
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, want);
    if (f.executable) chmodSync(f.path, 0o755);
  }
  if (!local) {
    for (const f of leftovers(ROOT, new Set(files.map((g) => relative(ROOT, g.path))), check)) {
      if (check) stale.push(`${f} (no longer built: delete it)`);
      else rmSync(join(ROOT, f), { recursive: true, force: true });
    }
  }
  if (check && stale.length > 0) {
    process.stderr.write(`build: stale generated files (run npm run build and commit them):\n${stale.map((s) => `  ${s}\n`).join('')}`);
    return 1;
  }
  const committed = files.filter((f) => f.committed).length;
  process.stderr.write(
    check ? `build: ${committed} committed generated files are current\n` : `build: ${files.length} generated files written or current\n`,
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
