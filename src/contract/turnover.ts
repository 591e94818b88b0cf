// HR's turnover by unit and unit kind (issue 25 §6): leavers, moves and headcount over a period, stores at or
// over the threshold flagged, and beside each row the pulse of the latest closed wave at the same level as its
// own report shows it (hidden where that report hides it).
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';
import { optionalId, unitRef } from './parts.js';

const kind = z.enum(['department', 'store', 'mixed']);
const figures = {
  headcountStart: z.number(),
  headcountEnd: z.number(),
  leavers: z.number(),
  movedOut: z.number(),
  movedIn: z.number(),
  joined: z.number(),
  rate: z.number().nullable(),
  annualRate: z.number().nullable(),
};
const pulse = z.union([
  z.strictObject({ hidden: z.literal(true) }),
  z.strictObject({ hidden: z.literal(false), responses: z.number(), dims: z.record(z.string(), z.number()) }),
]);

export const turnoverAnswerSchema = z.strictObject({
  days: z.number(),
  from: z.string(),
  to: z.string(),
  threshold: z.number(),
  unit: unitRef,
  depth: z.number(),
  levels: z.number(),
  kind: kind.nullable(),
  total: z.strictObject(figures),
  rows: z.array(z.strictObject({ unit: unitRef, kind, flagged: z.boolean(), pulse: pulse.nullable(), ...figures })),
  /** The wave the pulse column comes from; null before any wave has closed. */
  wave: z
    .strictObject({
      id: z.number(),
      title: z.string(),
      dimensions: z.array(z.strictObject({ key: z.string(), name: z.string() })),
    })
    .nullable(),
  units: z.array(unitRef),
});

export const turnoverEndpoints = {
  'GET /hr/turnover': {
    query: z.object({
      days: z.coerce.number().int().optional(),
      unitId: optionalId,
      depth: optionalId,
      kind: kind.optional(),
    }),
    response: turnoverAnswerSchema,
  },
  'PUT /hr/turnover/threshold': {
    body: z.object({ threshold: z.unknown() }),
    response: z.strictObject({ threshold: z.number() }),
  },
} satisfies Endpoints;
