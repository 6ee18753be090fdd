/**
 * Standalone emulator for shell/Groovy tests:
 *   node --import tsx core/test/ortelius-emulator/serve.ts [--port-file FILE] [--deploy-delay-ms N]
 *     [--log-bytes N]   every server-side deployment's log is about N bytes (lines of 100 characters)
 * Listens on 127.0.0.1:0, writes its URL to FILE (or stdout) and serves until SIGTERM/SIGINT.
 */
import fs from 'node:fs';
import { startOrteliusEmulator } from './index.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const portFile = arg('--port-file');
const delay = arg('--deploy-delay-ms');
const logBytes = arg('--log-bytes');
const emu = await startOrteliusEmulator({ deployDelayMs: delay === undefined ? undefined : Number(delay) });
if (logBytes !== undefined) {
  const n = Math.ceil(Number(logBytes) / 100);
  emu.state.deployLog = (app, env) =>
    Array.from({ length: n }, (_, i) => `${app} -> ${env} line ${String(i).padStart(8, '0')} `.padEnd(100, 'x'));
}
if (portFile) {
  fs.writeFileSync(`${portFile}.tmp`, `${emu.url}\n`);
  fs.renameSync(`${portFile}.tmp`, portFile);
} else {
  process.stdout.write(`${emu.url}\n`);
}
const stop = () => {
  void emu.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
