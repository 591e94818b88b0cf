// "Did you mean…?" for unknown commands: the closest known name by edit distance.
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate, if it is close enough to be a plausible typo (or a prefix of one). */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const c of candidates) {
    const d = c.startsWith(input) && input.length >= 2 ? 0.5 : editDistance(input, c);
    if (!best || d < best.d) best = { name: c, d };
  }
  if (!best) return undefined;
  return best.d <= Math.max(1, Math.floor(best.name.length / 3)) ? best.name : undefined;
}
