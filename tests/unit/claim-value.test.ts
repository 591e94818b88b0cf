// A claim's value is read exactly: quantities with their own units, thousands separators by one rule, and
// anything ambiguous an error that says what was understood. Properties run with a fixed seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payloadSchema } from '../../src/domain/approvals/requests.js';
import { parseClaimValue, type Quantity, type QuantityUnit } from '../../src/domain/points/claim-value.js';
import { claimValueError, formatQuantities, quantitiesAsInput } from '../../src/domain/points/claim-value-text.js';

const FC = { seed: 20240616, numRuns: 400 };
const read = (text: string, unit?: QuantityUnit) => {
  const r = parseClaimValue(text, unit);
  return r.ok ? r.quantities.map((q) => [q.amount, q.unit]) : r.problem.code;
};

describe('reading a value', () => {
  it("reads the issue's value as two quantities, never glued into 15,100,000", () => {
    const r = parseClaimValue('15%, ¥100000', 'cny');
    expect(r).toEqual({
      ok: true,
      quantities: [
        { amount: 15, unit: 'percent', text: '15%' },
        { amount: 100000, unit: 'cny', text: '¥100000' },
      ],
    });
    expect(read('15%，¥100000')).toEqual([
      [15, 'percent'],
      [100000, 'cny'],
    ]);
    expect(read('15%; ¥100,000')).toEqual([
      [15, 'percent'],
      [100000, 'cny'],
    ]);
    expect(read('15% 和 10万元')).toEqual([
      [15, 'percent'],
      [100000, 'cny'],
    ]);
    expect(read('15%¥100000')).toEqual([
      [15, 'percent'],
      [100000, 'cny'],
    ]);
  });

  it('reads thousands separators, decimals, multipliers and units exactly', () => {
    expect(read('100,000')).toEqual([[100000, 'other']]);
    expect(read('100，000', 'cny')).toEqual([[100000, 'cny']]);
    expect(read('1,234,567.89元')).toEqual([[1234567.89, 'cny']]);
    expect(read('1.1万')).toEqual([[11000, 'other']]);
    expect(read('¥1.5w')).toEqual([[15000, 'cny']]);
    expect(read('12.5k RMB')).toEqual([[12500, 'cny']]);
    expect(read('2.5 hours、3天、4 days')).toEqual([
      [2.5, 'hours'],
      [3, 'days'],
      [4, 'days'],
    ]);
    expect(read('１５％、￥１００，０００')).toEqual([
      [15, 'percent'],
      [100000, 'cny'],
    ]);
    expect(read('-15%')).toEqual([[-15, 'percent']]);
    expect(read('0.1 and 0.2')).toEqual([
      [0.1, 'other'],
      [0.2, 'other'],
    ]);
    expect(read('   ')).toEqual([]);
  });

  it("keeps what was typed: a unit in the text wins over the form's unit select, which only covers plain numbers", () => {
    expect(read('15%', 'cny')).toEqual([[15, 'percent']]);
    expect(read('¥100000', 'percent')).toEqual([[100000, 'cny']]);
    expect(read('15', 'percent')).toEqual([[15, 'percent']]);
    expect(read('15, ¥200', 'hours')).toEqual([
      [15, 'hours'],
      [200, 'cny'],
    ]);
  });

  it('refuses what it cannot read for certain, quoting it', () => {
    expect(parseClaimValue('1,50')).toMatchObject({
      ok: false,
      understood: [],
      problem: { code: 'ambiguous_number', text: '1,50' },
    });
    expect(parseClaimValue('15,100000')).toMatchObject({
      ok: false,
      problem: { code: 'ambiguous_number', text: '15,100000' },
    });
    expect(parseClaimValue('1.000,5')).toMatchObject({ ok: false, problem: { code: 'ambiguous_number' } });
    expect(parseClaimValue('¥100 000')).toMatchObject({
      ok: false,
      understood: [],
      problem: { code: 'ambiguous_space', text: '¥100 000' },
    });
    expect(parseClaimValue('¥15%')).toMatchObject({ ok: false, problem: { code: 'conflicting_units', text: '¥15%' } });
    expect(parseClaimValue('15%-20%')).toMatchObject({
      ok: false,
      understood: [{ amount: 15, unit: 'percent' }],
      problem: { code: 'unreadable', text: '-20%' },
    });
    expect(parseClaimValue('15%, ¥100000, abc')).toMatchObject({
      ok: false,
      understood: [{ amount: 15 }, { amount: 100000 }],
      problem: { code: 'unreadable', text: 'abc' },
    });
    expect(parseClaimValue('saved 2 days of work')).toMatchObject({
      ok: false,
      understood: [],
      problem: { code: 'unreadable', text: 'saved' },
    });
    expect(parseClaimValue('5 kg')).toMatchObject({ ok: false, problem: { code: 'unreadable', text: 'kg' } });
    expect(parseClaimValue('$100')).toMatchObject({ ok: false, problem: { code: 'unreadable', text: '$100' } });
    expect(parseClaimValue('1234567890123456')).toMatchObject({ ok: false, problem: { code: 'too_many_digits' } });
    expect(parseClaimValue('1% 2% 3% 4% 5% 6% 7%')).toMatchObject({ ok: false, problem: { code: 'too_many', max: 6 } });
    expect(parseClaimValue('1'.repeat(201))).toMatchObject({ ok: false, problem: { code: 'too_long', max: 200 } });
  });

  it("says what it understood, in the reader's language", () => {
    const r = parseClaimValue('15%, ¥100000, abc');
    if (r.ok) throw new Error('expected an error');
    expect(claimValueError(r, 'en')).toBe(
      'Understood: 15% and ¥100,000. Could not read “abc”. Write each value with its unit, e.g. 15%, ¥100,000 or 2.5 hours, separated by commas.',
    );
    expect(claimValueError(r, 'zh-CN')).toBe(
      '已识别：15%和¥100,000。无法识别“abc”。每个数值请带上单位，例如 15%、¥100,000 或 2.5 小时，多个数值用逗号分开。',
    );
  });

  it('shows quantities per locale in the order entered, and writes them back as text it reads again', () => {
    const qs: Quantity[] = [
      { amount: 100000, unit: 'cny', text: '10万元' },
      { amount: 15, unit: 'percent', text: '15%' },
      { amount: 2.5, unit: 'hours', text: '2.5h' },
      { amount: 12345.6789, unit: 'other', text: '12345.6789' },
    ];
    expect(formatQuantities(qs, 'en')).toBe('¥100,000 · 15% · 2.5 hours · 12,345.6789');
    expect(formatQuantities(qs, 'zh-CN')).toBe('¥100,000 · 15% · 2.5 小时 · 12,345.6789');
    expect(formatQuantities([], 'en')).toBe('—');
    for (const locale of ['en', 'zh-CN'] as const) {
      const again = parseClaimValue(quantitiesAsInput(qs, locale), 'other');
      expect(again.ok && again.quantities.map((q) => [q.amount, q.unit])).toEqual(qs.map((q) => [q.amount, q.unit]));
    }
  });

  it('still loads a claim stored before quantities (one amount, one unit)', () => {
    const old = { kind: 'point_claim', tagId: 5, description: 'Saved money', amount: 30000, unit: 'cny', points: 100 };
    expect(payloadSchema.parse(old)).toEqual({
      kind: 'point_claim',
      tagId: 5,
      description: 'Saved money',
      points: 100,
      quantities: [{ amount: 30000, unit: 'cny', text: '30000' }],
    });
    expect(
      payloadSchema.parse({ kind: 'point_claim', tagId: 5, description: 'x', unit: 'other', points: 100 }),
    ).toMatchObject({ quantities: [] });
  });
});

