// The mini-app's endpoints for every signed-in person: who they are, their home, surveys, points, ratings
// (see endpoint.ts).
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';

const locale = z.enum(['zh-CN', 'en']);
const ok = z.strictObject({ ok: z.literal(true) });

export const meSchema = z.strictObject({
  id: z.number(),
  name: z.string(),
  unit: z.string().nullable(),
  roles: z.array(z.enum(['employee', 'manager', 'hr', 'admin'])),
  locale,
  isManager: z.boolean(),
  isHr: z.boolean(),
  /** Rates someone in an open rating cycle. */
  isRater: z.boolean(),
  csrf: z.string(),
  /** The generated demo company (npm start's demo data). */
  demo: z.boolean().optional(),
});

export const peopleEndpoints = {
  'GET /me': { response: meSchema },
  'PUT /me/locale': { body: z.object({ locale }), response: z.strictObject({ locale }) },
  'DELETE /session': { response: ok },
} satisfies Endpoints;
