// Points that cannot be gamed (issue 24): HR's claim caps, and leaderboards by calendar period for everyone
// (see endpoint.ts).
import { z } from 'zod';
import { claimCapsSchema } from '../domain/points/caps.js';
import { BOARD_PERIODS } from '../domain/points/boards.js';
import type { Endpoints } from './endpoint.js';
import { named, optionalId, unitRef } from './parts.js';

export const leaderboardSchema = z.strictObject({
  period: z.enum(BOARD_PERIODS),
  /** The period in the reader's words ("this month (2026-03)"). */
  periodLabel: z.string(),
  unit: unitRef.nullable(),
  /** The boards the reader may open: their unit, the units they lead, any for HR. */
  units: z.array(unitRef),
  rows: z.array(z.strictObject({ rank: z.number(), name: z.string(), points: z.number(), me: z.boolean() })),
});

export const pointRulesEndpoints = {
  'GET /leaderboard': {
    query: z.object({ period: z.enum(BOARD_PERIODS).catch('month'), unitId: optionalId }),
    response: leaderboardSchema,
  },
  'GET /hr/settings/point-caps': {
    response: z.strictObject({ caps: claimCapsSchema, tags: z.array(named), maximum: z.number() }),
  },
  // Checked in the domain (caps.ts), so a zero or negative cap gets its own message at its field.
  'PUT /hr/settings/point-caps': {
    body: z.record(z.string().max(40), z.unknown()),
    response: z.strictObject({ caps: claimCapsSchema }),
  },
} satisfies Endpoints;