// ---- properties ----

const UNIT_STYLES: Record<Exclude<QuantityUnit, 'other'>, { prefix?: string; suffix?: string }[]> = {
  cny: [
    { prefix: '¥' },
    { prefix: '￥' },
    { prefix: 'RMB ' },
    { suffix: '元' },
    { suffix: ' 元' },
    { suffix: ' yuan' },
  ],
  percent: [{ suffix: '%' }, { suffix: '％' }, { suffix: ' %' }],
  hours: [{ suffix: 'h' }, { suffix: ' hours' }, { suffix: '小时' }, { suffix: ' 小时' }],
  days: [{ suffix: '天' }, { suffix: ' days' }, { suffix: 'd' }],
};
const MULTIPLIERS = [
  ['', 0],
  ['k', 3],
  ['万', 4],
  ['w', 4],
] as const;

const group = (digits: string, sep: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);

/** One quantity as someone might type it, with the exact amount it means. */
const typedQuantity = fc
  .record({
    int: fc.bigInt({ min: 0n, max: 999_999_999n }),
    frac: fc.stringMatching(/^\d{0,2}$/),
    grouping: fc.constantFrom('', ',', '，'),
    mult: fc.constantFrom(...MULTIPLIERS),
    unit: fc.constantFrom('cny', 'percent', 'hours', 'days') as fc.Arbitrary<Exclude<QuantityUnit, 'other'>>,
    style: fc.nat(),
  })
  .map(({ int, frac, grouping, mult, unit, style }) => {
    const s = UNIT_STYLES[unit][style % UNIT_STYLES[unit].length]!;
    const [m, exp] = mult;
    // A latin multiplier runs into a latin unit ("5kh"); people put a space there, and so do we.
    const suffix = s.suffix && m && /^[a-z]/i.test(m) && /^[a-z]/i.test(s.suffix) ? ` ${s.suffix}` : (s.suffix ?? '');
    const text = `${s.prefix ?? ''}${group(String(int), grouping)}${frac ? `.${frac}` : ''}${m}${suffix}`;
    return { text, amount: Number(`${int}.${frac || '0'}e${exp}`), unit };
  });

