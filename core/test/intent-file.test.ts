/** intent.toml parsing: selectors, dependency waves, cycles named, and every problem of a file reported at once. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/errors.js';
import { parseIntent, parseSelector } from '../src/intent/intent-file.js';
import { dependencyLevels } from '../src/intent/waves.js';

const GOOD = `
[application."GLOBAL.Acme.Store.payments"]
deploy = ["helm", "upgrade", "--install", "payments", "./chart"]

[application."GLOBAL.Acme.Store.shop"]
depends_on = ["GLOBAL.Acme.Store.payments"]
deploy = ["./deploy.sh", "shop"]
undeploy = ["helm", "uninstall", "shop"]
uses_state = ["db_url"]

[application."GLOBAL.Acme.Store.web"]
depends_on = ["GLOBAL.Acme.Store.shop", "GLOBAL.Acme.Store.payments"]

[environment.qa]
"GLOBAL.Acme.Store.shop" = "latest"
"GLOBAL.Acme.Store.web" = "1.0.3"

[environment.prod-eu]
"GLOBAL.Acme.Store.shop" = "latest-approved"
"GLOBAL.Acme.Store.payments" = "same-as:qa"
"GLOBAL.Acme.Store.web" = "latest-in:prod"
`;

describe('intent.toml', () => {
  it('reads applications, dependencies, commands, uses_state and every selector kind', () => {
    const { intent, problems } = parseIntent(GOOD, '/x/intent.toml');
    expect(problems).toEqual([]);
    expect(intent.applications.map((a) => a.name)).toEqual([
      'GLOBAL.Acme.Store.payments',
      'GLOBAL.Acme.Store.shop',
      'GLOBAL.Acme.Store.web',
    ]);
    const shop = intent.applications[1];
    expect(shop).toEqual({
      name: 'GLOBAL.Acme.Store.shop',
      dependsOn: ['GLOBAL.Acme.Store.payments'],
      deploy: ['./deploy.sh', 'shop'],
      undeploy: ['helm', 'uninstall', 'shop'],
      usesState: ['db_url'],
    });
    expect([...intent.levels]).toEqual([
      ['GLOBAL.Acme.Store.payments', 1],
      ['GLOBAL.Acme.Store.shop', 2],
      ['GLOBAL.Acme.Store.web', 3],
    ]);
    expect(intent.environments.map((e) => [e.name, e.entries.map((x) => x.selector)])).toEqual([
      ['qa', [{ kind: 'latest' }, { kind: 'version', version: '1_0_3' }]],
      ['prod-eu', [{ kind: 'latest-approved' }, { kind: 'same-as', environment: 'qa' }, { kind: 'latest-in', stage: 'prod' }]],
    ]);
  });

  it('parses selectors and refuses unknown ones', () => {
    const problems: string[] = [];
    expect(parseSelector('none', 'x', problems)).toEqual({ kind: 'none' });
    expect(parseSelector(' latest ', 'x', problems)).toEqual({ kind: 'latest' });
    expect(parseSelector('v2.1-rc', 'x', problems)).toEqual({ kind: 'version', version: 'v2_1_rc' });
    expect(problems).toEqual([]);
    for (const bad of ['latest-aproved', 'latest-in:', 'same-as:', 'newest:qa', '', 'same-as:q;a', '1;2']) {
      const p: string[] = [];
      expect(parseSelector(bad, 'environment qa: A', p), bad).toBeUndefined();
      expect(p, bad).toHaveLength(1);
      expect(p[0], bad).toMatch(/^environment qa: A: /);
    }
  });

  it('groups applications into waves and names every cycle', () => {
    const { levels, cycles } = dependencyLevels([
      { name: 'a', dependsOn: [] },
      { name: 'b', dependsOn: ['a'] },
      { name: 'c', dependsOn: ['b', 'a'] },
      { name: 'd', dependsOn: [] },
      { name: 'x', dependsOn: ['y'] },
      { name: 'y', dependsOn: ['z'] },
      { name: 'z', dependsOn: ['x'] },
      { name: 'w', dependsOn: ['x'] },
    ]);
    expect(Object.fromEntries(levels)).toEqual({ a: 1, d: 1, b: 2, c: 3 });
    expect(cycles).toEqual([['x', 'y', 'z', 'x']]);
  });

  it('reports every problem of a file at once', () => {
    const text = `
stages = 1

[application."GLOBAL.Acme.Store.shop"]
depends_on = ["GLOBAL.Acme.Store.web", "GLOBAL.Acme.Store.ghost"]
deploy = "helm upgrade"
uses_state = ["db_password", "Db-Url"]
colour = "blue"

[application."GLOBAL.Acme.Store.web"]
depends_on = ["GLOBAL.Acme.Store.shop"]
undeploy = []

[application."GLOBAL.Acme.Store.self"]
depends_on = ["GLOBAL.Acme.Store.self"]

[application."nodomain"]

[application."GLOBAL.Acme.Store.pinned;3"]

[environment.qa]
"GLOBAL.Acme.Store.shop" = "latest-aproved"
"GLOBAL.Acme.Store.unknown" = "latest"
"GLOBAL.Acme.Store.web" = 3

[environment."bad;env"]
"GLOBAL.Acme.Store.web" = "latest"
`;
    const { problems } = parseIntent(text, '/x/intent.toml');
    expect(problems).toEqual([
      'unknown key "stages" (expected [application."<name>"] and [environment.<name>] tables)',
      'application GLOBAL.Acme.Store.shop: unknown key "colour" (known: depends_on, deploy, undeploy, uses_state)',
      'application GLOBAL.Acme.Store.shop: "deploy" must be a non-empty list of strings (the command and its arguments, run without a shell)',
      expect.stringMatching(
        /^application GLOBAL\.Acme\.Store\.shop: uses_state: state key "db_password" has a secret's name: state is not a secret store; pass a reference/,
      ),
      expect.stringMatching(/^application GLOBAL\.Acme\.Store\.shop: uses_state: state key "Db-Url" must be lower-case letters/),
      'application GLOBAL.Acme.Store.web: "undeploy" must be a non-empty list of strings (the command and its arguments, run without a shell)',
      'depends_on cycle: GLOBAL.Acme.Store.self -> GLOBAL.Acme.Store.self',
      expect.stringMatching(/^application: .*nodomain/),
      'application: "GLOBAL.Acme.Store.pinned;3" names an application version; name the application (without ";version")',
      'application GLOBAL.Acme.Store.shop: depends_on names unknown application GLOBAL.Acme.Store.ghost (declare it with [application."GLOBAL.Acme.Store.ghost"])',
      'depends_on cycle: GLOBAL.Acme.Store.shop -> GLOBAL.Acme.Store.web -> GLOBAL.Acme.Store.shop',
      expect.stringMatching(/^environment qa: GLOBAL\.Acme\.Store\.shop: unknown selector "latest-aproved"/),
      'environment qa: unknown application GLOBAL.Acme.Store.unknown (declare it with [application."GLOBAL.Acme.Store.unknown"])',
      expect.stringMatching(/^environment qa: GLOBAL\.Acme\.Store\.web must be a selector string/),
      expect.stringMatching(/^environment "bad;env" contains ";"/),
    ]);
  });

  it('needs applications and environments, and valid TOML', () => {
    expect(parseIntent('', '/x/intent.toml').problems).toEqual([
      'no applications: add [application."<domain>.<name>"] tables',
      'no environments: add [environment.<name>] tables',
    ]);
    expect(() => parseIntent('[application\n', '/x/intent.toml')).toThrow(ConfigError);
  });
});
