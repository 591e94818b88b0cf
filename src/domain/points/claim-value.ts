// The value a point claim says it created, read exactly: one or more quantities, each with its own unit.
// A pure function; what it cannot read for certain is an error that says what it did understand, never a guess.
//
// The rules (property-tested in tests/unit/claim-value.test.ts):
// - A quantity is [sign] [¥ ￥ RMB CNY] number [multiplier] [unit]. A number is digits with an optional
//   decimal part after a dot. Multipliers: 千/k ×1,000, 万/w ×10,000, 亿 ×100,000,000 — applied as a decimal
//   shift, so 1.1万 is exactly 11000.
// - Units: ¥ ￥ RMB CNY before, or 元 块 块钱 RMB CNY yuan after (RMB/CNY followed by a number is that
//   number's prefix) → cny; % ％ percent 百分点 → percent;
//   h hr hrs hour hours 小时 工时 → hours; d day days 天 人天 工作日 → days. A number with no unit takes the
//   default unit (the form's unit select), else `other` (a plain number). A unit typed in the text always wins
//   over the select, so "15%" with the select on ¥ is 15%. Two different units on one number ("¥15%") are an error.
// - Comma rule: a comma (or ，) with a digit right before and right after it is a thousands separator, never a
//   list separator; then the first group has 1–3 digits and every later group exactly 3 ("100,000",
//   "1,000.5"). Any other comma between digits ("1,50", "15,100000", "1.000,5") is ambiguous — an error.
//   A comma followed by anything else (a space, ¥, a letter) separates quantities: "15%, ¥100000" is two.
// - Quantities are separated by , ; 、 & and 和 及 以及 or whitespace. A space between a number without a unit
//   and exactly three more digits ("100 000") is ambiguous (a thousands gap, or two values?) — an error.
// - A number with a superfluous leading zero ("05", "000", from "100, 000") is an error: it is most likely
//   a thousands group cut off by a space.
// - Quantities follow each other only after a separator, except that ¥ may start one right away ("15%¥100");
//   so a range like "15%-20%" is an error rather than two values.
// - Anything else (words, other currencies) is an error quoting what was understood before it.
import { z } from 'zod';

export const QUANTITY_UNITS = ['cny', 'percent', 'hours', 'days', 'other'] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

export const MAX_VALUE_LENGTH = 200;
export const MAX_QUANTITIES = 6;
/** Significant digits a double holds exactly. */
const MAX_DIGITS = 15;

export const quantitySchema = z.object({
  amount: z.number().finite(),
  unit: z.enum(QUANTITY_UNITS),
  /** What the person typed for this quantity, trimmed. */
  text: z.string().min(1).max(MAX_VALUE_LENGTH),
});
export type Quantity = z.infer<typeof quantitySchema>;

export type ValueProblem =
  | { code: 'unreadable'; text: string }
  | { code: 'ambiguous_number'; text: string }
  | { code: 'ambiguous_space'; text: string }
  | { code: 'conflicting_units'; text: string }
  | { code: 'too_many_digits'; text: string }
  | { code: 'too_many'; max: number }
  | { code: 'too_long'; max: number };

export type ClaimValueResult =
  { ok: true; quantities: Quantity[] } | { ok: false; understood: Quantity[]; problem: ValueProblem };

/** Each input character normalised on its own (full-width digits and punctuation → ASCII), remembering where it came from. */
function normalise(raw: string): { s: string; from: number[] } {
  let s = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of raw) {
    const n = ch === '−' ? '-' : ch.normalize('NFKC');
    for (let k = 0; k < n.length; k++) from.push(i);
    s += n;
    i += ch.length;
  }
  from.push(raw.length);
  return { s, from };
}

const SPACE = /\s*/y;
const SIGN = /([-+])\s*/y;
const PREFIX = /(¥|rmb(?![a-z])|cny(?![a-z]))\s*/iy;
// Digits with commas and dots only between digits; its shape is checked afterwards (the comma rule).
const NUMBER_RUN = /\d+(?:[.,]\d+)*/y;
const MULTIPLIER = /\s*(?:(千|万|亿)|(k|w)(?![a-z]))/iy;
const SYMBOL_UNIT = /\s*(%|个百分点|百分点|块钱|元|块|个小时|小时|工时|个工作日|工作日|人天|天)/y;
// RMB/CNY followed by a number is that number's prefix ("¥100 RMB 200" is ¥100 and ¥200), not a suffix.
const WORD_UNIT = /\s*(percent|yuan|hours|hour|hrs|hr|h|days|day|d|(?:rmb|cny)(?![a-z])(?!\s*[-+]?\d))(?![a-z])/iy;
const SEPARATOR = /\s*(?:[,;、&]|and(?![a-z])|以及|和|及)\s*/iy;
const THREE_DIGITS = /\d{3}(?![\d.,])/y;

const EXPONENT: Record<string, number> = { 千: 3, k: 3, 万: 4, w: 4, 亿: 8 };
const UNIT_OF: Record<string, QuantityUnit> = {
  '%': 'percent',
  个百分点: 'percent',
  百分点: 'percent',
  percent: 'percent',
  元: 'cny',
  块: 'cny',
  块钱: 'cny',
  rmb: 'cny',
  cny: 'cny',
  yuan: 'cny',
  '¥': 'cny',
  小时: 'hours',
  个小时: 'hours',
  工时: 'hours',
  h: 'hours',
  hr: 'hours',
  hrs: 'hours',
  hour: 'hours',
  hours: 'hours',
  天: 'days',
  人天: 'days',
  工作日: 'days',
  个工作日: 'days',
  d: 'days',
  day: 'days',
  days: 'days',
};

