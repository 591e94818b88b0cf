// Rating schemes as validated data: dimensions with weights summing to 100%, each rated on a 1–5 scale
// by a rater rule, or a numeric indicator imported from another system and normalised to 1–5.
import { z } from 'zod';

export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

const name = z.object({ 'zh-CN': z.string().trim().min(1).max(40), en: z.string().trim().min(1).max(60) });

export const raterRuleSchema = z.discriminatedUnion('type', [
  /** The person's direct manager. */
  z.object({ type: z.literal('manager') }),
  /** The head of the unit the person works in (e.g. the store manager for store staff). */
  z.object({ type: z.literal('unitHead') }),
  /** A named person, e.g. HQ's head of a function rating that function's indicator across stores. */
  z.object({ type: z.literal('person'), email: z.string().email() }),
  /** Imported from another system as CSV (email, dimension, value). */
  z.object({ type: z.literal('import') }),
]);
export type RaterRule = z.infer<typeof raterRuleSchema>;

export const dimensionSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'lower-case letters, digits and _'),
    name,
    weight: z.number().int().min(1).max(100),
    kind: z.enum(['scale', 'indicator']).default('scale'),
    rater: raterRuleSchema,
    /** For indicators: the raw range mapped onto 1–5, and which end is good (a complaint rate: lower). */
    indicator: z.object({ min: z.number(), max: z.number(), higherIsBetter: z.boolean() }).optional(),
  })
  .refine((d) => (d.kind === 'indicator') === (d.rater.type === 'import'), { message: 'indicator_rater' }) // messages are catalogue codes (issue.<code>, src/i18n/issues.ts)
  .refine((d) => d.kind === 'scale' || (d.indicator !== undefined && d.indicator.max > d.indicator.min), {
    message: 'indicator_range',
  });

export const schemeSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
    name,
    dimensions: z.array(dimensionSchema).min(1).max(8),
    /** A dimension scoring below this gets a training recommendation. */
    lowThreshold: z.number().min(SCALE_MIN).max(SCALE_MAX).default(2.5),
    /** …as does one that dropped by at least this much since the last cycle. */
    dropThreshold: z.number().positive().max(4).default(1),
  })
  .refine((s) => s.dimensions.reduce((sum, d) => sum + d.weight, 0) === 100, {
    message: 'weights_sum',
    path: ['dimensions'],
  })
  .refine((s) => new Set(s.dimensions.map((d) => d.key)).size === s.dimensions.length, {
    message: 'unique_keys',
    path: ['dimensions'],
  });

export type SchemeDefinition = z.infer<typeof schemeSchema>;
export type Dimension = SchemeDefinition['dimensions'][number];

export const DEFAULT_SCHEMES: z.input<typeof schemeSchema>[] = [
  {
    key: 'team',
    name: { 'zh-CN': '团队状态评价', en: 'Team rating' },
    dimensions: [
      { key: 'attitude', name: { 'zh-CN': '工作态度', en: 'Work attitude' }, weight: 34, rater: { type: 'manager' } },
      {
        key: 'collaboration',
        name: { 'zh-CN': '团队协作', en: 'Team collaboration' },
        weight: 33,
        rater: { type: 'manager' },
      },
      {
        key: 'expression',
        name: { 'zh-CN': '情绪表达', en: 'Emotional expression' },
        weight: 33,
        rater: { type: 'manager' },
      },
    ],
  },
  {
    // A store scheme: the store rates dish quality, complaints come from the ticketing system, and HQ's
    // head of operations rates new-product contribution.
    key: 'store',
    name: { 'zh-CN': '门店综合评价', en: 'Store rating' },
    dimensions: [
      {
        key: 'dish_quality',
        name: { 'zh-CN': '出品质量', en: 'Dish quality' },
        weight: 50,
        rater: { type: 'unitHead' },
      },
      {
        key: 'complaints',
        name: { 'zh-CN': '客诉率', en: 'Complaint rate' },
        weight: 20,
        kind: 'indicator',
        rater: { type: 'import' },
        indicator: { min: 0, max: 10, higherIsBetter: false },
      },
      {
        key: 'new_product',
        name: { 'zh-CN': '新品贡献', en: 'New-product contribution' },
        weight: 30,
        rater: { type: 'person', email: 'sun.li@qingyun.example' },
      },
    ],
  },
];
