// Guided scenario demos in the mini-app (issue 25 §5): the three demos with their steps' count and where each
// run is, starting a fresh run, and playing the step a Next press asks for. A step answers with its narration
// in the reader's language, when it happened in the story and the page showing what it made; a refused step
// answers `stopped` with which step and why (nothing of it kept). Outside the sandbox's demo company: 403.
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';

const nameSchema = z.enum(['cook', 'saving', 'pulse']);

export const demoStepAnswerSchema = z.strictObject({
  name: nameSchema,
  title: z.string(),
  run: z.number(),
  /** 0-based. */
  step: z.number(),
  total: z.number(),
  status: z.enum(['played', 'stopped']),
  /** The narration, or for a stopped step why it stopped. */
  text: z.string(),
  /** When the step happened in the story (played steps). */
  at: z.string().nullable(),
  /** The mini-app page showing what the step made, e.g. /requests/12. */
  link: z.string().nullable(),
  done: z.boolean(),
});

export const demoEndpoints = {
  'GET /demos': {
    response: z.strictObject({
      /** Why demos cannot run here, in the reader's language; null where they can. */
      blocked: z.string().nullable(),
      demos: z.array(z.strictObject({ name: nameSchema, title: z.string(), summary: z.string(), steps: z.number() })),
    }),
  },
  'POST /demos/:name/start': {
    params: z.object({ name: nameSchema }),
    response: demoStepAnswerSchema,
  },
  'POST /demos/:name/next': {
    params: z.object({ name: nameSchema }),
    body: z.strictObject({ run: z.number().int().min(1), step: z.number().int().min(0).max(100) }),
    response: demoStepAnswerSchema,
  },
} satisfies Endpoints;
