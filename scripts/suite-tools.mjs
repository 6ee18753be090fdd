#!/usr/bin/env node
// Which test suites need which system tools, and what happens when one is missing.
//
//   node scripts/suite-tools.mjs run <suite> <tool,tool...> -- <command...>
//       runs the command when every tool is present (exit = the command's); otherwise skips the suite, records it
//       and exits 0, or, with SHIPLOG_REQUIRE_ALL_SUITES=1 (set by .ci/run), fails naming each missing tool.
//   node scripts/suite-tools.mjs reset     forgets the suites skipped by an earlier run (npm test starts with it)
//   node scripts/suite-tools.mjs report    prints the suites skipped since the last reset and how to install their tools
//
// Vitest files that need a tool call `suiteNeeds(suite, tools)` (the same rules) and skip with describe.skipIf.
import { spawnSync } from 'node:child_process';
import { accessSync, appendFileSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every tool a suite may need: how to tell it is there, and how to install it. */
export const TOOLS = {
  bats: { kind: 'command', install: 'apt-get install bats (macOS: brew install bats-core)' },
  'bats-support': { kind: 'dir', path: '/usr/lib/bats/bats-support', install: 'apt-get install bats-support' },
  'bats-assert': { kind: 'dir', path: '/usr/lib/bats/bats-assert', install: 'apt-get install bats-assert' },
  shellcheck: { kind: 'command', install: 'apt-get install shellcheck (macOS: brew install shellcheck)' },
  groovy: { kind: 'command', install: 'apt-get install groovy (macOS: brew install groovy)' },
  java: { kind: 'command', install: 'apt-get install default-jdk-headless (groovy needs a JDK)' },
};

/** The file skipped suites are recorded in (one JSON object a line); SHIPLOG_SUITE_RESULTS_DIR moves it (tests). */
export function skipFile(env = process.env) {
  return join(env.SHIPLOG_SUITE_RESULTS_DIR || join(ROOT, 'node_modules', '.cache', 'shiplog'), 'skipped-suites.jsonl');
}

function onPath(name, env) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      const file = join(dir, name);
      if (statSync(file).isFile()) {
        accessSync(file, constants.X_OK);
        return true;
      }
    } catch {
      /* not in this directory */
    }
  }
  return false;
}

/** The tools of `tools` that are not installed. An unknown tool name is a programming error. */
export function missingTools(tools, env = process.env) {
  return tools.filter((t) => {
    const spec = TOOLS[t];
    if (!spec) throw new Error(`suite-tools: unknown tool "${t}" (known: ${Object.keys(TOOLS).join(', ')})`);
    return spec.kind === 'dir' ? !existsSync(spec.path) : !onPath(t, env);
  });
}

/** Whether every tool is required (CI): then a missing tool fails the run instead of skipping the suite. */
export function requireAll(env = process.env) {
  return env.SHIPLOG_REQUIRE_ALL_SUITES === '1';
}

function installHints(missing) {
  return missing.map((t) => `${t}: ${TOOLS[t].install}`).join('; ');
}

/**
 * Decides whether `suite` can run. Returns true when every tool is there. When one is missing: throws under
 * SHIPLOG_REQUIRE_ALL_SUITES=1, otherwise records the skip (for `report`) and returns false.
 */
export function suiteNeeds(suite, tools, env = process.env) {
  const missing = missingTools(tools, env);
  if (missing.length === 0) return true;
  if (requireAll(env)) {
    throw new Error(
      `test suite "${suite}" needs ${missing.join(', ')}, not installed (SHIPLOG_REQUIRE_ALL_SUITES=1): ${installHints(missing)}`,
    );
  }
  const file = skipFile(env);
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, JSON.stringify({ suite, missing }) + '\n');
  return false;
}

/** The suites skipped since the last reset, one entry per suite. */
export function skippedSuites(env = process.env) {
  const file = skipFile(env);
  if (!existsSync(file)) return [];
  const bySuite = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const { suite, missing } = JSON.parse(line);
    bySuite.set(suite, missing);
  }
  return [...bySuite].map(([suite, missing]) => ({ suite, missing }));
}

/** The closing lines of `npm test`: nothing when nothing was skipped. */
export function skipReport(skipped) {
  if (skipped.length === 0) return '';
  const tools = [...new Set(skipped.flatMap((s) => s.missing))];
  const lines = [`${skipped.length} test suite(s) SKIPPED: tools not installed (CI's .ci/run installs them and skips nothing):`];
  for (const s of skipped) lines.push(`  - ${s.suite} (needs ${s.missing.join(', ')})`);
  lines.push('install:');
  for (const t of tools) lines.push(`  ${t}: ${TOOLS[t].install}`);
  return lines.join('\n') + '\n';
}

function main(argv) {
  const [cmd, ...rest] = argv;
  if (cmd === 'reset') {
    rmSync(skipFile(), { force: true });
    return 0;
  }
  if (cmd === 'report') {
    process.stdout.write(skipReport(skippedSuites()));
    return 0;
  }
  if (cmd === 'run') {
    const sep = rest.indexOf('--');
    const [suite, tools] = rest;
    const command = rest.slice(sep + 1);
    if (sep !== 2 || !suite || !tools || command.length === 0) {
      process.stderr.write('usage: suite-tools.mjs run <suite> <tool,tool...> -- <command...>\n');
      return 2;
    }
    let ok;
    try {
      ok = suiteNeeds(suite, tools.split(','));
    } catch (e) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    if (!ok) {
      process.stderr.write(`skipped test suite "${suite}": ${missingTools(tools.split(',')).join(', ')} not installed\n`);
      return 0;
    }
    const r = spawnSync(command[0], command.slice(1), { stdio: 'inherit' });
    if (r.error) {
      process.stderr.write(`${r.error.message}\n`);
      return 1;
    }
    return r.status ?? 1;
  }
  process.stderr.write('usage: suite-tools.mjs run <suite> <tools> -- <command...> | reset | report\n');
  return 2;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
