/**
 * The orb's commands and jobs against the input table (core/src/inputs.ts): same operation names, one parameter
 * per table input (name mapped kebab -> snake), same type/required/default/secret mapping, every parameter wired
 * to the run step's environment. These checks read the committed orb.yml, so any drift fails them.
 */
import { describe, expect, it } from 'vitest';
import { INPUTS, ADAPTER_COMMANDS, SECRET_INPUTS, inputsFor, isRequired } from '@shiplog/core';
import { channelVariable, inputNameOf, orbParameter, orbParameterName, tableParams } from '../scripts/orb-parameters.js';
import { loadOrb } from './e2e-fixture.js';

const orb = loadOrb();
const ORB_ONLY_COMMAND = ['registry', 'bundle_file', 'working_directory', 'defer_exit'];
const ORB_ONLY_JOB = ['registry', 'bundle_file', 'working_directory', 'executor', 'checkout'];

function runStep(op: string): { environment: Record<string, string>; command: string } {
  const step = orb.commands[op].steps.find((s: any) => s.run);
  return step.run;
}

describe('orb manifest vs the input table', () => {
  it('has a command and a job per operation, named exactly as the core names them', () => {
    expect(Object.keys(orb.jobs).sort()).toEqual([...ADAPTER_COMMANDS].sort());
    expect(Object.keys(orb.commands).sort()).toEqual([...ADAPTER_COMMANDS, 'exit-status', 'install'].sort());
  });

  it.each(ADAPTER_COMMANDS)('%s: command parameters = the table inputs (mapped) + the orb-only ones', (op) => {
    const table = inputsFor(op);
    const params = orb.commands[op].parameters;
    expect(Object.keys(params).sort()).toEqual([...table.map((i) => orbParameterName(i.name)), ...ORB_ONLY_COMMAND].sort());
    for (const p of tableParams(op)) expect(params[orbParameterName(p.spec.name)], p.spec.name).toEqual(orbParameter(p));
    expect(Object.keys(orb.jobs[op].parameters).sort()).toEqual([...table.map((i) => orbParameterName(i.name)), ...ORB_ONLY_JOB].sort());
  });

  it.each(ADAPTER_COMMANDS)('%s: every table input reaches the run step under its channel variable', (op) => {
    const env = runStep(op).environment;
    for (const p of tableParams(op)) expect(env[channelVariable(p)], p.spec.name).toBe(`<< parameters.${orbParameterName(p.spec.name)} >>`);
    expect(env.SHIPLOG_OPERATION).toBe(op);
  });

  it.each(ADAPTER_COMMANDS)('%s: the job passes each of its parameters on to the command', (op) => {
    const call = orb.jobs[op].steps.find((s: any) => s[op])[op];
    for (const name of Object.keys(orb.commands[op].parameters).filter((n) => n !== 'defer_exit')) {
      expect(call[name], name).toBe(`<< parameters.${name} >>`);
    }
    expect(call.defer_exit).toBe(true);
  });

  it('parameter names map back to the input names without loss', () => {
    for (const input of INPUTS) expect(inputNameOf(orbParameterName(input.name))).toBe(input.name);
  });

  // danger-js style: take away one required input at a time; CircleCI must then refuse the call (no default).
  it.each(
    ADAPTER_COMMANDS.flatMap((op) =>
      inputsFor(op)
        .filter((i) => isRequired(i, op))
        .map((i) => [op, i.name] as const),
    ),
  )('%s: required input %s has no default, so CircleCI rejects a call without it', (op, name) => {
    expect(orb.commands[op].parameters[orbParameterName(name)]).not.toHaveProperty('default');
    expect(orb.jobs[op].parameters[orbParameterName(name)]).not.toHaveProperty('default');
  });

  it('credentials are env_var_name parameters defaulting to DHURL, DHUSER, DHPASS, SHIPLOG_STORE_PASSWORD, never plain values', () => {
    expect(SECRET_INPUTS.length).toBeGreaterThan(0);
    for (const op of ADAPTER_COMMANDS) {
      const params = orb.commands[op].parameters;
      // every secret of the table reaches the orb only as the name of a variable
      for (const secret of SECRET_INPUTS.filter((n) => inputsFor(op).some((i) => i.name === n))) {
        expect(params[orbParameterName(secret)], secret).toMatchObject({ type: 'env_var_name' });
      }
      expect(params.store_password).toMatchObject({ type: 'env_var_name', default: 'SHIPLOG_STORE_PASSWORD' });
      expect(runStep(op).environment.SHIPLOG_ENVVAR_SHIPLOG_STORE_PASSWORD).toBe('<< parameters.store_password >>');
      for (const name of ['dhurl', 'dhuser', 'dhpass']) {
        expect(params[name]).toMatchObject({ type: 'env_var_name', default: name.toUpperCase() });
        expect(runStep(op).environment[`SHIPLOG_ENVVAR_${name.toUpperCase()}`]).toBe(`<< parameters.${name} >>`);
      }
    }
    expect(JSON.stringify(orb)).not.toMatch(/--dhpass/);
  });

  it('envscript: output and the job describe what the orb does ($BASH_ENV by default, sh only), not the CLI', () => {
    for (const where of [orb.commands.envscript, orb.jobs.envscript]) {
      const output = where.parameters.output.description;
      expect(output).not.toMatch(/stdout/);
      expect(output).toMatch(/Empty: \$BASH_ENV/);
      expect(output).toMatch(/only format sh/);
    }
    // The job's only later steps are store_artifacts and exit-status: it must not promise that later steps see them.
    const job = orb.jobs.envscript;
    expect(job.steps.map((s: any) => Object.keys(s)[0])).toEqual(['when', 'envscript', 'store_artifacts', 'exit-status']);
    expect(job.description).not.toMatch(/so later steps of the job see them/);
    expect(job.description).toMatch(/shiplog\/envscript\.json/);
    expect(job.description).toMatch(/`envscript` command inside your own job/);
  });

  it('orb parameters take no CLI-only inputs (json, debug)', () => {
    for (const op of ADAPTER_COMMANDS) {
      expect(orb.commands[op].parameters).not.toHaveProperty('json');
      expect(orb.commands[op].parameters).not.toHaveProperty('debug');
    }
  });
});
