// The mini-app's further approval actions (issue 24): approve with a comment, hand over, add an approver before
// or after oneself, send back to an earlier step, copy people, and the applicant's urge. Each carries the version
// the page showed; the answer is the request as it now is (see endpoint.ts).
import { z } from 'zod';
import { requestViewSchema } from '../../cards/approval.js';
import { OUTCOMES } from '../domain/approvals/transitions.js';
import type { Endpoints } from './endpoint.js';
import { idParams } from './parts.js';

const version = z.number().int().min(0);
const reason = z.string().max(500);
const person = z.number().int().positive();

export const approvalsMoreEndpoints = {
  /** Whom a current approver may name (hand over, add, copy): active people other than the applicant and themselves. */
  'GET /approvals/:id/people': {
    params: idParams,
    response: z.strictObject({ people: z.array(z.strictObject({ id: z.number(), name: z.string() })) }),
  },
  'POST /approvals/:id/more': {
    params: idParams,
    body: z.discriminatedUnion('action', [
      z.object({ action: z.literal('approve'), version, comment: z.string().max(500).optional() }),
      z.object({ action: z.literal('hand_over'), version, personId: person, reason }),
      z.object({
        action: z.literal('add_sign'),
        version,
        personId: person,
        position: z.enum(['before', 'after']),
        reason,
      }),
      z.object({ action: z.literal('send_back'), version, toStep: z.string().max(32), reason }),
      z.object({ action: z.literal('cc'), version, people: z.array(person).min(1).max(20), reason: reason.optional() }),
      z.object({ action: z.literal('urge'), version }),
    ]),
    response: z.strictObject({ outcome: z.enum(OUTCOMES), request: requestViewSchema }),
  },
} satisfies Endpoints;
