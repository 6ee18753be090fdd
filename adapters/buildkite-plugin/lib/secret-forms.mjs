// The secret values held by the named environment variables, in the forms they can leak in (raw, URL-encoded,
// base64), as the object `buildkite-agent redactor add --format json` reads. hook.mjs
// pipes it to the agent from memory, never through argv or a file.
// Unset, empty and very short values are skipped (the core's Redactor skips them too).
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
