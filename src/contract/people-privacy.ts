// HR's privacy pages: find a person, export everything held about them, erase a leaver (see endpoint.ts).
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';
import { idParams } from './parts.js';

export const personHitSchema = z.strictObject({
  id: z.number(),
  name: z.string(),
  email: z.string().nullable(),
  unit: z.string().nullable(),
  active: z.boolean(),
});

export const peoplePrivacyEndpoints = {
  'GET /hr/people': {
    query: z.object({ q: z.string().trim().max(100).default('') }),
    response: z.strictObject({ people: z.array(personHitSchema) }),
  },
  'POST /hr/people/:id/export': {
    params: idParams,
    response: z.strictObject({ url: z.string(), filename: z.string() }),
  },
  'POST /hr/people/:id/erase': {
    params: idParams,
    response: z.strictObject({
      pseudonym: z.string(),
      /** Rows of append-only tables that still mention the name or e-mail (they cannot be edited). */
      remaining: z.array(z.strictObject({ table: z.string(), column: z.string(), rows: z.number() })),
    }),
  },
} satisfies Endpoints;
