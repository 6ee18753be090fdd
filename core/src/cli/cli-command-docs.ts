/** The docs/cli.md section on the CLI's own commands (cli-commands.ts), rendered by cli-docs.ts. */
import { ADAPTER_REFS, ADAPTER_REPOSITORY } from './adapter-refs.js';
import { CLI_ONLY_COMMANDS } from './completion.js';

export const CLI_COMMAND_DOCS: readonly string[] = [
  '### Setting up and the shell',
  '',
  ...Object.entries(CLI_ONLY_COMMANDS).map(([c, d]) => `- \`shiplog ${c}\`: ${d}.`),
  '',
  '`shiplog init [--platform github|circleci|buildkite|jenkins|none] [--component-name N] [--application A] [--force] [--json]`',
  'detects the CI platform from the repository (`.github/workflows`, `.circleci/config.yml`, `.buildkite/`,',
  '`Jenkinsfile`), else from the environment (`GITHUB_ACTIONS`, `CIRCLECI`, `BUILDKITE`, `JENKINS_URL`), and writes a',
  'commented `shiplog.toml` (dev -> qa -> prod, prod gated), a `component.toml` (placeholder names to edit unless',
  '`--component-name`/`--application` are given: the name is never taken from the repository) and the pipeline',
  'snippet (`.github/workflows/shiplog.yml`, `.circleci/shiplog.yml`, `.buildkite/shiplog.yml` or',
  '`Jenkinsfile.shiplog`), and adds `.shiplog/` to `.gitignore`. When a file it would write exists it writes nothing',
  'and exits 2 naming each one; `--force` overwrites. The snippets reference the adapters at',
  `\`${ADAPTER_REPOSITORY}\`: \`uses: ${ADAPTER_REFS.githubAction('deploy')}\`, \`${ADAPTER_REFS.orb()}\`,`,
  `\`${ADAPTER_REFS.buildkitePlugin()}\`, \`@Library('${ADAPTER_REFS.jenkinsLibrary()}')\`.`,
  'With `--json` it prints `{ok, operation: "init", schemaVersion, platform, detectedBy, written, gitignore}`',
  '([schemas/init.json](../schemas/init.json)).',
  '',
  '`shiplog completion bash|zsh|fish` prints a completion script for the commands, their flags and the values of',
  'flags with fixed values: `eval "$(shiplog completion bash)"` (zsh: the same with `zsh`, through bashcompinit;',
  'fish: `shiplog completion fish > ~/.config/fish/completions/shiplog.fish`). `shiplog help <command>` is',
  '`shiplog <command> --help`; `shiplog version` is `shiplog --version`. An unknown command or flag is exit 2, with',
  'the nearest command or flag suggested ("did you mean --format?") when it is one or two edits away.',
  '',
];
