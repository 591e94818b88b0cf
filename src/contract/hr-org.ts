// HR's org and delivery pages: the org chart (CSV import, directory sync), an admin ending someone's
// sessions, the messages the outbox gave up on, and the approval turnaround report (see endpoint.ts).
import { z } from 'zod';
import { turnaroundRowSchema } from '../domain/approvals/turnaround.js';
import { DEAD_REASONS } from '../domain/delivery/reasons.js';
import { syncReportSchema } from '../domain/org/directory-sync.js';
import { PLATFORMS } from '../vocabulary.js';
import type { Endpoints } from './endpoint.js';
import { idParams } from './parts.js';

const platform = z.enum(PLATFORMS);

/** Someone no platform reaches yet, with messages kept for them (cards/delivery.ts's WaitingView). */
const waiting = z.strictObject({ person: z.string(), messages: z.number(), reasons: z.string() });

/** A dead letter (src/domain/delivery/dead-letters.ts) with its platform, reason and fix in words. */
const deadLetter = z.strictObject({
  id: z.number(),
  platform,
  person: z.strictObject({ id: z.number(), name: z.string() }).nullable(),
  recipientId: z.string(),
  what: z.string(),
  reason: z.enum(DEAD_REASONS),
  detail: z.string(),
  createdAt: z.string(),
  platformName: z.string(),
  reasonText: z.string(),
  fix: z.string(),
});

const retryBody = z.object({ ids: z.array(z.number().int().positive()).min(1).max(1000).optional() }).strict();

export const hrOrgEndpoints = {
  'POST /admin/people/:id/sign-out': { params: idParams, response: z.strictObject({ ended: z.number() }) },
  'GET /hr/org': { response: z.strictObject({ directories: z.array(platform) }) },
  'POST /hr/org/import': {
    body: z.object({ csv: z.string().min(1).max(900_000) }),
    response: z.strictObject({ created: z.number(), updated: z.number(), units: z.number() }),
  },
  'POST /hr/org/sync': {
    body: z.object({ platform: z.enum(['feishu', 'dingtalk', 'slack']) }),
    response: z.strictObject({ report: syncReportSchema }),
  },
  'GET /hr/delivery': {
    response: z.strictObject({ waiting: z.array(waiting), total: z.number(), rows: z.array(deadLetter) }),
  },
  /** Re-queue the dead rows named (`ids`), or all of them (no body, or no ids). */
  'POST /hr/delivery/retry': {
    body: retryBody.nullish().transform((b): z.output<typeof retryBody> => b ?? {}),
    response: z.strictObject({ retried: z.number() }),
  },
  'GET /hr/turnaround': {
    query: z.object({ days: z.coerce.number().int().min(1).max(365).default(90) }),
    response: z.strictObject({
      days: z.number(),
      since: z.string(),
      overdueHours: z.number(),
      flows: z.array(turnaroundRowSchema),
    }),
  },
} satisfies Endpoints;
