// HR's rating pages: cycles (open, one cycle's page, close, indicator import), the course catalogue, the
// rating schemes, and the ratings trend that managers see too (see endpoint.ts).
import { z } from 'zod';
import { courseSchema } from '../domain/ratings/courses.js';
import { schemeSchema } from '../domain/ratings/scheme.js';
import { apiErrorSchema, type Endpoints } from './endpoint.js';
import { created, idParams, lineProblem } from './parts.js';

/** How far one dimension of a cycle is filled. */
const coverage = z.strictObject({
  key: z.string(),
  name: z.string(),
  filled: z.number(),
  of: z.number(),
  noRater: z.number(),
});

/** A confirmation carries the fingerprint of the summary the person saw. */
const closeBody = z.object({
  confirm: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional(),
});

const trend = z.strictObject({
  unitId: z.number(),
  unit: z.string(),
  scheme: z.string(),
  schemeName: z.string(),
  schemes: z.array(z.strictObject({ key: z.string(), name: z.string() })),
  points: z.array(
    z.strictObject({ cycleId: z.number(), closedAt: z.string(), people: z.number(), composite: z.number().nullable() }),
  ),
  dimensions: z.array(z.strictObject({ key: z.string(), name: z.string(), values: z.array(z.number().nullable()) })),
});

export const hrRatingEndpoints = {
  'GET /hr/ratings': {
    response: z.strictObject({
      schemes: z.array(z.strictObject({ key: z.string(), name: z.string(), dimensions: z.array(z.string()) })),
      units: z.array(z.strictObject({ id: z.number(), name: z.string(), path: z.string() })),
      cycles: z.array(
        z.strictObject({
          id: z.number(),
          scheme: z.string(),
          unit: z.string(),
          openedAt: z.string(),
          closesAt: z.string(),
          closedAt: z.string().nullable(),
        }),
      ),
    }),
  },
  'POST /hr/ratings/cycles': {
    body: z.object({
      scheme: z.string().min(1).max(40),
      unitId: z.number().int().positive(),
      days: z.number().int().min(1).max(90),
    }),
    response: z.strictObject({ id: z.number(), raters: z.number() }),
  },
  /** A cycle's page: how far each dimension is filled, who has no rater and why, what can be imported. */
  'GET /hr/ratings/cycles/:id': {
    params: idParams,
    response: z.strictObject({
      id: z.number(),
      scheme: z.string(),
      unit: z.string(),
      closesAt: z.string(),
      closedAt: z.string().nullable(),
      coverage: z.array(coverage),
      fingerprint: z.string(),
      noRater: z.array(z.strictObject({ name: z.string(), dimension: z.string(), reason: z.string() })),
      indicators: z.array(z.strictObject({ key: z.string(), name: z.string() })),
    }),
  },
  /** With something missing, a 409 (code needs_confirm or stale) until the call carries the summary's fingerprint. */
  'POST /hr/ratings/cycles/:id/close': {
    params: idParams,
    body: closeBody.nullish().transform((b): z.output<typeof closeBody> => b ?? {}),
    response: z.strictObject({
      id: z.number(),
      people: z.number(),
      recommendations: z.number(),
      leftOut: z.array(coverage),
    }),
    error: apiErrorSchema.extend({ missing: z.array(coverage).optional(), fingerprint: z.string().optional() }),
  },
  /** Indicators as CSV text; skipInvalid takes the valid rows after seeing the problems (a 400 lists them). */
  'POST /hr/ratings/cycles/:id/indicators': {
    params: idParams,
    body: z.object({ csv: z.string().min(1).max(500_000), skipInvalid: z.boolean().optional() }),
    response: z.strictObject({ imported: z.number(), skipped: z.array(lineProblem) }),
    /** Invalid rows: each listed in problems, and how many were valid. */
    error: apiErrorSchema.extend({ valid: z.number().optional() }),
  },
  'GET /hr/courses': {
    response: z.strictObject({
      courses: z.array(
        z.strictObject({
          id: z.number(),
          nameZh: z.string(),
          nameEn: z.string(),
          dimension: z.string(),
          /** The dimension's name in the reader's language (the key stays for the form). */
          dimensionLabel: z.string(),
          url: z.string().nullable(),
        }),
      ),
      dimensions: z.array(z.strictObject({ key: z.string(), label: z.string() })),
    }),
  },
  'POST /hr/courses': {
    // An empty URL field from the form means "no URL".
    body: courseSchema.extend({ url: z.preprocess((u) => (u === '' ? undefined : u), courseSchema.shape.url) }),
    response: created,
  },
  /** The schemes with how many cycles used each; the person rater rule's picker offers active people. */
  'GET /hr/schemes': {
    response: z.strictObject({
      schemes: z.array(
        z.strictObject({
          id: z.number(),
          key: z.string(),
          name: z.string(),
          definition: schemeSchema,
          cycles: z.number(),
        }),
      ),
      people: z.array(z.strictObject({ email: z.string(), name: z.string() })),
    }),
  },
  /** A new scheme; every problem comes back at its field (src/web/routes/flows-rating-schemes.ts). */
  'POST /hr/schemes': { body: schemeSchema, response: z.strictObject({ id: z.number(), key: z.string() }) },
  /** Ratings across cycles for a unit (managers: their subtree; HR: any unit); no trend is a message. */
  'GET /team/ratings/trend': {
    query: z.object({
      unitId: z.coerce.number().int().positive().optional(),
      scheme: z
        .string()
        .regex(/^[a-z][a-z0-9-]{0,31}$/)
        .optional(),
    }),
    response: z.strictObject({ trend: trend.nullable(), message: z.string().optional() }),
  },
} satisfies Endpoints;
