// How alike two claim texts are, in Chinese and in English alike: the Jaccard index of their features after
// normalising (NFKC, lower case, punctuation and spacing dropped). Han text has no spaces, and its words are
// mostly two characters, so each run of Han characters gives its character bigrams; other words (Latin
// letters, digits) give their character trigrams with word boundaries, so "contract" and "contracts" stay
// close while common letter pairs of unrelated English sentences do not count. Pure; no dictionary.

const HAN = /\p{Script=Han}/u;

/** The feature set of a text: Han bigrams (a lone character as itself) and bounded trigrams of other words. */
export function textFeatures(text: string): Set<string> {
  const out = new Set<string>();
  const normal = text.normalize('NFKC').toLowerCase();
  // Runs of Han characters, and runs of other letters and digits; everything else separates.
  for (const run of normal.match(/\p{Script=Han}+|[\p{L}\p{N}]+/gu) ?? []) {
    if (HAN.test(run)) {
      const chars = [...run];
      if (chars.length === 1) out.add(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    } else {
      const w = [...`#${run}#`];
      for (let i = 0; i + 2 < w.length; i++) out.add(w[i]! + w[i + 1]! + w[i + 2]!);
    }
  }
  return out;
}

/** 0 (nothing shared) … 1 (the same after normalising). Two empty texts are not alike: 0. */
export function similarity(a: string, b: string): number {
  const fa = textFeatures(a);
  const fb = textFeatures(b);
  if (!fa.size || !fb.size) return 0;
  let shared = 0;
  for (const f of fa) if (fb.has(f)) shared++;
  return shared / (fa.size + fb.size - shared);
}

/** At or above this, two claims of the same tag are flagged as near duplicates (tuned on tests/unit cases). */
export const SIMILAR_AT = 0.5;
