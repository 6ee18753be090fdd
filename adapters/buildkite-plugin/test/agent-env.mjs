// Test helper: prints, NUL-separated, the KEY=VALUE pairs the Buildkite agent adds to a plugin hook's
// environment for one plugin entry of a step: BUILDKITE_PLUGIN_NAME, BUILDKITE_PLUGIN_CONFIGURATION (JSON) and
// the flattened BUILDKITE_PLUGIN_<NAME>_<KEY>[_<N>|_<SUBKEY>] variables (agent/plugin/plugin.go semantics:
// name = last path part of the location, lower-cased, non-alphanumerics to `-`, `-buildkite-plugin` dropped;
// keys upper-cased with `-` and spaces to `_`; lists get _0, _1...; mappings _SUBKEY; scalars as text).
//
// Usage: node agent-env.mjs <plugin location> <config JSON> [json|flattened]
//   json (default): what current agents set (JSON and flattened); flattened: an old agent (no JSON).

export function pluginName(location) {
  const last = location.split('#')[0].replace(/\\/g, '/').split('/').pop() ?? '';
  return last
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[^a-zA-Z0-9]/g, '-')
    .replace(/-buildkite-plugin-git/g, '')
    .replace(/-buildkite-plugin/g, '');
}

function formatEnvKey(key) {
  return key.toUpperCase().replace(/-|\s/g, '_');
}

function walk(prefix, value, into) {
  if (Array.isArray(value)) value.forEach((v, i) => walk(`${prefix}_${i}`, v, into));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) walk(`${prefix}_${formatEnvKey(k)}`, v, into);
  else into.push([prefix, String(value)]);
}

export function agentEnv(location, config, kind = 'json') {
  const name = formatEnvKey(pluginName(location));
  const out = [['BUILDKITE_PLUGIN_NAME', name]];
  if (kind === 'json') out.push(['BUILDKITE_PLUGIN_CONFIGURATION', JSON.stringify(config)]);
  for (const [k, v] of Object.entries(config)) walk(`BUILDKITE_PLUGIN_${name}_${formatEnvKey(k)}`, v, out);
  out.push(['BUILDKITE_PLUGINS', JSON.stringify([{ [location]: config }])]);
  return out;
}

if (process.argv[1] && import.meta.url.endsWith('/agent-env.mjs') && process.argv[1].endsWith('agent-env.mjs')) {
  const [location, json, kind] = process.argv.slice(2);
  const pairs = agentEnv(location, JSON.parse(json), kind ?? 'json');
  if (kind === 'flattened') pairs.shift(); // old agents set neither BUILDKITE_PLUGIN_NAME nor the JSON
  process.stdout.write(pairs.map(([k, v]) => `${k}=${v}\0`).join(''));
}
