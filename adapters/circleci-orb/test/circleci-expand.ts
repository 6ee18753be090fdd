/**
 * Expands an orb job the way CircleCI compiles a config before running it: parameter defaults and type checks,
 * `<< parameters.x >>` substitution (a value that is exactly one reference keeps the parameter's type, a reference
 * inside a longer string is interpolated), orb command invocations inlined with their own parameters, `when`
 * conditions, and finally `\<<` unescaped to `<<`. The result is the flat list of steps a job would run.
 */
export type ParamValue = string | boolean | number;
type Orb = {
  commands: Record<string, Component>;
  jobs: Record<string, Component & { executor?: unknown }>;
};
interface ParamSpec {
  type: string;
  default?: ParamValue;
  enum?: string[];
}
interface Component {
  parameters?: Record<string, ParamSpec>;
  steps: unknown[];
}

export type ExpandedStep =
  | { kind: 'run'; name?: string; command: string; environment: Record<string, string>; workingDirectory?: string }
  | { kind: 'checkout' }
  | { kind: 'store_artifacts'; path: string; destination?: string };

const WHOLE = /^<<\s*parameters\.([\w-]+)\s*>>$/;
const ANY = /<<\s*parameters\.([\w-]+)\s*>>/g;

export function resolveParameters(
  what: string,
  specs: Record<string, ParamSpec> = {},
  given: Record<string, unknown> = {},
): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const key of Object.keys(given)) {
    if (!(key in specs)) throw new Error(`${what}: unexpected argument ${key}`);
  }
  for (const [name, spec] of Object.entries(specs)) {
    const value = name in given ? given[name] : spec.default;
    if (value === undefined) throw new Error(`${what}: missing required argument ${name}`);
    switch (spec.type) {
      case 'boolean':
        if (typeof value !== 'boolean') throw new Error(`${what}: ${name} must be a boolean`);
        break;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`${what}: ${name} must be an integer`);
        break;
      case 'enum':
        if (!spec.enum?.includes(String(value))) throw new Error(`${what}: ${name} must be one of ${spec.enum?.join(', ')}`);
        break;
      case 'env_var_name':
        if (typeof value !== 'string' || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(value))
          throw new Error(`${what}: ${name} must name an environment variable`);
        break;
      case 'string':
        if (typeof value !== 'string') throw new Error(`${what}: ${name} must be a string`);
        break;
      case 'executor':
        break;
      default:
        throw new Error(`${what}: unknown parameter type ${spec.type}`);
    }
    out[name] = value as ParamValue;
  }
  return out;
}

export function substitute(node: unknown, params: Record<string, ParamValue>): unknown {
  if (typeof node === 'string') {
    const whole = WHOLE.exec(node);
    if (whole) return lookup(params, whole[1]);
    return node.replace(ANY, (_m, name: string) => String(lookup(params, name)));
  }
  if (Array.isArray(node)) return node.map((n) => substitute(n, params));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, substitute(v, params)]));
  }
  return node;
}

function lookup(params: Record<string, ParamValue>, name: string): ParamValue {
  if (!(name in params)) throw new Error(`unknown parameter ${name}`);
  return params[name];
}

function unescape(s: string): string {
  return s.replaceAll('\\<<', '<<');
}

function expandSteps(orb: Orb, steps: unknown[], depth: number): ExpandedStep[] {
  if (depth > 10) throw new Error('command recursion too deep');
  const out: ExpandedStep[] = [];
  for (const step of steps) {
    const [name, args] = typeof step === 'string' ? [step, {}] : Object.entries(step as Record<string, unknown>)[0];
    const a = (args ?? {}) as Record<string, unknown>;
    if (name === 'run') {
      const run = typeof args === 'string' ? { command: args } : a;
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries((run.environment ?? {}) as Record<string, unknown>)) env[k] = String(v);
      out.push({
        kind: 'run',
        name: run.name as string | undefined,
        command: unescape(String(run.command)),
        environment: env,
        workingDirectory: run.working_directory as string | undefined,
      });
    } else if (name === 'checkout') {
      out.push({ kind: 'checkout' });
    } else if (name === 'store_artifacts') {
      out.push({ kind: 'store_artifacts', path: String(a.path), destination: a.destination as string | undefined });
    } else if (name === 'when' || name === 'unless') {
      const truthy = Boolean(a.condition) && a.condition !== '' && a.condition !== 0;
      if (truthy === (name === 'when')) out.push(...expandSteps(orb, a.steps as unknown[], depth + 1));
    } else if (orb.commands[name]) {
      const cmd = orb.commands[name];
      const params = resolveParameters(`command ${name}`, cmd.parameters, a);
      out.push(...expandSteps(orb, substitute(cmd.steps, params) as unknown[], depth + 1));
    } else {
      throw new Error(`unknown step ${name}`);
    }
  }
  return out;
}

/** The steps of `job` invoked with `args` (a workflow's job entry). */
export function expandJob(orb: Orb, job: string, args: Record<string, unknown>): ExpandedStep[] {
  const spec = orb.jobs[job];
  if (!spec) throw new Error(`no job ${job}`);
  const params = resolveParameters(`job ${job}`, spec.parameters, args);
  const body = substitute({ steps: spec.steps }, params) as Component;
  return expandSteps(orb, body.steps, 0);
}

/** The steps of a command invoked inside a user's own job. */
export function expandCommand(orb: Orb, command: string, args: Record<string, unknown>): ExpandedStep[] {
  return expandSteps(orb, [{ [command]: args }], 0);
}
