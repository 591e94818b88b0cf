// HR's waves: launching one (with who could not be reached), the list, one wave's page (participation in
// counts only, the reminders), reminding non-respondents, closing early and the CSV of results (see endpoint.ts).
import { z } from 'zod';
import { NOT_FOUND_REASONS } from '../domain/org/platform-directory.js';
import { PLATFORMS, type Platform } from '../vocabulary.js';
import type { Endpoints } from './endpoint.js';
import { datedLabel, idParams, named, participation, unitParticipation, unitRef } from './parts.js';

/** A failed lookup's reason, or 'not_linked' (no lookup yet): src/bot/reach.ts's UnreachableReason. */
const unreachableReason = z.enum([...NOT_FOUND_REASONS, 'not_linked'] as const);

const waveState = z.enum(['open', 'closing', 'published']);

const waveRowSchema = z.strictObject({
  id: z.number(),
  title: z.string(),
  openedAt: z.string(),
  closesAt: z.string(),
  closed: z.boolean(),
  /** open: taking answers; closing: closed, results not yet published; published. */
  state: waveState,
  asked: z.number(),
  answered: z.number(),
});

/** GET /hr/waves/:id — one wave for HR: state, participation (counts only), reminders. */
export const wavePageSchema = z.strictObject({
  id: z.number(),
  title: z.string(),
  state: waveState,
  openedAt: z.string(),
  closesAt: z.string(),
  closedAt: z.string().nullable(),
  /** The dates formatted in the company's time zone (the reminders' labels are too). */
  labels: z.strictObject({ opened: z.string(), closes: z.string(), closed: z.string().nullable() }),
  k: z.number(),
  participation,
  units: z.array(unitParticipation),
  reminders: z.strictObject({
    planned: z.array(datedLabel.extend({ past: z.boolean() })),
    lastManual: datedLabel.extend({ recipients: z.number() }).nullable(),
    nextManual: datedLabel.nullable(),
    canRemind: z.boolean(),
  }),
});

export const pulseWaveEndpoints = {
  'GET /hr/launch-options': {
    response: z.strictObject({ templates: z.array(named), units: z.array(unitRef) }),
  },
  'POST /hr/waves': {
    body: z.object({
      templateId: z.number().int().positive(),
      audienceUnitId: z.number().int().positive().nullable(),
      days: z.number().int(),
    }),
    response: z.strictObject({
      waveId: z.number(),
      asked: z.number(),
      /** Who was not reached, and why, in the reader's language with what to fix. */
      unreachable: z.array(
        z.strictObject({
          employeeId: z.number(),
          name: z.string(),
          reasons: z.array(
            z.strictObject({
              platform: z.enum(PLATFORMS as [Platform, ...Platform[]]),
              reason: unreachableReason,
            }),
          ),
          text: z.string(),
        }),
      ),
      /** The planned reminders, for the confirmation to state. */
      reminders: z.array(datedLabel),
      /** Left out (on leave during the wave), cards waiting for people's delivery time, not asked (no allowed
       *  time before the close) — delivery-queue.ts. */
      delivery: z.strictObject({ onLeave: z.number(), held: z.number(), notInTime: z.number() }),
    }),
  },
  'POST /hr/waves/:id/close': {
    params: idParams,
    response: z.strictObject({ waveId: z.number(), closed: z.literal(true) }),
  },
  'GET /hr/waves': { response: z.strictObject({ waves: z.array(waveRowSchema) }) },
  'GET /hr/waves/:id/csv': { params: idParams, response: 'raw' },
  'GET /hr/waves/:id': { params: idParams, response: wavePageSchema },
  'POST /hr/waves/:id/remind': {
    params: idParams,
    response: z.strictObject({ waveId: z.number(), sent: z.number() }),
  },
} satisfies Endpoints;
