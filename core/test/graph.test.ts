import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../src/errors.js';
import { graphCommand, graphRequest, graphVersion, renderGraph, runGraph } from '../src/operations/graph.js';
import { escapeLabel, flowchart } from '../src/operations/mermaid.js';
import { MemoryBackend, memoryContext } from './fakes/memory-backend.js';
import { SHOP, seedDeployment, seedRelease, seedShopScenario } from './fakes/shop-scenario.js';

/** Every line of the output must be one of the statement forms the generator promises. */
function assertWellFormed(mermaid: string): void {
  const lines = mermaid.trimEnd().split('\n');
  expect(lines[0]).toBe('flowchart LR');
  for (const line of lines.slice(1)) {
    const ok =
      /^ {2}classDef [A-Za-z]\w* [\w:#,.-]+$/.test(line) ||
      /^ {2}v\d+\["(?:[A-Za-z0-9 _.,:;/=+-]|#\d+;|<br\/>)*"\]$/.test(line) ||
      /^ {2}v\d+ --> v\d+$/.test(line) ||
      /^ {2}class v\d+ [A-Za-z]\w*$/.test(line);
    expect(ok, `unexpected mermaid line: ${line}`).toBe(true);
  }
}

function decodeLabel(label: string): string {
  return label.replace(/#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
}

describe('graph', () => {
  it('returns the lineage with changed components and where each version runs', async () => {
    const backend = new MemoryBackend();
    await seedShopScenario(backend);
    const { ctx } = memoryContext(backend);
    const res = await runGraph(ctx, graphRequest({ application: SHOP }));
    expect(res.operation).toBe('graph');
    expect(res.application).toBe(SHOP);
    expect(res.versions.map((v) => [v.name, v.predecessor, v.changed, v.deployedTo])).toEqual([
      [`${SHOP};1`, null, ['GLOBAL.Acme.Store.cart;main;v1'], []],
      [`${SHOP};2`, `${SHOP};1`, ['GLOBAL.Acme.Store.catalog;main;v1'], []],
      [`${SHOP};3`, `${SHOP};2`, ['GLOBAL.Acme.Store.checkout;main;v1'], ['qa', 'prod']],
      [`${SHOP};4`, `${SHOP};3`, ['GLOBAL.Acme.Store.cart;main;v2'], ['dev']],
    ]);
    expect(res.versions[3].components).toHaveLength(3);
    expect(res.mermaid).toBe(
      [
        'flowchart LR',
        '  classDef deployed fill:#dff0d8,stroke:#3c763d,stroke-width:2px',
        '  v0["1<br/>cart;main;v1"]',
        '  v1["2<br/>catalog;main;v1"]',
        '  v2["3<br/>checkout;main;v1<br/>deployed: qa, prod"]',
        '  v3["4<br/>cart;main;v2<br/>deployed: dev"]',
        '  v0 --> v1',
        '  v1 --> v2',
        '  v2 --> v3',
        '  class v2 deployed',
        '  class v3 deployed',
        '',
      ].join('\n'),
    );
    assertWellFormed(res.mermaid);
    expect(renderGraph(res)).toBe(`lineage of ${SHOP}: 4 version(s), Mermaid flowchart on stdout`);
  });

  it('prints the Mermaid text on stdout unless --json', async () => {
    const backend = new MemoryBackend();
    await seedShopScenario(backend);
    const printed = memoryContext(backend);
    const res = await runGraph(printed.ctx, graphRequest({ application: SHOP }));
    expect(printed.host.out()).toBe(res.mermaid);
    const quiet = memoryContext(backend);
    await runGraph(quiet.ctx, graphRequest({ application: SHOP, json: true }));
    expect(quiet.host.out()).toBe('');
  });

  it('escapes hostile names so they cannot end a label or inject statements', async () => {
    const backend = new MemoryBackend();
    const hostileVariant = 'x"]\nclick v0 call alert(1)\n%%{init: {"theme":"dark"}}%%<img src=x onerror=alert(1)>`$$\\frac12$$#quot;';
    const v = await seedRelease(backend, {
      application: SHOP,
      component: 'GLOBAL.Acme.Store.cart',
      variant: hostileVariant,
      version: 'v1 --> v9[evil]',
    });
    await seedDeployment(backend, v, 'prod"]; v9[pwn');
    const { ctx } = memoryContext(backend);
    const res = await runGraph(ctx, graphRequest({ application: SHOP }));
    assertWellFormed(res.mermaid);
    expect(res.mermaid.split('\n')).toHaveLength(5); // header, classDef, node, class, trailing ''
    const label = /v0\["(.*)"\]/.exec(res.mermaid)![1];
    const decoded = label.split('<br/>').map(decodeLabel);
    expect(decoded).toEqual(['1', `cart;${hostileVariant};v1 --> v9[evil]`, 'deployed: prod"]; v9[pwn']);
  });

  it('escapeLabel keeps safe text and encodes everything else as entity codes', () => {
    expect(escapeLabel('cart;main;v1_0_0')).toBe('cart;main;v1_0_0');
    expect(escapeLabel('a"b')).toBe('a#34;b');
    expect(escapeLabel('#quot;')).toBe('#35;quot;');
    expect(escapeLabel('<br/>')).toBe('#60;br/#62;');
    expect(escapeLabel('é😀')).toBe('#233;#128512;');
  });

  it('flowchart refuses ids and class names that are not plain identifiers', () => {
    expect(() => flowchart('LR', [{ id: 'a"b', lines: [] }], [])).toThrow(/bad mermaid node id/);
    expect(() => flowchart('LR', [{ id: 'a', lines: [], className: 'x y' }], [])).toThrow(/bad mermaid class name/);
    expect(() => flowchart('LR', [], [{ from: 'a', to: 'b;c' }])).toThrow(/bad mermaid node id/);
  });

  it('shows a component the new version dropped', async () => {
    const base = { id: '1', application: SHOP, createdAt: '2026-11-22T08:00:00.000Z' };
    const g = graphVersion(
      { ...base, name: `${SHOP};2`, version: '2', components: ['G.A.cart;v2'], predecessor: `${SHOP};1` },
      { ...base, name: `${SHOP};1`, version: '1', components: ['G.A.cart;v1', 'G.A.old;main;v1'] },
      [],
    );
    expect(g.changed).toEqual(['G.A.cart;v2']);
    expect(g.removed).toEqual(['G.A.old;main']);
  });

  it('requires --application and fails with exit 2 on an application without versions', async () => {
    expect(() => graphRequest({})).toThrow(InvalidInputError);
    expect(() => graphRequest({})).toThrow(/--application is required/);
    expect(() => graphRequest({ application: 'shop' })).toThrow(/full domain path/);
    const { ctx } = memoryContext(new MemoryBackend());
    const err = await runGraph(ctx, graphRequest({ application: SHOP })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).exitCode).toBe(2);
    expect((err as InvalidInputError).message).toContain('has no versions');
  });

  it('is a read-only CommandModule named graph', () => {
    expect(graphCommand.name).toBe('graph');
    expect(graphCommand.mutating).toBe(false);
  });
});
