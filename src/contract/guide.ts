// The person's first-run guide (issue 25 §5): the steps of their role's guide in their language, where they are,
// whether they dismissed it; and saving the step reached or the dismissal.
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';

export const guideAnswerSchema = z.strictObject({
  role: z.enum(['employee', 'manager', 'hr']),
  step: z.number(),
  dismissed: z.boolean(),
  steps: z.array(
    z.strictObject({
      title: z.string(),
      body: z.string(),
      command: z.string().nullable(),
      appPath: z.string().nullable(),
    }),
  ),
});

export const guideEndpoints = {
  'GET /guide': { response: guideAnswerSchema },
  'PUT /guide': {
    body: z.strictObject({ step: z.number().int().min(0).max(100).optional(), dismissed: z.boolean().optional() }),
    response: guideAnswerSchema,
  },
} satisfies Endpoints;
