// Stand-in for dist/shiplog.mjs in the hook tests. lib/hook.mjs imports the bundle and calls its exported
// main(io) in-process, so this fake exports main: it appends the argv it was given (one argument a line) and
// whether the environment handed to it held the expected credentials to $FAKE_SHIPLOG_LOG, writes
// $FAKE_SHIPLOG_RESULT to io.stdout and returns $FAKE_SHIPLOG_EXIT (or throws $FAKE_SHIPLOG_THROW). It never prints a credential value, and
// it records whether the hook process's own environment gained a DHPASS (it must not).
import { appendFileSync } from 'node:fs';

export async function main(io) {
  const env = io.env;
  const lines = [...io.argv];
  lines.push(`DHURL=${env.DHURL ?? '<unset>'}`);
  lines.push(`DHUSER=${env.DHUSER ?? '<unset>'}`);
  lines.push(`DHPASS=${env.DHPASS === undefined ? '<unset>' : env.DHPASS === env.EXPECTED_DHPASS ? '<expected>' : '<other>'}`);
  if (process.env.DHPASS !== undefined && process.env.DHPASS !== process.env.EXPECTED_DHPASS) lines.push('PROCESS-ENV-DHPASS-CHANGED');
  appendFileSync(process.env.FAKE_SHIPLOG_LOG, `${lines.join('\n')}\n--\n`);
  if (process.env.FAKE_SHIPLOG_THROW) throw new Error(process.env.FAKE_SHIPLOG_THROW);
  io.stderr('fake shiplog: working\n');
  io.stdout(process.env.FAKE_SHIPLOG_RESULT ?? '');
  return Number(process.env.FAKE_SHIPLOG_EXIT ?? 0);
}
