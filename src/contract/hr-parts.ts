// Pieces the hr-*.ts contract files share.
import { z } from 'zod';

export const ok = z.strictObject({ ok: z.literal(true) });
/** `/…/:id` with a positive integer id. */
export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const created = z.strictObject({ id: z.number() });
/** A row-level problem of an import, in the reader's language. */
export const lineProblem = z.strictObject({ line: z.number(), message: z.string() });
