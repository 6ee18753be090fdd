import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, InvalidInputError } from '../src/errors.js';
import { createMemoryHost } from '../src/host.js';
import {
  defaultPipelineConfig,
  findStage,
  loadPipelineConfig,
  nextStage,
  parsePipelineConfig,
  requireEnvironmentStage,
  requireStage,
  stageOfEnvironment,
} from '../src/pipeline-config.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'shiplog-pipeline-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const host = () => createMemoryHost({ cwd: dir });

function configError(text: string): ConfigError {
  try {
    parsePipelineConfig(text, 'shiplog.toml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('pipeline config', () => {
  it('defaults to dev -> qa -> prod with prod gated when shiplog.toml is missing', async () => {
    const cfg = await loadPipelineConfig(host());
    expect(cfg.file).toBeUndefined();
    expect(cfg.stages.map((s) => [s.name, s.requiresApproval, s.environments, s.domain, s.task])).toEqual([
      ['dev', false, ['dev'], 'dev', 'Move to dev'],
      ['qa', false, ['qa'], 'qa', 'Move to qa'],
      ['prod', true, ['prod'], 'prod', 'Move to prod'],
    ]);
    expect(cfg.environments).toEqual({ dev: 'dev', qa: 'qa', prod: 'prod' });
  });

  it('reads shiplog.toml from the working directory, with defaults per stage', async () => {
    writeFileSync(
      path.join(dir, 'shiplog.toml'),
      `[[stage]]
name = "test"
environments = ["test-a", "test-b"]
domain = "GLOBAL.Acme.Test"

[[stage]]
name = "live"
approval = true
task = "Promote to live"
`,
    );
    const cfg = await loadPipelineConfig(host());
    expect(cfg.file).toBe(path.join(dir, 'shiplog.toml'));
    expect(cfg.stages.map(({ policy: _, ...s }) => s)).toEqual([
      { name: 'test', domain: 'GLOBAL.Acme.Test', requiresApproval: false, task: 'Move to test', environments: ['test-a', 'test-b'] },
      { name: 'live', domain: 'live', requiresApproval: true, task: 'Promote to live', environments: ['live'] },
    ]);
    // A file's stages: after the stage before, a successful deployment needed to leave (docs/policy.md).
    expect(cfg.stages.map((s) => [s.policy?.after, s.policy?.requireSuccess, s.policy?.minApprovals])).toEqual([
      [undefined, true, 0],
      ['test', true, 1],
    ]);
    expect(cfg.environments).toEqual({ 'test-a': 'test', 'test-b': 'test', live: 'live' });
  });

  it('an explicitly named file must exist', async () => {
    await expect(loadPipelineConfig(host(), 'other.toml')).rejects.toBeInstanceOf(ConfigError);
    await expect(loadPipelineConfig(host(), 'other.toml')).rejects.toThrow(/other\.toml/);
  });

  it('reports malformed TOML as a config error (exit 2)', () => {
    const err = configError('[[stage]\nname = ');
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(/not valid TOML/);
  });

  it('reports every problem at once', () => {
    const err = configError(`colour = "blue"
[[stage]]
name = "dev"
environments = ["shared"]
[[stage]]
name = "qa"
approval = "yes"
speed = 3
[[stage]]
name = ""
`);
    expect(err.problems).toEqual([
      'unknown key "colour" (expected [[stage]] and [[freeze]] tables, [groups], [store])',
      'stage "qa": unknown key "speed" (known: name, approval, environments, domain, task, after, optional, require_success, all_environments, branches, wait, approvers, min_approvals, allow_self_approval, expires, trust, allow_override)',
      'stage "qa": "approval" must be true or false',
      'stage 3: "name" must be a non-empty string',
    ]);
    expect(err.message).toMatch(/^pipeline config shiplog\.toml: 4 problems: /);
  });

  it('rejects duplicate stage names and an environment in two stages', () => {
    const err = configError(`[[stage]]
name = "dev"
environments = ["shared"]
[[stage]]
name = "dev"
[[stage]]
name = "qa"
environments = ["shared"]
`);
    expect(err.problems).toEqual([
      'duplicate stage "dev" (stages 1 and 2 have the same name)',
      'environment "shared" is in two stages ("dev" and "qa")',
    ]);
  });

  it('a file without [[stage]] tables keeps the default stages (it may only name the store); a non-list environments is refused', () => {
    expect(parsePipelineConfig('[store]\nurl = "git+origin"\n', '/r/shiplog.toml').stages.map((s) => [s.name, s.requiresApproval])).toEqual(
      [
        ['dev', false],
        ['qa', false],
        ['prod', true],
      ],
    );
    expect(parsePipelineConfig('', '/r/shiplog.toml').stages.map((s) => s.name)).toEqual(['dev', 'qa', 'prod']);
    expect(configError('[stor]\nurl = "x"\n').problems).toEqual([
      'unknown key "stor" (expected [[stage]] and [[freeze]] tables, [groups], [store])',
    ]);
    // Freeze windows without stages apply to the built-in stages' environments, which keep their policies.
    const frozen = parsePipelineConfig(
      '[[freeze]]\nname = "xmas"\nenvironments = ["prod"]\nfrom = 2026-12-24T00:00:00\nto = 2026-12-27T00:00:00\ntime_zone = "UTC"\n',
      '/r/shiplog.toml',
    );
    expect(frozen.stages.map((s) => s.name)).toEqual(['dev', 'qa', 'prod']);
    expect(frozen.stages).toEqual(parsePipelineConfig('', '/r/shiplog.toml').stages);
    expect(frozen.freezes?.map((f) => f.environments)).toEqual([['prod']]);
    expect(configError('[[stage]]\nname = "a"\nenvironments = "a"\n').message).toMatch(/"environments" must be a list/);
  });

  // Each case: the file's text and every problem the one error must name, in file order.
  it.each([
    ['an empty stage list', 'stage = []\n', ['no stages: "stage" is an empty list (add [[stage]] tables)']],
    ['a single [stage] table', '[stage]\nname = "dev"\n', ['"stage" must be an array of tables ([[stage]])']],
    ['a list that is not of tables', 'stage = [1]\n', ['stage 1 is not a table']],
    [
      'two stages with the same name',
      '[[stage]]\nname = "dev"\n[[stage]]\nname = "dev"\n',
      ['duplicate stage "dev" (stages 1 and 2 have the same name)'],
    ],
    [
      'one stage listing an environment twice',
      '[[stage]]\nname = "dev"\nenvironments = ["a", "a"]\n',
      ['stage "dev" lists environment "a" twice'],
    ],
    [
      'uniqueness problems next to a bad key (all reported)',
      '[[stage]]\nname="dev"\nenvironments=["x"]\n[[stage]]\nname="qa"\nenvironments=["x"]\nbogus=1\n[[stage]]\nname="qa"\n',
      [
        'stage "qa": unknown key "bogus" (known: name, approval, environments, domain, task, after, optional, require_success, all_environments, branches, wait, approvers, min_approvals, allow_self_approval, expires, trust, allow_override)',
        'environment "x" is in two stages ("dev" and "qa")',
        'duplicate stage "qa" (stages 2 and 3 have the same name)',
      ],
    ],
    [
      'a shared domain next to a bad approval',
      '[[stage]]\nname = "a"\ndomain = "D"\napproval = "yes"\n[[stage]]\nname = "b"\ndomain = "D"\n',
      ['stage "a": "approval" must be true or false', 'stages "a" and "b" share the domain "D"'],
    ],
  ])('%s: every problem in one config error (exit 2)', (_label, text, problems) => {
    const err = configError(text);
    expect(err.exitCode).toBe(2);
    expect(err.problems).toEqual(problems);
  });

  it('looks stages up by name or domain, and environments by stage', () => {
    const cfg = parsePipelineConfig(
      `[[stage]]
name = "dev"
domain = "GLOBAL.Acme.Dev"
[[stage]]
name = "prod"
approval = true
environments = ["prod-eu"]
`,
      'x.toml',
    );
    expect(findStage(cfg, 'GLOBAL.Acme.Dev')?.name).toBe('dev');
    expect(findStage(cfg, 'dev')?.name).toBe('dev');
    expect(findStage(cfg, 'nope')).toBeUndefined();
    expect(nextStage(cfg, 'dev')?.name).toBe('prod');
    expect(nextStage(cfg, 'prod')).toBeUndefined();
    expect(nextStage(cfg, undefined)?.name).toBe('dev');
    expect(stageOfEnvironment(cfg, 'prod-eu')?.name).toBe('prod');
    expect(stageOfEnvironment(cfg, 'prod')).toBeUndefined();
    expect(() => requireStage(cfg, 'qa')).toThrow(InvalidInputError);
    expect(() => requireEnvironmentStage(cfg, 'qa')).toThrow(/unknown environment "qa"/);
  });

  it('the default config has one stage per environment', () => {
    const cfg = defaultPipelineConfig();
    for (const s of cfg.stages) expect(stageOfEnvironment(cfg, s.name)).toBe(s);
  });
});
