// The short weekly format (Officevibe-style): instead of the whole template every time, each wave of a
// schedule asks 3–5 of its items, rotating so that every item is asked exactly once per cycle of
// ceil(items / size) waves — with the default template (10 items) and 3 a wave, every dimension comes round
// within four weekly waves. Pure: which items a wave asks depends only on the template, the size and how many
// waves the schedule has launched before. Anonymity is unchanged: a short wave is a wave, reported by the
// same thresholds.
import type { SurveyItem, SurveyTemplate } from './templates.js';

export const SHORT_SIZE_MIN = 3;
export const SHORT_SIZE_MAX = 5;

export function isShortSize(n: number): boolean {
  return Number.isInteger(n) && n >= SHORT_SIZE_MIN && n <= SHORT_SIZE_MAX;
}

/** How many waves it takes to ask every item once. */
export function shortCycleLength(itemCount: number, size: number): number {
  return Math.max(1, Math.ceil(itemCount / size));
}

/**
 * The items round `round` (0 for a schedule's first wave) asks, in template order. The template's items are
 * first dealt one dimension after another (the first item of each dimension, then the second of each, …; items
 * without a dimension, such as eNPS, are a group of their own), then cut into `cycle` consecutive slices whose
 * sizes differ by at most one, so each wave mixes dimensions and none asks more than `size`.
 */
export function shortRoundItems(items: readonly SurveyItem[], size: number, round: number): number[] {
  const groups = new Map<number | null, SurveyItem[]>();
  for (const item of items) {
    const g = groups.get(item.dimensionId) ?? [];
    g.push(item);
    groups.set(item.dimensionId, g);
  }
  const dealt: SurveyItem[] = [];
  for (let i = 0; dealt.length < items.length; i++)
    for (const g of groups.values()) if (i < g.length) dealt.push(g[i]!);

  const cycle = shortCycleLength(items.length, size);
  const slice = ((round % cycle) + cycle) % cycle;
  const base = Math.floor(items.length / cycle);
  const extra = items.length % cycle;
  const start = slice * base + Math.min(slice, extra);
  const chosen = new Set(dealt.slice(start, start + base + (slice < extra ? 1 : 0)).map((i) => i.id));
  return items.filter((i) => chosen.has(i.id)).map((i) => i.id);
}

/** The template as one wave asks it: only its items, and the dimensions they belong to, when the wave is a
 *  short one (itemIds null: all). */
export function narrowTemplate(template: SurveyTemplate, itemIds: readonly number[] | null): SurveyTemplate {
  if (itemIds === null) return template;
  const asked = new Set(itemIds);
  const items = template.items.filter((i) => asked.has(i.id));
  const dims = new Set(items.map((i) => i.dimensionId));
  return { ...template, items, dimensions: template.dimensions.filter((d) => dims.has(d.id)) };
}
