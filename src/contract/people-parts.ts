// Pieces the people-*.ts contract files share.
import { z } from 'zod';

export const ok = z.strictObject({ ok: z.literal(true) });
export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const optionalId = z.coerce.number().int().positive().optional();
/** A request made through the approval engine (a claim, a redemption, a transfer): its id. */
export const createdRequest = z.strictObject({ id: z.number() });
export const unitRef = z.strictObject({ id: z.number(), name: z.string(), path: z.string() });
