/**
 * The reference `dh` CLI's command line, as a drop-in: its subcommand spellings (`updatecomp`), its flags
 * that shiplog spells otherwise (`--docker`/`--file` -> `--kind`), and one clear answer for each dh flag or
 * subcommand shiplog does not provide ("dh's --X is not supported: use Y"), before commander would call it an
 * unknown option or suggest a flag with another effect. The table is docs/ortelius.md's "Migrating from dh"
 * (every row is tested in core/test/dh-compat.test.ts). dh's aliases that map 1:1 onto an input are in
 * inputs.ts (`aliases`).
 */
import { COMMANDS, INPUTS, type CommandName } from '../inputs.js';

/** dh subcommands shiplog names otherwise. */
export const DH_COMMANDS: Readonly<Record<string, CommandName>> = {
  updatecomp: 'version-update',
};

/** dh subcommands shiplog does not provide, with what to use instead. */
export const DH_UNSUPPORTED_COMMANDS: Readonly<Record<string, string>> = {
  assign: 'shiplog version-update --application A (it puts the component version into the application version)',
  kv: '[Attributes] in component.toml or --attr KEY=VALUE on version-update',
  export: 'the Ortelius UI or its /dmadminweb/API/export endpoints',
  import: 'the Ortelius UI or its /dmadminweb/API/import endpoint',
  cluster: 'shiplog version-update for each component, then shiplog deploy --exit-code N to record the deployment',
};

/** dh flags rewritten onto shiplog's (flag without dashes -> the words that replace it). */
export const DH_REWRITES: Readonly<Record<string, readonly string[]>> = {
  docker: ['--kind', 'docker'],
  file: ['--kind', 'file'],
};

/** dh flags with no shiplog counterpart, with what to use instead. */
export const DH_UNSUPPORTED_FLAGS: Readonly<Record<string, string>> = {
  envs: "shiplog deploy --env E to deploy to an environment (shiplog does not assign applications to environments; dh's call for it never worked: the server refuses its query form)",
  deploydata: 'shiplog deploy --application A --app-version V --env E --exit-code N [--log-file F] to record a deployment',
  deploydatasave: '--json (its result names the application and component versions)',
  logdeployment: 'shiplog deploy --exit-code N [--log-file F] (record only)',
  namespace: 'shiplog deploy --exit-code N after the step that ran kubectl (shiplog runs no kubectl)',
  kvconfig: '[Attributes] in component.toml or --attr KEY=VALUE',
  crdatasource: '--attr ChangeRequest=<id> on version-update',
  changerequest: '--attr ChangeRequest=<id> on version-update',
  fromdom: 'the Ortelius UI or its API for export and import',
  importfile: 'the Ortelius UI or its API for export and import',
  consumes: 'Swagger = "<file>" in [Attributes] (uploaded as the component\'s API definition)',
  provides: 'Swagger = "<file>" in [Attributes] (uploaded as the component\'s API definition)',
  cluster_json: "shiplog version-update for each component (dh's cluster is not provided)",
  msname: "shiplog version-update --component-name (dh's cluster is not provided)",
  msbranch: "shiplog version-update --component-variant (dh's cluster is not provided)",
  autoappinc: "--app-auto-increment true (dh's docs name --autoappinc, which dh itself does not have)",
};

/** dh flags one shiplog command does not take, with what to use instead. */
const DH_PER_COMMAND: Readonly<Partial<Record<CommandName, Readonly<Record<string, string>>>>> = {
  deploy: {
    compname:
      "shiplog deploy --application A [--app-version V] --env E (dh's component-only deploy and its CircleCI trigger are not provided)",
    compversion: "shiplog deploy --application A [--app-version V] --env E (dh's component-only deploy is not provided)",
  },
};

export interface DhTranslation {
  argv: string[];
  /** A one-line usage error (exit 2) when a dh command or flag is not supported. */
  error?: string;
}

/** Rewrites dh's spellings in argv (after global-flag hoisting); the words after `--` are never touched. */
export function translateDhArgv(argv: readonly string[]): DhTranslation {
  const out = [...argv];
  const ci = out.findIndex((a) => !a.startsWith('-'));
  if (ci < 0) return { argv: out };
  const word = out[ci];
  if (DH_UNSUPPORTED_COMMANDS[word]) return { argv: out, error: `dh's ${word} is not supported: use ${DH_UNSUPPORTED_COMMANDS[word]}` };
  if (DH_COMMANDS[word]) out[ci] = DH_COMMANDS[word];
  const command = out[ci] as CommandName;
  if (!COMMANDS.includes(command)) return { argv: out };
  const taken = new Set(INPUTS.filter((i) => i.commands.includes(command)).flatMap((i) => [i.name, ...(i.aliases ?? [])]));
  const result = out.slice(0, ci + 1);
  for (let i = ci + 1; i < out.length; i++) {
    const a = out[i];
    if (a === '--') {
      result.push(...out.slice(i));
      break;
    }
    const m = /^--([^=]+)(=.*)?$/.exec(a);
    const flag = m?.[1];
    if (!flag || taken.has(flag)) {
      result.push(a);
      continue;
    }
    const per = DH_PER_COMMAND[command]?.[flag];
    if (per) return { argv: out, error: `dh's ${command} --${flag} is not supported: use ${per}` };
    if (DH_UNSUPPORTED_FLAGS[flag]) return { argv: out, error: `dh's --${flag} is not supported: use ${DH_UNSUPPORTED_FLAGS[flag]}` };
    if (DH_REWRITES[flag] && taken.has(DH_REWRITES[flag][0].slice(2))) {
      result.push(...DH_REWRITES[flag]);
      continue;
    }
    const dhInput = INPUTS.find((s) => (s.aliases ?? []).includes(flag) || (DH_REWRITES[flag] && s.name === DH_REWRITES[flag][0].slice(2)));
    if (dhInput) return { argv: out, error: `dh's --${flag} has no effect on shiplog ${command}: drop it` };
    result.push(a);
  }
  return { argv: result };
}

/**
 * A suggestion for an unknown option: only a flag of this command spelt the same but for case, `_` or `-`
 * (`--app_version` -> `--app-version`). Never a flag that is merely close: it could do something else
 * (`--envs` is not `--env`).
 */
export function spellingOf(flag: string, command: CommandName): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
  const names = INPUTS.filter((i) => i.commands.includes(command)).flatMap((i) => [i.name, ...(i.aliases ?? [])]);
  const hit = names.find((n) => norm(n) === norm(flag) && n !== flag);
  return hit ? `--${hit}` : undefined;
}
