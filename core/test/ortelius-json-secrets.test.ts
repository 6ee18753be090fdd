/**
 * Ortelius keeps a deployment's details as a JSON attribute on the application version. A secret with `"` or
 * `\` (escaped in that JSON), or spelled like a JSON word, must neither survive there nor break the document.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openOrteliusBackend } from '../src/backend/ortelius/index.js';
import { createMemoryHost } from '../src/host.js';
import { type OrteliusEmulator, startOrteliusEmulator } from './ortelius-emulator/index.js';
import { AT, CI, appSpec, componentSpec } from './ortelius-emulator/test-helpers.js';
import { leakedForms } from './secret-forms.js';

const PASSWORD = 'pw"with\\escapes-1';

let emu: OrteliusEmulator;
beforeEach(async () => {
  emu = await startOrteliusEmulator({ users: { admin: PASSWORD } });
});
afterEach(async () => {
  await emu.close();
});

it.each([
  ['a quote and a backslash', PASSWORD],
  ['a JSON word', 'false'],
])('a stored deployment holding a secret with %s stays valid JSON, masked', async (_, secret) => {
  const host = createMemoryHost();
  host.redactor.add(secret);
  const backend = await openOrteliusBackend(host, { url: emu.url, user: 'admin', password: PASSWORD, retryBaseMs: 5 });
  const c = await backend.putComponentVersion(componentSpec({ attributes: { Note: 'plain' } }));
  const a = await backend.putApplicationVersion(appSpec(c.value));
  await backend.recordDeployment({
    appVersion: a.value,
    environment: 'qa',
    exitCode: 0,
    log: [`echo ${secret}`],
    startedAt: AT,
    finishedAt: AT,
    mode: 'record',
    attributes: { Db: secret, Note: `x${secret}x` },
    provenance: CI,
  });
  const docs = emu.state.applications.flatMap((app) => Object.values(app.attrs)).filter((v) => v.startsWith('{'));
  expect(docs.length).toBeGreaterThan(0);
  for (const doc of docs) expect(() => JSON.parse(doc), doc).not.toThrow();
  const [d] = await backend.history({});
  expect(d).toMatchObject({ environment: 'qa', mode: 'record', attributes: { Db: '***', Note: 'x***x' } });
  // (a JSON word also occurs as structure in the server's state: only the escaped case can be searched for)
  if (secret === PASSWORD) expect(leakedForms(JSON.stringify({ a: emu.state.applications, d: emu.state.deployments }), secret)).toEqual([]);
  await backend.close();
});
