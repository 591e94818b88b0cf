// Pieces the pulse-*.ts contract files share.
import { z } from 'zod';

/** `/…/:id` with a positive integer id. */
export const idParams = z.object({ id: z.coerce.number().int().positive() });
/** An optional positive id in a query string. */
export const optionalId = z.coerce.number().int().positive().optional();
/** A unit as the pages list and pick it. */
export const unitRef = z.strictObject({ id: z.number(), name: z.string(), path: z.string() });
/** A template, a person…: its id and its name in the reader's language. */
export const named = z.strictObject({ id: z.number(), name: z.string() });
export const participation = z.strictObject({ asked: z.number(), answered: z.number(), rate: z.number() });
/** A moment, and the same formatted in the company's time zone for the reader. */
export const datedLabel = z.strictObject({ at: z.string(), label: z.string() });
