// Issue 20, item 5: a sandboxed library (folder-level, untrusted) may only call what script-security whitelists, or
// every build waits for a script approval. Each method and constructor call in vars/ (listed from the Groovy AST by
// test/groovy/SandboxCalls.groovy) is checked against the generic whitelist kept as data in test/data/; each call
// without a receiver is the script's own method or a pipeline step of a plugin the README lists.
//
// What can be known statically: a constructor's or a static call's class, and a receiver's declared type (`Map rest`,
// `(x as List)`): those are checked by class (with its supertypes), name and argument count. A receiver typed only at
// run time (`def`) is checked by name and argument count against every whitelisted class.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vars = readdirSync(join(root, 'vars'))
  .filter((f) => f.endsWith('.groovy'))
  .map((f) => join(root, 'vars', f));
const GLOBAL_VARS = new Set(vars.map((f) => f.replace(/^.*\//, '').replace(/\.groovy$/, '')));

/** Pipeline steps the library calls -> the plugin (id) that provides each; null: Jenkins core. */
const STEPS: Record<string, string | null> = {
  libraryResource: 'pipeline-groovy-lib',
  readJSON: 'pipeline-utility-steps',
  withCredentials: 'credentials-binding',
  usernamePassword: 'credentials-binding',
  sshUserPrivateKey: 'credentials-binding',
  error: 'workflow-basic-steps',
  echo: 'workflow-basic-steps',
  writeFile: 'workflow-basic-steps',
  readFile: 'workflow-basic-steps',
  withEnv: 'workflow-basic-steps',
  sh: 'workflow-durable-task-step',
  archiveArtifacts: null,
  // optional: called only when report: true, and a missing plugin is caught (vars/shiplogCli.groovy publishDashboard)
  publishHTML: 'htmlpublisher',
  input: 'pipeline-input-step',
};

interface Call {
  file: string;
  line: number;
  kind: 'new' | 'static' | 'method' | 'self' | 'def';
  type?: string | null;
  supers?: string[];
  name: string;
  argc?: number;
}

interface Signature {
  kind: 'new' | 'method' | 'staticMethod';
  owner: string;
  name: string;
  params: string[];
}

function whitelist(): Signature[] {
  return readFileSync(join(root, 'test', 'data', 'script-security-generic-whitelist'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .flatMap((l): Signature[] => {
      const [kind, owner, ...rest] = l.split(/\s+/);
      if (kind === 'new') return [{ kind, owner, name: '<init>', params: rest }];
      if (kind === 'method' || kind === 'staticMethod') return [{ kind, owner, name: rest[0], params: rest.slice(1) }];
      return []; // field, staticField
    });
}

function javaHome(): string {
  if (process.env.JAVA_HOME) return process.env.JAVA_HOME;
  const java = realpathSync(execFileSync('sh', ['-c', 'command -v java']).toString().trim());
  return dirname(dirname(java));
}

function callsOf(files: string[]): Call[] {
  const out = execFileSync('groovy', [join(root, 'test', 'groovy', 'SandboxCalls.groovy'), ...files], {
    env: { ...process.env, JAVA_HOME: javaHome() },
    maxBuffer: 16 << 20,
  }).toString();
  return out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Call);
}

const arityFits = (params: string[], argc: number) =>
  params.length === argc || (params.length > 0 && params[params.length - 1].endsWith('[]') && argc >= params.length - 1);

/** The calls the sandbox would refuse without an approval, as "file:line call" strings. */
function refused(calls: Call[], sigs: Signature[]): string[] {
  const own = new Set(calls.filter((c) => c.kind === 'def').map((c) => c.name));
  const bad: string[] = [];
  for (const c of calls) {
    if (c.kind === 'def' || c.line < 1) continue; // the script class's generated constructor and runScript
    const argc = c.argc ?? 0;
    const supers = c.supers ?? [];
    let ok: boolean;
    if (c.kind === 'self') ok = own.has(c.name) || Object.hasOwn(STEPS, c.name);
    else if (c.kind === 'static' && c.type && GLOBAL_VARS.has(c.type))
      ok = true; // another vars/ step
    else if (c.kind === 'new') ok = sigs.some((s) => s.kind === 'new' && s.owner === c.type && arityFits(s.params, argc));
    else if (c.kind === 'static')
      ok = sigs.some((s) => s.kind === 'staticMethod' && s.owner === c.type && s.name === c.name && arityFits(s.params, argc));
    else {
      const typed = supers.length > 0;
      ok = sigs.some(
        (s) =>
          s.name === c.name &&
          ((s.kind === 'method' && (!typed || supers.includes(s.owner)) && arityFits(s.params, argc)) ||
            // Groovy's extension methods (DefaultGroovyMethods, StringGroovyMethods, ...): receiver first
            (s.kind === 'staticMethod' &&
              s.owner.startsWith('org.codehaus.groovy.runtime.') &&
              (!typed || supers.includes(s.params[0])) &&
              arityFits(s.params, argc + 1))),
      );
    }
    if (!ok) bad.push(`${c.file}:${c.line} ${c.kind} ${c.type ?? ''}${c.type ? '.' : ''}${c.name}/${argc}`);
  }
  return bad;
}

describe('vars/ in the Groovy sandbox', () => {
  const sigs = whitelist();
  const calls = callsOf(vars);

  it('the whitelist data is the generic whitelist (a few known entries)', () => {
    expect(sigs.length).toBeGreaterThan(1000);
    expect(sigs).toContainEqual({ kind: 'method', owner: 'java.util.Map', name: 'putAll', params: ['java.util.Map'] });
    expect(sigs).toContainEqual({ kind: 'staticMethod', owner: 'java.lang.System', name: 'currentTimeMillis', params: [] });
  });

  it('every method and constructor call is whitelisted, every step call is a step or the library own method', () => {
    expect(calls.filter((c) => c.kind !== 'def').length).toBeGreaterThan(50);
    expect(refused(calls, sigs)).toEqual([]);
  });

  it('the check finds what needs an approval (new LinkedHashMap(Map), a file delete, an unknown step)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shiplog-sandbox-'));
    try {
      const probe = join(dir, 'probe.groovy');
      writeFileSync(
        probe,
        [
          'def call(Map args) {',
          '    Map rest = new LinkedHashMap(args)',
          '    File f = new File("x")',
          '    f.delete()',
          '    String s = System.getenv("HOME")',
          '    httpRequest(url: "http://x")',
          '    return rest',
          '}',
          '',
        ].join('\n'),
      );
      const bad = refused(callsOf([probe]), sigs);
      expect(bad).toEqual([
        'probe.groovy:2 new java.util.LinkedHashMap.<init>/1',
        'probe.groovy:3 new java.io.File.<init>/1',
        'probe.groovy:4 method java.io.File.delete/0',
        'probe.groovy:5 static java.lang.System.getenv/1',
        'probe.groovy:6 self httpRequest/1',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the README lists the plugin of every step the library calls', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const used = new Set(calls.filter((c) => c.kind === 'self' && Object.hasOwn(STEPS, c.name)).map((c) => c.name));
    expect(used.size).toBeGreaterThan(5);
    for (const step of used) {
      const plugin = STEPS[step];
      if (plugin) expect(readme, `${step} needs ${plugin}`).toContain(`\`${plugin}\``);
      expect(readme).toContain(`\`${step}\``);
    }
  });
});
