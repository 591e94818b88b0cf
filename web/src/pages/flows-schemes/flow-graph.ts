// The flow as a graph, for the editor's diagram: which step follows which, which steps a condition can skip,
// which a `next` jump leaves out for good. Pure (the page draws it): the same walk the server makes
// (src/domain/approvals/flow-schema.ts — a step runs only when its condition holds, then its `next` or the
// one below), over the editor's live form so the picture changes as HR types.

export interface GraphStep {
  id: string;
  /** Whether the step runs only when a condition holds (otherwise the request moves past it). */
  conditional: boolean;
  /** The id of the step after this one; empty for the one below it in the list. */
  next: string;
  /** The steps condition branches go to, in order (an empty id: a branch not finished yet, left out). */
  branches?: readonly string[];
}

/** A position in the column: the start, a step by its index, or the end (approved). */
export type NodeRef = { kind: 'start' } | { kind: 'step'; index: number } | { kind: 'end' };

export interface GraphEdge {
  from: NodeRef;
  to: NodeRef;
  /**
   * then: the request goes on to `to` after `from` approves (or from the start).
   * skip: `from` is conditional; when its condition does not hold the request goes straight to `to`.
   * branch: one of `from`'s condition branches, taken after it approves when its condition holds.
   */
  kind: 'then' | 'skip' | 'branch';
  /** Rows the edge spans (1 = the next row down, negative = upwards: never, flows do not loop). */
  span: number;
  /** The side lane the edge is drawn in when it does not go straight to the row below; 0 = straight. */
  lane: number;
}

export interface FlowGraph {
  edges: GraphEdge[];
  /** Indexes of steps no request can reach (a `next` above jumps past them). */
  unreachable: number[];
  /** How many side lanes the drawing needs. */
  lanes: number;
  /** A `next` that names no step, or a cycle: the server refuses such a flow; the picture stops there. */
  broken: boolean;
}

/** The row of a node: the start is row 0, step i row i + 1, the end the last row. */
export function rowOf(ref: NodeRef, steps: number): number {
  return ref.kind === 'start' ? 0 : ref.kind === 'step' ? ref.index + 1 : steps + 1;
}

export function flowGraph(steps: readonly GraphStep[]): FlowGraph {
  const n = steps.length;
  let broken = false;
  const target = (i: number, id: string): NodeRef => {
    if (id === '') return i + 1 < n ? { kind: 'step', index: i + 1 } : { kind: 'end' };
    const j = steps.findIndex((x) => x.id === id);
    if (j < 0 || j <= i) {
      // An unknown target or a jump back (a loop): drawn as ending, and flagged.
      broken = true;
      return { kind: 'end' };
    }
    return { kind: 'step', index: j };
  };
  const successor = (i: number) => target(i, steps[i]!.next);
  const raw: Omit<GraphEdge, 'span' | 'lane'>[] = [];
  const reached = new Set<number>();
  // Walk from the start: each reachable step leads on; a conditional one can also be passed over.
  const entry: NodeRef = n > 0 ? { kind: 'step', index: 0 } : { kind: 'end' };
  raw.push({ from: { kind: 'start' }, to: entry, kind: 'then' });
  const queue: number[] = n > 0 ? [0] : [];
  while (queue.length > 0) {
    const i = queue.shift()!;
    if (reached.has(i)) continue;
    reached.add(i);
    const to = successor(i);
    raw.push({ from: { kind: 'step', index: i }, to, kind: 'then' });
    if (steps[i]!.conditional) raw.push({ from: { kind: 'step', index: i }, to, kind: 'skip' });
    if (to.kind === 'step') queue.push(to.index);
    for (const id of steps[i]!.branches ?? []) {
      if (id === '') continue;
      const b = target(i, id);
      raw.push({ from: { kind: 'step', index: i }, to: b, kind: 'branch' });
      if (b.kind === 'step') queue.push(b.index);
    }
  }
  const edges = assignLanes(
    raw.map((e) => ({ ...e, span: rowOf(e.to, n) - rowOf(e.from, n), lane: 0 })),
    n,
  );
  const unreachable = steps.map((_, i) => i).filter((i) => !reached.has(i));
  return { edges, unreachable, lanes: Math.max(0, ...edges.map((e) => e.lane)), broken };
}

/**
 * Straight down to the next row needs no lane. Every longer edge, every skip (drawn beside the step it passes)
 * and every branch gets the first lane free over its rows — interval colouring, shortest edges innermost.
 */
function assignLanes(edges: GraphEdge[], n: number): GraphEdge[] {
  const taken: [number, number][][] = [];
  const order = edges
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.kind !== 'then' || e.span > 1)
    .sort((a, b) => a.e.span - b.e.span || rowOf(a.e.from, n) - rowOf(b.e.from, n));
  const out = [...edges];
  for (const { e, i } of order) {
    const top = rowOf(e.from, n);
    const bottom = rowOf(e.to, n);
    let lane = 1;
    while ((taken[lane] ?? []).some(([a, b]) => top < b && a < bottom)) lane++;
    (taken[lane] ??= []).push([top, bottom]);
    out[i] = { ...e, lane };
  }
  return out;
}