const SEPARATORS = [', ', '，', '; ', '、', ' and ', ' 和 ', ' & ', ' ', ','];

describe('properties', () => {
  it('any list of typed quantities, with any separators, reads back exactly, in order', () => {
    fc.assert(
      fc.property(
        fc.array(typedQuantity, { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom(...SEPARATORS), { minLength: 6, maxLength: 6 }),
        (qs, seps) => {
          let text = qs[0]!.text;
          for (let i = 1; i < qs.length; i++) {
            let sep = seps[i]!;
            // The documented exceptions: a bare comma or a space between two digits is a number's business
            // (a thousands group, or the ambiguous "100 000"), so such a list needs ", ".
            if ((sep === ',' || sep === '，' || sep === ' ') && /\d$/.test(text) && /^\d/.test(qs[i]!.text)) sep = ', ';
            text += sep + qs[i]!.text;
          }
          const r = parseClaimValue(text, 'other');
          expect(r).toEqual({
            ok: true,
            quantities: qs.map((q) => ({ amount: q.amount, unit: q.unit, text: q.text.trim() })),
          });
        },
      ),
      FC,
    );
  });

  it('a percentage then an amount of yuan are two quantities — never one glued number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom(', ', '，', ',', ' ', '; ', '、'),
        (pct, cny, sep) => {
          expect(read(`${pct}%${sep}¥${cny}`, 'cny')).toEqual([
            [pct, 'percent'],
            [cny, 'cny'],
          ]);
        },
      ),
      FC,
    );
  });

  it('the comma rule: a comma between digits is a thousands separator when exactly three digits follow, otherwise an error — never a guess', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.stringMatching(/^\d{1,7}$/),
        fc.constantFrom(',', '，'),
        (head, tail, comma) => {
          const r = parseClaimValue(`${head}${comma}${tail}`);
          if (tail.length === 3)
            expect(r).toMatchObject({ ok: true, quantities: [{ amount: head * 1000 + Number(tail) }] });
          else expect(r).toMatchObject({ ok: false, understood: [], problem: { code: 'ambiguous_number' } });
        },
      ),
      FC,
    );
  });

  it('any number written with thousands separators reads as that one number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(',', '，'), (n, comma) => {
        const digits = String(n);
        if (digits.replace(/^0+|0+$/g, '').length > 15) return;
        expect(read(group(digits, comma))).toEqual([[n, 'other']]);
      }),
      FC,
    );
  });

  it('never throws; what it reports understanding was typed, in order', () => {
    const chars = fc.constantFrom(...'0123456789,，.;、 %¥元万kwhd天和and-abc$'.split(''));
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 40 }).map((a) => a.join('')),
        (text) => {
          const r = parseClaimValue(text, 'cny');
          const qs = r.ok ? r.quantities : r.understood;
          let at = 0;
          for (const q of qs) {
            const found = text.indexOf(q.text, at);
            expect(found).toBeGreaterThanOrEqual(at);
            at = found + q.text.length;
            expect(Number.isFinite(q.amount)).toBe(true);
          }
        },
      ),
      FC,
    );
  });
});
