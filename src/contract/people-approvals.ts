// Managers and anyone a request waits on: the approvals centre and its decisions; a team's pulse results and
// point distribution (see endpoint.ts).
import { z } from 'zod';
import { requestViewSchema } from '../../cards/approval.js';
import { OUTCOMES } from '../domain/approvals/transitions.js';
import type { Endpoints } from './endpoint.js';
import { idParams, optionalId, unitRef } from './parts.js';
import { pulseAnswerSchema } from './pulse-report.js';

export const APPROVAL_TABS = ['waiting', 'done', 'mine'] as const;
export const POINT_PERIODS = ['week', 'month', 'quarter', 'year', 'all'] as const;

export const approvalsSchema = z.strictObject({
  tab: z.enum(APPROVAL_TABS),
  counts: z.strictObject({ waiting: z.number(), done: z.number(), mine: z.number() }),
  requests: z.array(requestViewSchema),
  /** The same as requests on the waiting tab, for older clients. */
  waiting: z.array(requestViewSchema).optional(),
});

export const teamPointsSchema = z.strictObject({
  period: z.enum(POINT_PERIODS),
  units: z.array(unitRef),
  people: z.number(),
  rows: z.array(z.strictObject({ name: z.string(), points: z.number() })),
});

export const peopleApprovalEndpoints = {
  'GET /approvals': {
    query: z.object({
      tab: z.enum(APPROVAL_TABS).default('waiting'),
      limit: z.coerce.number().int().min(1).max(200).default(100),
    }),
    response: approvalsSchema,
  },
  'POST /approvals/:id/decision': {
    params: idParams,
    body: z.discriminatedUnion('decision', [
      // `points` (with a reason when it changes the claim) adjusts a point claim within its tag's range, as in chat.
      z.object({
        decision: z.literal('approve'),
        version: z.number().int().min(0),
        points: z.number().int().min(-1_000_000).max(1_000_000).optional(),
        reason: z.string().max(500).optional(),
      }),
      // reject is final; return sends it back to the applicant for changes (where the step allows it).
      z.object({
        decision: z.enum(['reject', 'return']),
        version: z.number().int().min(0),
        reason: z.string().max(500),
      }),
    ]),
    response: z.strictObject({
      outcome: z.enum(OUTCOMES),
      request: requestViewSchema,
    }),
  },
  // The team's pulse results (K-protected), for the units the viewer leads (HR: all).
  'GET /team/pulse': { query: z.object({ waveId: optionalId, unitId: optionalId }), response: pulseAnswerSchema },
  'GET /team/points': {
    query: z.object({ period: z.enum(POINT_PERIODS).default('month'), unitId: optionalId }),
    response: teamPointsSchema,
  },
} satisfies Endpoints;
