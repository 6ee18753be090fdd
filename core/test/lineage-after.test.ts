// operations/report-after.ts lineageAfter: which operations get a lineage diagram, the graph query's inputs (the
// application from the result, the connection inputs both commands take), and a failed query as no diagram.
import { describe, expect, it } from 'vitest';
import { createMemoryHost, lineageAfter, type ExecuteOutcome } from '@shiplog/core';

const deployed = {
  ok: true,
  operation: 'deploy',
  deployment: { id: 5, appVersion: 'GLOBAL.A.shop;3', environment: 'qa', status: 'success' },
};

function fakeGraph(outcome: Partial<ExecuteOutcome['result']> = { ok: true, mermaid: 'flowchart LR' }) {
  const calls: { command: string; inputs: Record<string, unknown> }[] = [];
  const run = async (command: string, inputs: Record<string, unknown>) => {
    calls.push({ command, inputs });
    return { exitCode: outcome.ok ? 0 : 4, result: outcome } as ExecuteOutcome;
  };
  return { calls, run };
}

describe('lineageAfter', () => {
  it("runs graph for the result's application with the connection inputs, and returns its Mermaid", async () => {
    const g = fakeGraph();
    const got = await lineageAfter(
      'deploy',
      deployed,
      { application: 'ignored', env: 'qa', backend: 'local', dhpass: 's3cret' },
      createMemoryHost(),
      g.run,
    );
    expect(got).toBe('flowchart LR');
    expect(g.calls).toHaveLength(1);
    expect(g.calls[0].command).toBe('graph');
    expect(g.calls[0].inputs).toMatchObject({ application: 'GLOBAL.A.shop', json: 'true', backend: 'local', dhpass: 's3cret' });
    expect(g.calls[0].inputs).not.toHaveProperty('env');
  });

  it('falls back to the application input when the result names no version', async () => {
    const g = fakeGraph();
    await lineageAfter('approve', { ok: true, operation: 'approve' }, { application: ' GLOBAL.A.shop ' }, createMemoryHost(), g.run);
    expect(g.calls[0].inputs.application).toBe('GLOBAL.A.shop');
  });

  it('draws nothing for a failure, a dry run, envscript, plan or apply, or without an application', async () => {
    const g = fakeGraph();
    const host = createMemoryHost();
    expect(await lineageAfter('deploy', { ...deployed, ok: false }, {}, host, g.run)).toBeUndefined();
    expect(await lineageAfter('deploy', { ...deployed, dryRun: true }, {}, host, g.run)).toBeUndefined();
    for (const op of ['envscript', 'plan', 'apply'] as const) expect(await lineageAfter(op, deployed, {}, host, g.run)).toBeUndefined();
    expect(await lineageAfter('move', { ok: true, operation: 'move' }, {}, host, g.run)).toBeUndefined();
    expect(g.calls).toEqual([]);
  });

  it('a failed graph query is no diagram, said at debug level', async () => {
    const host = createMemoryHost({ debug: true });
    const g = fakeGraph({ ok: false, error: { message: 'store unreachable' } });
    expect(await lineageAfter('deploy', deployed, {}, host, g.run)).toBeUndefined();
    expect(host.err()).toContain('no lineage graph: store unreachable');
  });
});
