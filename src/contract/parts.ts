// Pieces every area of the contract shares.
import { z } from 'zod';

export const ok = z.strictObject({ ok: z.literal(true) });
/** `/…/:id` with a positive integer id. */
export const idParams = z.object({ id: z.coerce.number().int().positive() });
/** An optional positive id in a query string. */
export const optionalId = z.coerce.number().int().positive().optional();
/** What was created: its id (a request made through the approval engine, a tag, a cycle…). */
export const created = z.strictObject({ id: z.number() });
/** A unit as the pages list and pick it. */
export const unitRef = z.strictObject({ id: z.number(), name: z.string(), path: z.string() });
/** A template, a person…: its id and its name in the reader's language. */
export const named = z.strictObject({ id: z.number(), name: z.string() });
export const participation = z.strictObject({ asked: z.number(), answered: z.number(), rate: z.number() });
/** A moment, and the same formatted in the company's time zone for the reader. */
export const datedLabel = z.strictObject({ at: z.string(), label: z.string() });
/** A row-level problem of an import, in the reader's language. */
export const lineProblem = z.strictObject({ line: z.number(), message: z.string() });

/** A wave's participation in one unit of its tree (counts only), as the wave page and the desks list them. */
export const unitParticipation = z.strictObject({
  unitId: z.number(),
  name: z.string(),
  path: z.string(),
  /** Depth below the first unit listed (0 = a top unit of the reader's scope). */
  depth: z.number(),
  asked: z.number(),
  answered: z.number(),
  /** Fewer than K asked: its results will only appear inside a larger group. */
  belowK: z.boolean(),
});
