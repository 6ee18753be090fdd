// Turns the one JSON object `shiplog <operation> --json` printed into what the hook reports to Buildkite (hook.mjs):
//   style       annotation style: success | info | warning | error
//   annotation  markdown body for `buildkite-agent annotate`
//   metadata    [key, value] pairs for `buildkite-agent meta-data set`
// Values come from the CLI's output, which the core has already redacted.

/** Escapes text for an annotation (Buildkite renders markdown and HTML). */
export function md(value) {
  return String(value).replace(/[\\`*_[\]<>|&]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

function nameOf(v) {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return v.name ?? v.id;
  return v;
}

/** Rows (label, value) shown for a successful result, per operation. */
function rows(operation, r) {
  switch (operation) {
    case 'version-update':
      return [
        ['Component version', nameOf(r.componentVersion)],
        ['Application version', nameOf(r.appVersion)],
      ];
    case 'deploy': {
      const d = r.deployment ?? {};
      return [
        ['Deployment', d.id],
        ['Application version', nameOf(d.appVersion)],
        ['Environment', d.environment],
        ['Status', d.status],
        ['Exit code', d.exitCode],
      ];
    }
    case 'approve':
      return [
        ['Application version', nameOf(r.appVersion)],
        ['Decision', r.approved === false ? 'rejected' : 'approved'],
        ['Stage', r.stage],
        ['By', r.by],
      ];
    case 'move':
      return [
        ['Application version', nameOf(r.appVersion)],
        ['From', r.from],
        ['To', r.to],
      ];
    case 'envscript': {
      const v = r.variables;
      const names = Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : x?.name)) : v && typeof v === 'object' ? Object.keys(v) : undefined;
      return [
        ['File', r.file ?? 'job log (no output file)'],
        ['Variables', names ? names.filter(Boolean).join(', ') : v],
      ];
    }
    default:
      return [];
  }
}

/** Build meta-data later steps can read (`buildkite-agent meta-data get shiplog-app-version`). */
export function metadata(operation, r) {
  const out = [];
  const add = (k, v) => {
    if (v !== undefined && v !== null && String(v) !== '') out.push([k, String(v)]);
  };
  if (operation === 'version-update') {
    add('shiplog-component-version', nameOf(r.componentVersion));
    add('shiplog-app-version', nameOf(r.appVersion));
  } else if (operation === 'deploy') {
    add('shiplog-deployment-id', r.deployment?.id);
    add('shiplog-deployment-status', r.deployment?.status);
    add('shiplog-app-version', nameOf(r.deployment?.appVersion));
  } else if (operation === 'move' || operation === 'approve') {
    add('shiplog-app-version', nameOf(r.appVersion));
  }
  return out;
}

const WARNING_CODES = new Set(['APPROVAL_REQUIRED', 'APPROVAL_REJECTED']);

export function report(operation, exitCode, text) {
  let result;
  try {
    result = JSON.parse(text);
  } catch {
    result = undefined;
  }
  const title = `**shiplog ${md(operation)}**`;
  if (exitCode === 0 && result?.ok) {
    const table = rows(operation, result).filter(([, v]) => v !== undefined && v !== null && v !== '');
    const body = [`${title} succeeded${result.dryRun ? ' (dry run: nothing written)' : ''}`, ''];
    if (table.length) {
      body.push('| | |', '|---|---|', ...table.map(([k, v]) => `| ${k} | \`${String(v).replace(/[`|]/g, '_')}\` |`));
    }
    // A dry run wrote nothing: later steps must not read its planned names as real ones.
    return { style: result.dryRun ? 'info' : 'success', annotation: `${body.join('\n')}\n`, metadata: result.dryRun ? [] : metadata(operation, result) };
  }
  const err = result?.error;
  const lines = err
    ? [`${title} failed: ${md(err.message)} (\`${md(err.code)}\`, exit ${exitCode})`]
    : [`${title} failed with exit ${exitCode} and no result: see the job log.`];
  if (err?.hint) lines.push('', `Hint: ${md(err.hint)}`);
  if (Array.isArray(err?.problems)) lines.push('', ...err.problems.map((p) => `- ${md(p)}`));
  // A failed deployment is still recorded (it has an id): later steps can read its id and status.
  const recorded = operation === 'deploy' && !result?.dryRun && result?.deployment?.id !== undefined && result?.deployment?.id !== null;
  return { style: err && WARNING_CODES.has(err.code) ? 'warning' : 'error', annotation: `${lines.join('\n')}\n`, metadata: recorded ? metadata(operation, result) : [] };
}
