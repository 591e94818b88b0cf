// The desks: HR's home (the whole organisation) and a manager's (their subtree) — open waves' participation
// by unit (counts only), requests waiting and overdue by flow, follow-ups due, and the last closed wave's
// headline, K-protected by the pulse report (see endpoint.ts, src/web/routes/desk.ts).
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';
import { participation, unitParticipation, unitRef } from './parts.js';

const openWave = z.strictObject({
  id: z.number(),
  title: z.string(),
  closesAt: z.string(),
  k: z.number(),
  /** In the reader's units only (a manager: their subtree). */
  participation,
  units: z.array(unitParticipation),
});

const headline = z.strictObject({
  waveId: z.number(),
  title: z.string(),
  /** When it closed (early, by HR, or at its close date). */
  closedAt: z.string(),
  unit: unitRef,
  k: z.number(),
  participation,
  visible: z.boolean(),
  /** Why no figures are shown (the report's reason); null when they are. */
  hidden: z.enum(['open', 'too_few', 'protected']).nullable(),
  responses: z.number().nullable(),
  dimensions: z.array(
    z.strictObject({ key: z.string(), name: z.string(), avg: z.number(), previousAvg: z.number().nullable() }),
  ),
  lowest: z.array(z.strictObject({ text: z.string(), avg: z.number() })),
});

export const deskSchema = z.strictObject({
  scope: z.enum(['organisation', 'subtree']),
  /** The top units of the reader's scope (a manager may head more than one). */
  units: z.array(unitRef),
  today: z.string(),
  openWaves: z.array(openWave),
  requests: z.strictObject({
    overdueHours: z.number(),
    flows: z.array(z.strictObject({ flowKey: z.string(), name: z.string(), open: z.number(), overdue: z.number() })),
  }),
  followUps: z.strictObject({
    dueWithinDays: z.number(),
    open: z.number(),
    due: z.number(),
    overdue: z.number(),
    items: z.array(
      z.strictObject({
        id: z.number(),
        title: z.string(),
        owner: z.string(),
        unit: z.string().nullable(),
        dueDate: z.string(),
        status: z.enum(['open', 'in_progress', 'done']),
        overdue: z.boolean(),
      }),
    ),
  }),
  /** The last closed (published) wave, one headline per top unit; empty before any wave closed. */
  headlines: z.array(headline),
});

export const deskEndpoints = {
  'GET /hr/desk': { response: deskSchema },
  'GET /team/desk': { response: deskSchema },
} satisfies Endpoints;
