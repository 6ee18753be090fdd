/**
 * What component.toml's [Export] may hand to the shell that loads envscript's output (docs/envscript.md):
 * - no variable that changes how programs start or where they load code from (PATH, LD_PRELOAD, BASH_ENV,
 *   NODE_OPTIONS, ...), unless --allow-dangerous-exports says so: a component.toml is repository content, and
 *   a pull request that sets LD_PRELOAD for every later step of the job runs its code there;
 * - no value over MAX_EXPORT_VALUE_BYTES: a shell or runner given a megabyte in one variable fails (Linux
 *   refuses an environment string over 128 KiB to every program started after it).
 * Both are refused (exit 2, every problem at once, nothing written), never silently dropped.
 */

export const MAX_EXPORT_VALUE_BYTES = 32 * 1024;

/** Exact names (compared in upper case: Windows reads `Path` as PATH). */
const DANGEROUS_NAMES = new Set([
  // where programs are found and how the shell starts
  'PATH',
  'CDPATH',
  'IFS',
  'ENV',
  'BASH_ENV',
  'SHELLOPTS',
  'BASHOPTS',
  'PS4',
  'PROMPT_COMMAND',
  'SHELL',
  'HOME',
  'GLOBIGNORE',
  'TMPDIR',
  // dynamic loader and libc
  'GCONV_PATH',
  'HOSTALIASES',
  'LOCALDOMAIN',
  'RES_OPTIONS',
  'NLSPATH',
  'MALLOC_CHECK_',
  // language runtimes loading code or options
  'NODE_OPTIONS',
  'NODE_PATH',
  'NODE_EXTRA_CA_CERTS',
  'PYTHONPATH',
  'PYTHONSTARTUP',
  'PYTHONHOME',
  'PYTHONINSPECT',
  'PERL5LIB',
  'PERL5OPT',
  'PERLLIB',
  'PERL5DB',
  'RUBYLIB',
  'RUBYOPT',
  'GEM_PATH',
  'GEM_HOME',
  'JAVA_TOOL_OPTIONS',
  '_JAVA_OPTIONS',
  'JDK_JAVA_OPTIONS',
  'CLASSPATH',
  'MAVEN_OPTS',
  'GRADLE_OPTS',
  'DOTNET_STARTUP_HOOKS',
  'PHPRC',
  'PHP_INI_SCAN_DIR',
  'LUA_PATH',
  'LUA_CPATH',
  'GOFLAGS',
  'RUSTC_WRAPPER',
  'CARGO_BUILD_RUSTC_WRAPPER',
  // tools that run a program they are told to
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_EXEC_PATH',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'GIT_EXTERNAL_DIFF',
  'GIT_PAGER',
  'PAGER',
  'EDITOR',
  'VISUAL',
  'BROWSER',
  'SUDO_ASKPASS',
  'KUBECONFIG',
  'DOCKER_HOST',
  'DOCKER_CONFIG',
  // CI runners' command files: the next steps would read what this writes
  'GITHUB_ENV',
  'GITHUB_PATH',
  'GITHUB_OUTPUT',
  'GITHUB_STEP_SUMMARY',
  'BASH_XTRACEFD',
]);

/** Prefixes of whole families: the loaders' LD_* and DYLD_*, exported bash functions, git and npm config. */
const DANGEROUS_PREFIX = /^(?:LD_|DYLD_|BASH_FUNC_|GIT_CONFIG|NPM_CONFIG_|YARN_|PIP_|NODE_)/;

export function isDangerousExport(name: string): boolean {
  const n = name.toUpperCase();
  return DANGEROUS_NAMES.has(n) || DANGEROUS_PREFIX.test(n);
}

/** Every problem with a component.toml's [Export] table, one line each (empty when it may be written). */
export function exportProblems(exports: Readonly<Record<string, string>>, opts: { allowDangerous: boolean }): string[] {
  const problems: string[] = [];
  for (const [k, v] of Object.entries(exports)) {
    if (!opts.allowDangerous && isDangerousExport(k)) {
      problems.push(
        `[Export] ${k} would change how programs start or load code in every later step; refused (pass --allow-dangerous-exports if it is meant)`,
      );
    }
    const bytes = Buffer.byteLength(v, 'utf8');
    if (bytes > MAX_EXPORT_VALUE_BYTES) {
      problems.push(`[Export] ${k} is ${bytes} bytes long; an exported value may be at most ${MAX_EXPORT_VALUE_BYTES / 1024} KiB`);
    }
  }
  return problems;
}
