// When a manager should hold a performance conversation (pure): a dimension that dropped in two consecutive
// cycles. "Dropped" means strictly lower than the person's score on that dimension in the cycle before (of the
// same scheme); a missing score in any of the three cycles breaks the chain. Unlike a course recommendation
// (a single drop by at least the scheme's threshold), any fall counts here, but it must happen twice in a row.

export const TALK_DUE_DAYS = 14;

/**
 * `history`: the person's scores per dimension in their last three cycles of one scheme, oldest first (the
 * cycle closing now last). Returns the dimensions that fell twice, with the three scores.
 */
export function repeatedDrops(
  history: readonly Readonly<Record<string, number>>[],
): { dimension: string; scores: [number, number, number] }[] {
  if (history.length < 3) return [];
  const [a, b, c] = history.slice(-3) as [Record<string, number>, Record<string, number>, Record<string, number>];
  return Object.keys(c)
    .sort()
    .flatMap((dimension) => {
      const x = a[dimension];
      const y = b[dimension];
      const z = c[dimension];
      return x !== undefined && y !== undefined && z !== undefined && y < x && z < y
        ? [{ dimension, scores: [x, y, z] as [number, number, number] }]
        : [];
    });
}
