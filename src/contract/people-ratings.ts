// Ratings for everyone and for managers: my results and recommended courses, the team report and the
// rater's forms (see endpoint.ts).
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';
import { idParams, optionalId } from './parts.js';

export const ratingResultSchema = z.strictObject({
  cycleId: z.number(),
  scheme: z.string(),
  closedAt: z.string(),
  composite: z.number().nullable(),
  /** The previous result of the same scheme. */
  previous: z.number().nullable(),
  dimensions: z.array(
    z.strictObject({ key: z.string(), name: z.string(), weight: z.number(), score: z.number().nullable() }),
  ),
  /** Left out of the composite (the rest reweighted to 100%): not rated. */
  missing: z.array(z.string()),
  /** Of the missing, the dimensions nobody may rate for this person. */
  noRater: z.array(z.string()),
  comments: z.array(z.strictObject({ rater: z.string(), comment: z.string() })),
});

export const recommendationSchema = z.strictObject({
  id: z.number(),
  dimension: z.string(),
  reason: z.enum(['low', 'drop']),
  course: z.string(),
  url: z.string().nullable(),
  requestId: z.number().nullable(),
});

export const teamRatingsSchema = z.strictObject({
  report: z
    .strictObject({
      cycleId: z.number(),
      scheme: z.string(),
      closed: z.boolean(),
      unit: z.string(),
      people: z.number(),
      distribution: z.array(z.number()),
      averages: z.array(
        z.strictObject({
          key: z.string(),
          name: z.string(),
          avg: z.number().nullable(),
          previous: z.number().nullable(),
        }),
      ),
      compositeAvg: z.number().nullable(),
      previousCompositeAvg: z.number().nullable(),
      notRated: z.array(z.strictObject({ name: z.string(), missing: z.array(z.string()) })),
      /** Per dimension, how many of the people in scope have a score. */
      coverage: z.array(z.strictObject({ key: z.string(), name: z.string(), filled: z.number(), of: z.number() })),
      recognise: z.array(
        z.strictObject({
          employeeId: z.number().optional(),
          name: z.string(),
          dimension: z.string(),
          from: z.number(),
          to: z.number(),
        }),
      ),
    })
    .nullable(),
  message: z.string().optional(),
});

export const raterFormSchema = z.strictObject({
  cycleId: z.number(),
  scheme: z.string(),
  closesAt: z.string(),
  people: z.array(
    z.strictObject({
      subjectId: z.number(),
      name: z.string(),
      dimensions: z.array(z.strictObject({ field: z.string(), name: z.string(), value: z.number().nullable() })),
      commentField: z.string(),
      comment: z.string(),
    }),
  ),
});

// The rater form's field names, as the chat card uses them: r_<subject>_<dimension> and c_<subject>.
const ratingForm = z.record(z.string().regex(/^(r_\d+_[a-z][a-z0-9_]{0,31}|c_\d+)$/), z.string().max(2000));

export const peopleRatingEndpoints = {
  /** Own results by default; someone else's only for their rater chain and HR. */
  'GET /ratings': {
    query: z.object({ employeeId: optionalId }),
    response: z.strictObject({ results: z.array(ratingResultSchema), recommendations: z.array(recommendationSchema) }),
  },
  'POST /ratings/recommendations/:id/enrol': {
    params: idParams,
    response: z.strictObject({ requestId: z.number(), already: z.boolean() }),
  },
  'GET /team/ratings': { query: z.object({ cycleId: optionalId, unitId: optionalId }), response: teamRatingsSchema },
  'GET /team/ratings/forms': { response: z.strictObject({ forms: z.array(raterFormSchema) }) },
  'POST /team/ratings/:id': {
    params: idParams,
    body: ratingForm,
    response: z.strictObject({ changed: z.number() }),
  },
} satisfies Endpoints;
