// HR's org page: who is on leave now or soon (setting it is PUT /hr/people/:id/leave, delivery-times.ts).
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';

export const orgLeaveEndpoints = {
  'GET /hr/leave': {
    response: z.strictObject({
      /** Today in the company's calendar: leave ending before it is not listed. */
      today: z.string(),
      people: z.array(
        z.strictObject({
          id: z.number(),
          name: z.string(),
          unit: z.string().nullable(),
          from: z.string(),
          until: z.string(),
        }),
      ),
    }),
  },
} satisfies Endpoints;
