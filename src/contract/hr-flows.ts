// HR's approval flow editor: the list, one flow with what its pickers offer, saving an edit (see endpoint.ts).
import { z } from 'zod';
import { approverRuleSchema, conditionSchema, flowSchema } from '../domain/approvals/flow-schema.js';
import type { Endpoints } from './endpoint.js';

const keyParams = z.object({ key: z.string().regex(/^[a-z0-9-]{1,32}$/) });

/** Who changed a flow last and when (updatedBy null: the built-in default). */
const flowMeta = {
  key: z.string(),
  name: z.string(),
  version: z.number(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
};

export const hrFlowEndpoints = {
  'GET /hr/flows': {
    response: z.strictObject({
      flows: z.array(
        z.strictObject({
          ...flowMeta,
          steps: z.array(
            z.strictObject({
              id: z.string(),
              name: z.string(),
              approver: approverRuleSchema,
              person: z.string().nullable(),
              when: conditionSchema.nullable(),
            }),
          ),
        }),
      ),
    }),
  },
  'GET /hr/flows/:key': {
    params: keyParams,
    response: z.strictObject({
      ...flowMeta,
      flow: flowSchema,
      people: z.array(z.strictObject({ id: z.number(), name: z.string() })),
      units: z.array(z.strictObject({ id: z.number(), name: z.string() })),
    }),
  },
  /** Saved with the version the edit started from: an older one is a 409 naming who changed it and when. */
  'PUT /hr/flows/:key': {
    params: keyParams,
    body: z.object({ version: z.number().int().positive(), flow: z.object({}).passthrough() }),
    response: z.strictObject({ key: z.string(), version: z.number() }),
  },
} satisfies Endpoints;
