import { describe, expect, it } from 'vitest';
import { exposureOf, inputsFor, isRequired, ADAPTER_COMMANDS, secretParamNames, type AdapterCommandName } from '../src/index.js';
import {
  InvalidInputError as ActionInputError,
  githubCoreInputs as coreInputs,
  githubOperationOf as operationOf,
  githubOptions,
} from '../src/kit/index.js';

const secretInputNames = (op: AdapterCommandName) => secretParamNames('github', op);

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('coreInputs', () => {
  it('passes given values trimmed and leaves empty ones out (so env bindings and defaults still apply)', () => {
    const got = coreInputs('deploy', reader({ application: ' GLOBAL.Acme.shop ', env: 'qa', 'app-version': '', command: 'echo hi' }));
    expect(got).toEqual({ application: 'GLOBAL.Acme.shop', env: 'qa', command: 'echo hi' });
  });

  it('splits list inputs one item per line, dropping blank lines', () => {
    const got = coreInputs('version-update', reader({ attr: 'A=1\r\n\n  B=two words  \n', sbom: 'cyclonedx@bom.json' }));
    expect(got.attr).toEqual(['A=1', 'B=two words']);
    expect(got.sbom).toEqual(['cyclonedx@bom.json']);
  });

  it('reads only the inputs the operation takes', () => {
    const got = coreInputs('approve', reader({ application: 'GLOBAL.a.b', command: 'rm -rf /', env: 'prod' }));
    expect(got).toEqual({ application: 'GLOBAL.a.b' });
  });

  for (const op of ADAPTER_COMMANDS) {
    it(`${op}: each table input given alone reaches the core under its own name`, () => {
      // (inputs another platform alone exposes, such as circleci-token, are not the action's)
      for (const spec of inputsFor(op).filter((i) => exposureOf(i, 'github') !== undefined)) {
        const got = coreInputs(op, reader({ [spec.name]: 'x-value' }));
        expect(got, spec.name).toEqual({ [spec.name]: spec.type === 'list' ? ['x-value'] : 'x-value' });
      }
    });

    it(`${op}: dropping any one required input drops exactly that key`, () => {
      const required = inputsFor(op).filter((s) => isRequired(s, op));
      const all = Object.fromEntries(required.map((s) => [s.name, 'v']));
      for (const spec of required) {
        const { [spec.name]: _dropped, ...rest } = all;
        expect(Object.keys(coreInputs(op, reader(rest))).sort()).toEqual(Object.keys(rest).sort());
      }
    });
  }
});

describe('operationOf', () => {
  it('accepts the five operations', () => {
    for (const op of ADAPTER_COMMANDS) expect(operationOf(reader({ operation: op }))).toBe(op);
  });

  it('rejects anything else with a one-line message naming the folders', () => {
    for (const bad of ['', 'status', 'graph', 'deploy ', 'Deploy']) {
      if (bad === 'deploy ') continue; // trimmed: valid
      expect(() => operationOf(reader({ operation: bad }))).toThrow(ActionInputError);
    }
    expect(() => operationOf(reader({ operation: 'status' }))).toThrow(/one of version-update, move, approve, deploy, envscript/);
  });
});

describe('githubOptions', () => {
  it('applies defaults and parses booleans as the runner documents them', () => {
    expect(githubOptions('deploy', reader({}))).toEqual({
      githubToken: undefined,
      environmentUrl: undefined,
      transientEnvironment: false,
      exportEnv: false,
    });
    const got = githubOptions(
      'deploy',
      reader({ 'github-token': 'tok', 'transient-environment': 'True', 'environment-url': 'https://qa' }),
    );
    expect(got).toMatchObject({ githubToken: 'tok', transientEnvironment: true, environmentUrl: 'https://qa' });
    expect(githubOptions('envscript', reader({ 'export-env': 'true' })).exportEnv).toBe(true);
  });

  it('ignores inputs of other operations', () => {
    expect(githubOptions('move', reader({ 'github-token': 'tok', 'export-env': 'true' }))).toMatchObject({
      githubToken: undefined,
      exportEnv: false,
    });
  });

  it('rejects a non-boolean', () => {
    expect(() => githubOptions('deploy', reader({ 'transient-environment': 'yes' }))).toThrow(/transient-environment.*true or false/);
  });

  it("collects every bad boolean when given a problem list (reported with the core's problems)", () => {
    const problems: string[] = [];
    const got = githubOptions('deploy', reader({ 'transient-environment': 'yes' }), problems);
    expect(got.transientEnvironment).toBe(false);
    expect(problems).toEqual(['input "transient-environment" must be true or false (got "yes")']);
  });
});

describe('secretInputNames', () => {
  it('masks dhpass and store-password everywhere and github-token on deploy', () => {
    for (const op of ADAPTER_COMMANDS) expect(secretInputNames(op)).toContain('dhpass');
    for (const op of ADAPTER_COMMANDS) expect(secretInputNames(op)).toContain('store-password');
    expect(secretInputNames('deploy')).toEqual(['store-password', 'dhpass', 'github-token']);
  });
});
