// HR's audit log (a page at a time, with filters, and the chain check) and the settings that guard privacy:
// the anonymity thresholds and the retention periods (see endpoint.ts).
import { z } from 'zod';
import { RETENTION_DEFAULTS, type Retention } from '../domain/retention.js';
import type { Endpoints } from './endpoint.js';
import { optionalId } from './parts.js';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a date');

export const auditPageSchema = z.strictObject({
  /** `text`: the row in the reader's language; `action`/`subject`/`detail` stay raw (a title attribute, exports). */
  rows: z.array(
    z.strictObject({
      id: z.number(),
      at: z.string(),
      actorKind: z.enum(['employee', 'system']),
      actorId: z.number().nullable(),
      actor: z.string().nullable(),
      action: z.string(),
      subject: z.string().nullable(),
      detail: z.string().nullable(),
      text: z.strictObject({
        label: z.string(),
        summary: z.string(),
        fields: z.array(z.strictObject({ label: z.string(), value: z.string() })),
      }),
    }),
  ),
  actions: z.array(z.strictObject({ value: z.string(), label: z.string() })),
  actors: z.array(z.strictObject({ id: z.number(), name: z.string() })),
  next: z.number().nullable(),
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
  /** The newest row the listing shows: later pages pass it back so the rows do not shift. */
  until: z.number(),
});

/** One value per retention period, each named by its key (no other key). */
function perPeriod<T extends z.ZodType>(value: T) {
  return z.strictObject(
    Object.fromEntries(Object.keys(RETENTION_DEFAULTS).map((k) => [k, value])) as { [K in keyof Retention]: T },
  );
}
const retention = perPeriod(z.number());

/** GET /hr/settings: the thresholds for surveys launched from now on, and their bounds. */
export const anonymitySettingsSchema = z.strictObject({
  anonymityThreshold: z.number(),
  commentThreshold: z.number(),
  minimum: z.number(),
  maximum: z.number(),
  commentMaximum: z.number(),
});

export const pulseSettingsEndpoints = {
  'GET /hr/audit': {
    query: z.object({
      action: z.string().max(80).optional(),
      actorId: optionalId,
      from: day.optional(),
      to: day.optional(),
      before: optionalId,
      until: optionalId,
      offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: auditPageSchema,
  },
  'GET /hr/audit/verify': {
    response: z.union([
      z.strictObject({ intact: z.literal(true), rows: z.number() }),
      z.strictObject({ intact: z.literal(false), rows: z.number(), brokenAt: z.number() }),
    ]),
  },
  'GET /hr/settings/retention': {
    response: z.strictObject({ retention, limits: perPeriod(z.tuple([z.number(), z.number()])) }),
  },
  // All or nothing; the route names unknown keys and values out of range.
  'PUT /hr/settings/retention': {
    body: z.record(z.string().max(40), z.number()),
    response: z.strictObject({ retention }),
  },
  'GET /hr/settings': { response: anonymitySettingsSchema },
  'PUT /hr/settings/anonymity': {
    body: z.object({ k: z.number(), commentK: z.number().optional() }),
    response: z.strictObject({ anonymityThreshold: z.number(), commentThreshold: z.number() }),
  },
} satisfies Endpoints;
