/**
 * Bad values (issue 17 item 6): an empty path flag, a name over MAX_NAME_LENGTH, an unknown enum value: exit 2,
 * one error line naming the input, nothing written (stdout empty, the store byte-identical).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, namePartProblem } from '../../src/naming.js';
import { APP, CART, makeRepo, runCliInProcess, type TestRepo } from '../execute-fixtures.js';

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});
const cli = (argv: string[], env: Record<string, string> = {}) => runCliInProcess(argv, { cwd: repo!.dir, env: { ...repo!.env, ...env } });

async function released(): Promise<TestRepo> {
  repo = makeRepo({}, { git: false });
  const r = await cli([
    'version-update',
    '--component-name',
    CART,
    '--component-version',
    '1.0.0',
    '--application',
    APP,
    '--app-version',
    '1',
  ]);
  expect(r.code, r.err).toBe(0);
  return repo;
}

/** Runs argv and expects exit 2, one `shiplog: error:` line matching `message`, no stdout, the store unchanged. */
async function refused(argv: string[], message: RegExp, env: Record<string, string> = {}) {
  const before = repo!.storeSnapshot();
  const r = await cli(argv, env);
  expect(r.code, r.err).toBe(2);
  const errors = r.err.split('\n').filter((l) => l.startsWith('shiplog: error: '));
  expect(errors, r.err).toHaveLength(1);
  expect(errors[0]).toMatch(message);
  expect(r.out).toBe('');
  expect(repo!.storeSnapshot()).toEqual(before);
  return r;
}

describe('empty paths', () => {
  it('envscript --output "" is refused instead of printing the script to stdout', async () => {
    await released();
    await refused(['envscript', '--output', ''], /^shiplog: error: --output is empty: give a path, or leave the flag out for the default$/);
    await refused(['envscript', '--output=  '], /--output is empty/);
  });

  it('every empty path flag of a command is named at once; --json still gets its error object', async () => {
    await released();
    const r = await cli(['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0', '--log-file', '', '--config', '', '--json']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(
      'shiplog: error: --config is empty: give a path, or leave the flag out for the default; --log-file is empty: give a path, or leave the flag out for the default',
    );
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { code: 'USAGE', exitCode: 2 } });
    expect(existsSync(join(repo!.dir, '.shiplog', 'deployments'))).toBe(false);
  });

  it('version-update --toml "" and --state-dir "" write nothing', async () => {
    await released();
    await refused(['version-update', '--component-name', CART, '--component-version', '2.0.0', '--toml', ''], /--toml is empty/);
    await refused(['status', '--state-dir', ''], /--state-dir is empty/);
  });
});

describe(`names longer than ${MAX_NAME_LENGTH} characters`, () => {
  it('the limit counts characters, and the message does not echo the name', () => {
    expect(namePartProblem('a'.repeat(MAX_NAME_LENGTH), 'environment')).toBeUndefined();
    expect(namePartProblem('商'.repeat(MAX_NAME_LENGTH), 'environment')).toBeUndefined();
    expect(namePartProblem('a'.repeat(MAX_NAME_LENGTH + 1), 'environment')).toBe(
      'environment is 256 characters long: names may be at most 255',
    );
  });

  it('a 5000-character component name, application or environment: exit 2, one line, nothing stored', async () => {
    await released();
    const long = `GLOBAL.Acme.${'x'.repeat(5000)}`;
    const r = await refused(
      ['version-update', '--component-name', long, '--component-version', '2.0.0', '--application', APP],
      /component name is 5012 characters long: names may be at most 255/,
    );
    expect(r.err).not.toContain('xxxxxxxxxx');
    await refused(
      ['version-update', '--component-name', CART, '--component-version', '2.0.0', '--application', long],
      /application name is 5012 characters long/,
    );
    await refused(['deploy', '--application', APP, '--env', 'e'.repeat(300), '--exit-code', '0'], /--env is 300 characters long/);
    await refused(
      ['version-update', '--component-name', CART, '--component-version', '2.0.0', '--application', APP],
      /COMPONENT_VARIANT \(for --component-variant\) is 256 characters long/,
      {
        COMPONENT_VARIANT: 'v'.repeat(256),
      },
    );
  });
});

describe('unknown enum values', () => {
  it('--format, --color, envscript --format, --backend: exit 2 naming the input and the allowed values', async () => {
    await released();
    await refused(['status', '--format', 'yaml'], /--format must be one of table, json, markdown, csv, tsv, html \(got "yaml"\)/);
    await refused(['history', '--color', 'rainbow'], /--color must be one of auto, always, never \(got "rainbow"\)/);
    await refused(
      ['envscript', '--format', 'xml', '--output', join(repo!.dir, 'out.env')],
      /--format must be one of sh, dotenv, json, github \(got "xml"\)/,
    );
    expect(existsSync(join(repo!.dir, 'out.env'))).toBe(false);
    await refused(['status', '--backend', 'mongo'], /--backend must be one of/);
  });
});
