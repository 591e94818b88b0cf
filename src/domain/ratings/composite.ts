// The composite score and the signals derived from scores — pure functions.
import { SCALE_MAX, SCALE_MIN, type Dimension } from './scheme.js';

export interface CompositeResult {
  /** Weighted mean of the dimensions that have a score; null when none has. */
  value: number | null;
  /** Dimensions without a score: their weight was left out and the rest renormalised to 100%. */
  missing: string[];
  renormalised: boolean;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function composite(
  dimensions: readonly Pick<Dimension, 'key' | 'weight'>[],
  scores: Readonly<Record<string, number | undefined>>,
): CompositeResult {
  let weighted = 0;
  let weights = 0;
  const missing: string[] = [];
  for (const d of dimensions) {
    const s = scores[d.key];
    if (s === undefined || Number.isNaN(s)) {
      missing.push(d.key);
      continue;
    }
    weighted += d.weight * s;
    weights += d.weight;
  }
  return {
    value: weights === 0 ? null : round2(weighted / weights),
    missing,
    renormalised: missing.length > 0 && weights > 0,
  };
}

/** Map a raw indicator onto the 1–5 scale, clamped; "lower is better" indicators are flipped. */
export function normaliseIndicator(raw: number, ind: { min: number; max: number; higherIsBetter: boolean }): number {
  const clamped = Math.min(ind.max, Math.max(ind.min, raw));
  const share = (clamped - ind.min) / (ind.max - ind.min);
  return round2(SCALE_MIN + (SCALE_MAX - SCALE_MIN) * (ind.higherIsBetter ? share : 1 - share));
}

export type Concern = { dimension: string; reason: 'low' | 'drop'; score: number; previous?: number };

/** Dimensions that call for help: below the threshold, or dropped by at least the set amount. */
export function concerns(
  scores: Readonly<Record<string, number>>,
  previous: Readonly<Record<string, number>> | undefined,
  t: { low: number; drop: number },
): Concern[] {
  const out: Concern[] = [];
  for (const [dimension, score] of Object.entries(scores)) {
    const before = previous?.[dimension];
    if (score < t.low) out.push({ dimension, reason: 'low', score, previous: before });
    else if (before !== undefined && before - score >= t.drop)
      out.push({ dimension, reason: 'drop', score, previous: before });
  }
  return out;
}

/** Someone to recognise: attitude or expression rose across the last cycles and neither fell. */
export function rising(
  history: readonly Readonly<Record<string, number>>[],
  dims: readonly string[] = ['attitude', 'expression'],
): { dimension: string; from: number; to: number }[] {
  if (history.length < 2) return [];
  const [before, after] = [history.at(-2)!, history.at(-1)!];
  const changes = dims
    .filter((d) => before[d] !== undefined && after[d] !== undefined)
    .map((d) => ({ dimension: d, from: before[d]!, to: after[d]! }));
  if (changes.length === 0 || changes.some((c) => c.to < c.from)) return [];
  return changes.filter((c) => c.to > c.from);
}
