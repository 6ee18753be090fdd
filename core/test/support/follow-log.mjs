#!/usr/bin/env node
// Follows one server-side deployment against an emulator and prints {baselineRss, maxRss, lines, bytes} as JSON:
// the memory measurement of core/test/ortelius-log-memory.test.ts and bench/ortelius.bench.mjs.
//   node core/test/support/follow-log.mjs <DHURL> [stream|whole]
// stream: the backend's follow (the log parsed as it arrives); whole: each log read parsed whole, as before.
import { register } from 'tsx/esm/api';

register();
const [url, mode = 'stream'] = process.argv.slice(2);
const { openOrteliusBackend } = await import('../../src/backend/ortelius/index.ts');
const { createMemoryHost } = await import('../../src/host.ts');
const { DEFAULT_USER, DEFAULT_PASSWORD } = await import('../ortelius-emulator/index.ts');

const host = createMemoryHost();
const backend = await openOrteliusBackend(host, {
  url,
  user: DEFAULT_USER,
  password: DEFAULT_PASSWORD,
  poll: { initialMs: 200, maxMs: 400 },
});
const at = new Date().toISOString();
const prov = { provider: 'local', isCi: false };
const cv = (
  await backend.putComponentVersion({
    domain: 'GLOBAL.Acme',
    short: 'big',
    version: 'v1',
    kind: 'docker',
    attributes: { A: '1' },
    provenance: prov,
    at,
  })
).value;
const av = (
  await backend.putApplicationVersion({
    application: 'GLOBAL.Acme.biglog',
    autoIncrement: false,
    component: cv,
    initialStage: 'dev',
    provenance: prov,
    at,
  })
).value;
const baselineRss = process.memoryUsage().rss;
let lines = 0;
let bytes = 0;
const { id } = await backend.startDeployment(av, 'dev');
if (mode === 'stream') {
  const d = await backend.followDeployment(id, {
    timeoutMs: 120_000,
    onLog: (batch) => {
      lines += batch.length;
      for (const l of batch) bytes += l.length + 1;
    },
  });
  if (d.status !== 'success') throw new Error(`deployment ${d.status}`);
} else {
  // the former way: every poll reads the whole log into one string and one parsed object
  const headers = { Cookie: '' };
  const login = await fetch(`${url}/dmadminweb/API/login`, {
    method: 'POST',
    body: new URLSearchParams({ user: DEFAULT_USER, pass: DEFAULT_PASSWORD }),
  });
  headers.Cookie = `token=${(await login.json()).token}`;
  for (;;) {
    const check = await (await fetch(`${url}/dmadminweb/API/log/${id}?checkcomplete=Y`, { headers })).json();
    const log = await (await fetch(`${url}/dmadminweb/API/log/${id}`, { headers })).json();
    const all = log.logoutput;
    for (const l of all.slice(lines)) bytes += l.length + 1;
    lines = all.length;
    if (check.iscomplete) break;
    await new Promise((r) => setTimeout(r, 300));
  }
}
await backend.close();
process.stdout.write(`${JSON.stringify({ mode, baselineRss, maxRss: process.resourceUsage().maxRSS * 1024, lines, bytes })}\n`);
