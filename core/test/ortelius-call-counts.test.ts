/**
 * The HTTP call counts docs/ortelius.md states for version-update are counted here against the emulator, for
 * the backend alone and for the command (execute(), as the CLI runs it): the doc's table must say what a run
 * does.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../src/execute.js';
import { createMemoryHost } from '../src/host.js';
import { DEFAULT_PASSWORD, DEFAULT_USER, type OrteliusEmulator, startOrteliusEmulator } from './ortelius-emulator/index.js';
import { appSpec, componentSpec, openAgainst } from './ortelius-emulator/test-helpers.js';

const DOC = readFileSync(resolve(__dirname, '../../docs/ortelius.md'), 'utf8');

/** The doc's row: [reference dh, backend, CLI] for the row starting with `label`. */
function docRow(label: string): number[] {
  const line = DOC.split('\n').find((l) => l.startsWith(`| ${label}`));
  if (!line) throw new Error(`docs/ortelius.md has no row "${label}"`);
  return line
    .split('|')
    .slice(2, 5)
    .map((c) => Number(c.trim().split(' ')[0]));
}

let emu: OrteliusEmulator;
let dir: string;
beforeAll(async () => {
  emu = await startOrteliusEmulator({ deployDelayMs: 50 });
  dir = await mkdtemp(join(tmpdir(), 'shiplog-counts-'));
});
afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

async function backendRun(short: string, version: string, app: string): Promise<number> {
  const before = emu.requests.length;
  const { backend } = await openAgainst(emu);
  const c = await backend.putComponentVersion(componentSpec({ short, version, attributes: { GitCommit: 'abc1234', DockerTag: version } }));
  await backend.putApplicationVersion(appSpec(c.value, { application: app, version: undefined }));
  await backend.close();
  return emu.requests.length - before;
}

async function cliRun(name: string, version: string, app: string): Promise<number> {
  const before = emu.requests.length;
  const host = createMemoryHost({
    cwd: dir,
    env: { DHURL: emu.url, DHUSER: DEFAULT_USER, DHPASS: DEFAULT_PASSWORD, PATH: process.env.PATH ?? '' },
  });
  const r = await execute(
    'version-update',
    { 'component-name': name, 'component-variant': 'main', 'component-version': version, application: app },
    host,
  );
  expect(r.exitCode, JSON.stringify(r.result)).toBe(0);
  return emu.requests.length - before;
}

describe('docs/ortelius.md call counts for version-update', () => {
  it('first run, identical re-run and the next version: the numbers in the doc are the counted ones', async () => {
    const first = docRow('first version-update of a new component in a new application');
    const rerun = docRow('identical re-run');
    const next = docRow('a new version of the component into the next application version');

    const counted = {
      backend: [
        await backendRun('api', 'v1', 'GLOBAL.Acme.Store.portal'),
        await backendRun('api', 'v1', 'GLOBAL.Acme.Store.portal'),
        await backendRun('api', 'v2', 'GLOBAL.Acme.Store.portal'),
      ],
      cli: [
        await cliRun('GLOBAL.Acme.Cli.api', 'v1', 'GLOBAL.Acme.Cli.portal'),
        await cliRun('GLOBAL.Acme.Cli.api', 'v1', 'GLOBAL.Acme.Cli.portal'),
        await cliRun('GLOBAL.Acme.Cli.api', 'v2', 'GLOBAL.Acme.Cli.portal'),
      ],
    };
    expect({ backend: [first[1], rerun[1], next[1]], cli: [first[2], rerun[2], next[2]] }).toEqual(counted);
    // the aim: at most 12 on a first run (13 with the stage the new version starts in) and 4 on a re-run
    expect(counted.cli[1]).toBeLessThanOrEqual(4);
    expect(counted.cli[0]).toBeLessThanOrEqual(13);
    // the doc's explanation of the first run's calls names as many calls as the count
    expect(DOC).toContain(`the first run makes ${counted.cli[0]}, one over`);
  });
});
