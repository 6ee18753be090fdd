// Prints, as one JSON object of strings, the secret values held by the environment variables named on the
// command line, in the forms they can leak in (raw, URL-encoded, base64): the input of
// `buildkite-agent redactor add --format json`. Values travel through a pipe only, never through argv.
// Unset, empty and very short values are skipped (the core's Redactor skips them too).
import { pathToFileURL } from 'node:url';

const MIN_SECRET_LENGTH = 3;

export function secretForms(env, names) {
  const out = {};
  for (const name of names) {
    const value = env[name];
    if (!value || value.length < MIN_SECRET_LENGTH) continue;
    const forms = new Set([value, encodeURIComponent(value), Buffer.from(value, 'utf8').toString('base64')]);
    let n = 0;
    for (const f of forms) out[`${name}_${n++}`] = f;
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(JSON.stringify(secretForms(process.env, process.argv.slice(2))));
}