function match(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

/** "100,000.50" → digits and a decimal point checked against the comma rule, or undefined when ambiguous. */
function readDigits(run: string): { int: string; frac: string } | undefined {
  const [intPart = '', frac = '', ...more] = run.split('.');
  if (more.length || frac.includes(',')) return undefined;
  const groups = intPart.split(',');
  if (groups.length > 1 && (groups[0]!.length > 3 || groups.slice(1).some((g) => g.length !== 3))) return undefined;
  const int = groups.join('');
  if (int.length > 1 && int.startsWith('0')) return undefined;
  return { int, frac };
}

type Read = { ok: true; quantity: Quantity; end: number; endsInDigit: boolean } | { ok: false; problem: ValueProblem };

function readQuantity(
  s: string,
  at: number,
  defaultUnit: QuantityUnit,
  slice: (a: number, b: number) => string,
  stop: (from: number) => number,
): Read {
  let pos = at;
  let sign = '';
  const sign1 = match(SIGN, s, pos);
  if (sign1) {
    sign = sign1[1]!;
    pos = SIGN.lastIndex;
  }
  const prefix = match(PREFIX, s, pos);
  if (prefix) pos = PREFIX.lastIndex;
  if (!sign) {
    const sign2 = match(SIGN, s, pos);
    if (sign2) {
      sign = sign2[1]!;
      pos = SIGN.lastIndex;
    }
  }
  const run = match(NUMBER_RUN, s, pos);
  if (!run) return { ok: false, problem: { code: 'unreadable', text: slice(at, stop(at)) } };
  pos = NUMBER_RUN.lastIndex;
  const digits = readDigits(run[0]);
  if (!digits) return { ok: false, problem: { code: 'ambiguous_number', text: slice(at, pos) } };
  let exponent = 0;
  let endsInDigit = true;
  const mult = match(MULTIPLIER, s, pos);
  if (mult) {
    exponent = EXPONENT[(mult[1] ?? mult[2]!).toLowerCase()]!;
    pos = MULTIPLIER.lastIndex;
    endsInDigit = false;
  }
  const unitMatch = match(SYMBOL_UNIT, s, pos) ?? match(WORD_UNIT, s, pos);
  let unit: QuantityUnit | undefined = prefix ? 'cny' : undefined;
  if (unitMatch) {
    pos = unitMatch.index + unitMatch[0].length;
    endsInDigit = false;
    const suffix = UNIT_OF[unitMatch[1]!.toLowerCase()]!;
    if (unit && suffix !== unit) return { ok: false, problem: { code: 'conflicting_units', text: slice(at, pos) } };
    unit = suffix;
  }
  const significant = (digits.int + digits.frac).replace(/^0+/, '').replace(/0+$/, '');
  if (significant.length > MAX_DIGITS) return { ok: false, problem: { code: 'too_many_digits', text: slice(at, pos) } };
  // Number() reads the decimal string and rounds once, so the multiplier adds no floating-point error.
  const amount = Number(`${sign === '-' ? '-' : ''}${digits.int}.${digits.frac || '0'}e${exponent}`) + 0;
  return { ok: true, quantity: { amount, unit: unit ?? defaultUnit, text: slice(at, pos) }, end: pos, endsInDigit };
}

/** Read a claim's value. Empty text is no quantities. `defaultUnit` is for numbers typed without a unit. */
export function parseClaimValue(raw: string, defaultUnit: QuantityUnit = 'other'): ClaimValueResult {
  if (raw.length > MAX_VALUE_LENGTH)
    return { ok: false, understood: [], problem: { code: 'too_long', max: MAX_VALUE_LENGTH } };
  const { s, from } = normalise(raw);
  const slice = (a: number, b: number) => raw.slice(from[a], from[b]).trim();
  // Where an unreadable stretch ends: at the next separator, so the error quotes one piece, not the whole rest.
  const stop = (a: number) => {
    const m = /[\s,;、&]/g;
    m.lastIndex = a + 1;
    return m.exec(s)?.index ?? s.length;
  };
  const quantities: Quantity[] = [];
  let pos = match(SPACE, s, 0) ? SPACE.lastIndex : 0;
  while (pos < s.length) {
    const r = readQuantity(s, pos, defaultUnit, slice, stop);
    if (!r.ok) return { ok: false, understood: quantities, problem: r.problem };
    if (quantities.length === MAX_QUANTITIES)
      return { ok: false, understood: quantities, problem: { code: 'too_many', max: MAX_QUANTITIES } };
    quantities.push(r.quantity);
    const start = pos;
    pos = r.end;
    const sep = match(SEPARATOR, s, pos);
    const space = match(SPACE, s, pos)![0].length;
    if (sep) pos = SEPARATOR.lastIndex;
    else if (space) {
      pos += space;
      if (r.endsInDigit && match(THREE_DIGITS, s, pos))
        return {
          ok: false,
          understood: quantities.slice(0, -1),
          problem: { code: 'ambiguous_space', text: slice(start, THREE_DIGITS.lastIndex) },
        };
    } else if (pos < s.length && !match(PREFIX, s, pos))
      return { ok: false, understood: quantities, problem: { code: 'unreadable', text: slice(pos, stop(pos)) } };
  }
  return { ok: true, quantities };
}
