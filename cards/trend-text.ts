// The trend as text for chat: one sparkline character per wave (▁ … █), placed on the scale's own range (not
// the data's, so a flat line of 4s reads high and a move of 0.1 does not look like a cliff). A wave whose
// figure is hidden (too few answers, or the wave still open) is '·' — never a guess. Pure functions.

export const SPARK = '▁▂▃▄▅▆▇█';
export const GAP = '·';

/** One character per value: `min` is ▁, `max` is █, null is a gap. Values outside the range are clamped. */
export function sparkline(values: readonly (number | null)[], min: number, max: number): string {
  const steps = SPARK.length - 1;
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return GAP;
      const x = max > min ? (Math.min(max, Math.max(min, v)) - min) / (max - min) : 0;
      return SPARK[Math.round(x * steps)]!;
    })
    .join('');
}

/** The last shown value and the change from the shown value before it (undefined when there are not two). */
export function lastAndChange(values: readonly (number | null)[]): { last?: number; change?: number } {
  const shown = values.filter((v): v is number => v !== null);
  const last = shown.at(-1);
  const before = shown.at(-2);
  return {
    last,
    change: last !== undefined && before !== undefined ? Math.round((last - before) * 100) / 100 : undefined,
  };
}
