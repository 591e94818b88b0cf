// Everyone's pages: home, answering a survey, points and rewards, claims, transfers, one request (see endpoint.ts).
import { z } from 'zod';
import { requestViewSchema } from '../../cards/approval.js';
import { surveyFormViewSchema } from '../../cards/survey.js';
import { MAX_VALUE_LENGTH, QUANTITY_UNITS } from '../domain/points/claim-value.js';
import type { Endpoints } from './endpoint.js';
import { created, idParams } from './parts.js';

const unitNode = z.strictObject({
  id: z.number(),
  name: z.string(),
  path: z.string(),
  parentId: z.number().nullable(),
});

export const homeSchema = z.strictObject({
  surveys: z.array(z.strictObject({ waveId: z.number(), title: z.string(), closesAt: z.string() })),
  balance: z.number(),
  waiting: z.array(requestViewSchema),
  mine: z.array(requestViewSchema),
});

export const pointsInfoSchema = z.strictObject({
  balance: z.number(),
  entries: z.array(
    z.strictObject({ at: z.string(), kind: z.string(), points: z.number(), note: z.string().nullable() }),
  ),
  tags: z.array(z.strictObject({ id: z.number(), name: z.string(), description: z.string(), points: z.number() })),
  units: z.array(z.enum(QUANTITY_UNITS)),
  rewards: z.array(z.strictObject({ id: z.number(), name: z.string(), cost: z.number() })),
});

export const peopleHomeEndpoints = {
  'GET /home': { response: homeSchema },
  'GET /surveys/:id': {
    params: idParams,
    response: z.strictObject({ form: surveyFormViewSchema, answered: z.boolean(), open: z.boolean() }),
  },
  'POST /surveys/:id/answers': {
    params: idParams,
    body: z.object({ values: z.record(z.string().max(40), z.string().max(2000)) }),
    /** `replyKey`: with a comment, the author's key to its conversation (issue 23 item 1) — theirs, shown once. */
    response: z.strictObject({ ok: z.literal(true), replyKey: z.string().optional() }),
  },
  'GET /points': { response: pointsInfoSchema },
  'POST /claims': {
    // The value is text with units ("15%, ¥100000"), read by the same function as the chat form.
    body: z.object({
      tag: z.string().max(20),
      description: z.string().max(5000),
      amount: z
        .string()
        .max(MAX_VALUE_LENGTH * 2)
        .default(''),
      unit: z.string().max(20).default('cny'),
      note: z.string().max(500).default(''),
    }),
    response: created,
  },
  'POST /redemptions': { body: z.object({ rewardId: z.number().int().positive() }), response: created },
  'GET /units': { response: z.strictObject({ units: z.array(unitNode) }) },
  // The transfer form: only units the person can be transferred to, and today (the default effective date).
  'GET /transfers/options': { response: z.strictObject({ units: z.array(unitNode), today: z.string() }) },
  'POST /transfers': {
    body: z.object({
      toUnitId: z.number().int().positive(),
      reason: z.string().max(500),
      effectiveDate: z.string().max(10).optional(),
    }),
    response: created,
  },
  'GET /requests/:id': { params: idParams, response: z.strictObject({ request: requestViewSchema }) },
} satisfies Endpoints;
