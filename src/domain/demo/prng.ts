// A small seeded pseudo-random generator for the demo history (mulberry32): the same seed gives the same
// company every time, so tests can compare two seeds and a screenshot shows the same figures. Never used for
// anything secret — the survey pool, response ids and write order keep their cryptographic randomness.
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Roughly normal noise (sum of three uniforms), mean 0, standard deviation about `sd`. */
  noise(sd: number): number;
}

export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    // The sum of three uniforms on [-1, 1] has variance 1: scale it to the wanted spread.
    noise: (sd) => (next() * 2 - 1 + (next() * 2 - 1) + (next() * 2 - 1)) * sd,
  };
}
