// Stand-in for dist/shiplog.mjs in the hook tests: appends its argv (one argument a line) and whether it
// received the expected credentials to $FAKE_SHIPLOG_LOG, prints $FAKE_SHIPLOG_RESULT on stdout and exits
// with $FAKE_SHIPLOG_EXIT. It never prints a credential value.
import { appendFileSync } from 'node:fs';

const env = process.env;
const lines = [...process.argv.slice(2)];
lines.push(`DHURL=${env.DHURL ?? '<unset>'}`);
lines.push(`DHUSER=${env.DHUSER ?? '<unset>'}`);
lines.push(`DHPASS=${env.DHPASS === undefined ? '<unset>' : env.DHPASS === env.EXPECTED_DHPASS ? '<expected>' : '<other>'}`);
appendFileSync(env.FAKE_SHIPLOG_LOG, `${lines.join('\n')}\n--\n`);
process.stderr.write('fake shiplog: working\n');
process.stdout.write(env.FAKE_SHIPLOG_RESULT ?? '');
process.exitCode = Number(env.FAKE_SHIPLOG_EXIT ?? 0);
