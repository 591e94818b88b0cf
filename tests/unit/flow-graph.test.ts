// The flow editor's diagram as a graph (web/src/pages/flows-schemes/flow-graph.ts): the same walk the server
// makes — a conditional step can be passed over, `next` jumps ahead, a jumped-over step is never reached — and
// side lanes that never overlap.
import { describe, expect, it } from 'vitest';
import { flowGraph, rowOf, type GraphStep } from '../../web/src/pages/flows-schemes/flow-graph.js';

const step = (id: string, more: Partial<GraphStep> = {}): GraphStep => ({ id, conditional: false, next: '', ...more });
const edge = (g: ReturnType<typeof flowGraph>, from: string, to: string, kind: 'then' | 'skip') =>
  g.edges.find((e) => {
    const name = (r: (typeof e)['from']) => (r.kind === 'step' ? String(r.index) : r.kind);
    return name(e.from) === from && name(e.to) === to && e.kind === kind;
  });

describe('flowGraph', () => {
  it('a plain list: start → each step in order → end, all straight, no lanes', () => {
    const g = flowGraph([step('a'), step('b'), step('c')]);
    expect(g.edges.map((e) => [rowOf(e.from, 3), rowOf(e.to, 3), e.kind, e.lane])).toEqual([
      [0, 1, 'then', 0],
      [1, 2, 'then', 0],
      [2, 3, 'then', 0],
      [3, 4, 'then', 0],
    ]);
    expect(g).toMatchObject({ unreachable: [], lanes: 0, broken: false });
  });

  it('a conditional step gets a dashed way past it, in a side lane', () => {
    const g = flowGraph([step('manager'), step('hr', { conditional: true })]);
    expect(edge(g, '1', 'end', 'then')).toMatchObject({ span: 1, lane: 0 });
    expect(edge(g, '1', 'end', 'skip')).toMatchObject({ span: 1, lane: 1 });
    expect(g.lanes).toBe(1);
  });

  it('a `next` that jumps ahead leaves the steps between unreached, drawn in a lane', () => {
    const g = flowGraph([step('a', { next: 'd' }), step('b'), step('c'), step('d')]);
    expect(edge(g, '0', '3', 'then')).toMatchObject({ span: 3, lane: 1 });
    expect(g.unreachable).toEqual([1, 2]);
    // Unreached steps lead nowhere in the picture.
    expect(g.edges.some((e) => e.from.kind === 'step' && [1, 2].includes(e.from.index))).toBe(false);
  });

  it('a step reached only by a jump is reached', () => {
    const g = flowGraph([step('a', { conditional: true, next: 'c' }), step('b'), step('c')]);
    expect(g.unreachable).toEqual([1]);
    expect(edge(g, '0', '2', 'skip')).toBeDefined();
  });

  it('overlapping long edges take different lanes; disjoint ones share', () => {
    const g = flowGraph([
      step('a', { next: 'c', conditional: true }),
      step('b'),
      step('c', { next: 'e' }),
      step('d'),
      step('e'),
    ]);
    const long = g.edges.filter((e) => e.lane > 0);
    for (const x of long)
      for (const y of long) {
        if (x === y || x.lane !== y.lane) continue;
        const [a0, a1] = [rowOf(x.from, 5), rowOf(x.to, 5)];
        const [b0, b1] = [rowOf(y.from, 5), rowOf(y.to, 5)];
        expect(a0 < b1 && b0 < a1, 'two edges in one lane overlap').toBe(false);
      }
    // a→c (then) and a→c (skip) span the same rows: two lanes; c→e starts where they end: it can reuse one.
    expect(edge(g, '0', '2', 'then')!.lane).not.toBe(edge(g, '0', '2', 'skip')!.lane);
    expect(g.lanes).toBe(2);
  });

  it('a `next` to an unknown step or backwards is flagged broken and drawn as ending', () => {
    expect(flowGraph([step('a', { next: 'zz' })]).broken).toBe(true);
    const back = flowGraph([step('a'), step('b', { next: 'a' })]);
    expect(back.broken).toBe(true);
    expect(edge(back, '1', 'end', 'then')).toBeDefined();
  });

  it('no steps: start straight to end', () => {
    expect(flowGraph([]).edges).toEqual([
      { from: { kind: 'start' }, to: { kind: 'end' }, kind: 'then', span: 1, lane: 0 },
    ]);
  });
});
