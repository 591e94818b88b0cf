// Request kinds HR defines as forms (issue 24): the kinds with their fields and what the person and unit
// pickers offer, submitting one, and HR creating a flow (see endpoint.ts).
import { z } from 'zod';
import { formFieldSchema } from '../domain/approvals/form-fields.js';
import type { Endpoints } from './endpoint.js';

export const formRequestEndpoints = {
  'GET /request-kinds': {
    response: z.strictObject({
      kinds: z.array(z.strictObject({ key: z.string(), name: z.string(), fields: z.array(formFieldSchema) })),
      people: z.array(z.strictObject({ id: z.number(), name: z.string() })),
      units: z.array(z.strictObject({ id: z.number(), name: z.string(), kind: z.string() })),
    }),
  },
  /** A refused value answers 400 with the message at its field's key. */
  'POST /requests/form': {
    body: z.object({
      flowKey: z.string().max(32),
      values: z.record(z.string(), z.union([z.string().max(2000), z.number(), z.null()])),
    }),
    response: z.strictObject({ id: z.number() }),
  },
  /** HR creates a flow (with form fields: a new request kind); a key already taken is a 409. */
  'POST /hr/flows': {
    body: z.object({ flow: z.object({}).passthrough() }),
    response: z.strictObject({ key: z.string(), version: z.number() }),
  },
} satisfies Endpoints;
