// The pulse heatmap at any level of a wave's tree and by unit kind (HQ departments vs stores). Pure functions
// over the wave's own tree and its publication: a row's figures are shown only when its unit is published,
// and a kind's summary is computed over the shown rows of that kind only — a union of published, disjoint
// subtrees, so it holds nothing that the shown rows (with their response counts) do not already give away.
// Nothing here can be subtracted from anything else to isolate a group the publication hides.
import type { UnitNode } from '../org/units.js';
import { subtreeIds } from '../org/units.js';
import type { Publication } from './publication.js';
import { figuresFor, type ClosedWaveData } from './results.js';
import type { SurveyTemplate } from './templates.js';

/** What a unit is for the heatmap: a grouping node whose teams are all stores is on the stores' side. */
export type HeatmapKind = 'department' | 'store' | 'mixed';
export const HEATMAP_KINDS: readonly HeatmapKind[] = ['department', 'store', 'mixed'];

type Node = Pick<UnitNode, 'id' | 'parentId' | 'kind'>;

function childrenOf(tree: readonly Node[]): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (const n of tree) if (n.parentId !== null) m.set(n.parentId, [...(m.get(n.parentId) ?? []), n.id]);
  return m;
}

/** Depth of every unit below `rootId` (the root is 0). */
export function depthsBelow(tree: readonly Node[], rootId: number): Map<number, number> {
  const children = childrenOf(tree);
  const out = new Map<number, number>([[rootId, 0]]);
  const queue = [rootId];
  while (queue.length) {
    const id = queue.shift()!;
    for (const c of children.get(id) ?? [])
      if (!out.has(c)) {
        out.set(c, out.get(id)! + 1);
        queue.push(c);
      }
  }
  return out;
}

/** How many levels the heatmap can go down from `rootId` (0 when the unit has nothing below it). */
export function levelsBelow(tree: readonly Node[], rootId: number): number {
  return Math.max(0, ...depthsBelow(tree, rootId).values());
}

/**
 * The rows of the heatmap `depth` levels below `rootId`: every unit at that depth, and every team with nothing
 * below it that ends higher up — so each team of the subtree is in exactly one row at any depth, and the
 * deepest level lists every team. Ordered as the tree is (parents before children, siblings by id).
 */
export function levelRows(tree: readonly Node[], rootId: number, depth: number): number[] {
  const depths = depthsBelow(tree, rootId);
  const children = childrenOf(tree);
  const out: number[] = [];
  const walk = (id: number) => {
    const d = depths.get(id)!;
    const kids = [...(children.get(id) ?? [])].sort((a, b) => a - b);
    if (d === depth || (d > 0 && d < depth && kids.length === 0)) {
      out.push(id);
      return;
    }
    for (const k of kids) walk(k);
  };
  if (depth >= 1) walk(rootId);
  return out;
}

/** A team's own kind; a grouping node's kind when all the teams below it share one, 'mixed' otherwise. */
export function kindOf(tree: readonly Node[], unitId: number): HeatmapKind {
  const children = childrenOf(tree);
  const byId = new Map(tree.map((n) => [n.id, n]));
  const leaves = [...subtreeIds(tree, unitId)].filter((id) => !(children.get(id)?.length ?? 0));
  const kinds = new Set(leaves.map((id) => byId.get(id)!.kind));
  if (kinds.size === 1) {
    const only = [...kinds][0];
    if (only === 'store' || only === 'department') return only;
  }
  return 'mixed';
}

export interface HeatmapRow {
  unit: UnitNode;
  kind: HeatmapKind;
  visible: boolean;
  /** Shown only with the figures (a published unit's response count, as its own report shows it). */
  responses?: number;
  dims: Record<string, number>;
}

export interface KindSummary {
  kind: HeatmapKind;
  /** Rows of this kind at this level, and how many of them are shown. */
  units: number;
  shownUnits: number;
  /** Over the shown rows only; undefined when none is shown. */
  responses?: number;
  dims: Record<string, number>;
}

export interface Heatmap {
  depth: number;
  levels: number;
  kind?: HeatmapKind;
  rows: HeatmapRow[];
  kinds: KindSummary[];
}

/** The depth asked for, kept within 1..levels (a unit with nothing below it has no rows at any depth). */
export function clampDepth(depth: number | undefined, levels: number): number {
  if (depth === undefined || !Number.isInteger(depth) || depth < 1) return 1;
  return Math.min(depth, Math.max(levels, 1));
}

function dimsOf(template: SurveyTemplate, data: ClosedWaveData, scope: ReadonlySet<number>) {
  const f = figuresFor(template, data, scope);
  return { responses: f.responses, dims: Object.fromEntries(f.dimensions.map((d) => [d.key, d.avg])) };
}

/**
 * The heatmap of a closed wave below `rootId`: the rows at `depth` (only `kind`'s when given), each shown when
 * its unit is published, and a summary per kind over the shown rows. `data` undefined (an open wave): every
 * row hidden, no summary figures.
 */
export function buildHeatmap(
  template: SurveyTemplate,
  tree: readonly UnitNode[],
  publication: Publication | undefined,
  data: ClosedWaveData | undefined,
  rootId: number,
  opts: { depth?: number; kind?: HeatmapKind } = {},
): Heatmap {
  const levels = levelsBelow(tree, rootId);
  const depth = clampDepth(opts.depth, levels);
  const byId = new Map(tree.map((u) => [u.id, u]));
  const all: HeatmapRow[] = levelRows(tree, rootId, depth).map((id) => {
    const unit = byId.get(id)!;
    const kind = kindOf(tree, id);
    if (!publication?.units.has(id) || !data) return { unit, kind, visible: false, dims: {} };
    return { unit, kind, visible: true, ...dimsOf(template, data, subtreeIds(tree, id)) };
  });
  const kinds: KindSummary[] = [];
  for (const kind of HEATMAP_KINDS) {
    const of = all.filter((r) => r.kind === kind);
    if (of.length === 0) continue;
    const shown = of.filter((r) => r.visible);
    const summary: KindSummary = { kind, units: of.length, shownUnits: shown.length, dims: {} };
    if (shown.length && data) {
      // Shown rows are disjoint published subtrees: their union is nothing the rows do not already show.
      const scope = new Set(shown.flatMap((r) => [...subtreeIds(tree, r.unit.id)]));
      Object.assign(summary, dimsOf(template, data, scope));
    }
    kinds.push(summary);
  }
  return {
    depth,
    levels,
    kind: opts.kind,
    rows: opts.kind ? all.filter((r) => r.kind === opts.kind) : all,
    kinds,
  };
}
