// A person's status page (issue 25 §1): for HR and the person's manager chain only (403 otherwise, 404 for
// nobody), built from named sources only; a signal's conversation proposed from it; and HR's CSV paste of an
// indicator's values (task completion first), all or nothing.
import { z } from 'zod';
import { SIGNAL_RULES } from '../domain/people/status-signals.js';
import type { Endpoints } from './endpoint.js';
import { idParams } from './parts.js';

const names = z.strictObject({ id: z.number(), name: z.string() });
const week = z.strictObject({
  week: z.string(),
  onTime: z.number(),
  late: z.number(),
  earlyLeave: z.number(),
  absent: z.number(),
  onLeave: z.number(),
  notClockedIn: z.number(),
  lateMinutes: z.number(),
  recorded: z.number(),
});
const talkRef = z.strictObject({ id: z.number(), status: z.enum(['open', 'done']) });

export const personStatusEndpoints = {
  /** The people whose status page the reader may open (everyone for HR, the reader's chain below them otherwise). */
  'GET /people/status': {
    response: z.strictObject({
      people: z.array(z.strictObject({ id: z.number(), name: z.string(), unit: z.string().nullable() })),
    }),
  },
  'GET /people/:id/status': {
    params: idParams,
    response: z.strictObject({
      person: z.strictObject({
        id: z.number(),
        name: z.string(),
        title: z.string().nullable(),
        unit: z.string().nullable(),
        active: z.boolean(),
      }),
      ratings: z.array(
        z.strictObject({
          cycleId: z.number(),
          /** The close day in the company's time zone, for the reader. */
          closed: z.string(),
          scheme: z.string(),
          composite: z.number().nullable(),
          dimensions: z.array(z.strictObject({ key: z.string(), name: z.string(), score: z.number().nullable() })),
          /** Names of the lowest-scored dimensions, lowest first. */
          lowest: z.array(z.string()),
        }),
      ),
      attendance: z.array(week),
      tasks: z.array(z.strictObject({ period: z.string(), value: z.number() })),
      points: z.strictObject({
        balance: z.number(),
        claims: z.array(
          z.strictObject({
            requestId: z.number(),
            description: z.string(),
            points: z.number(),
            status: z.string(),
            /** The status in the reader's words. */
            statusText: z.string(),
            created: z.string(),
          }),
        ),
      }),
      training: z.array(
        z.strictObject({
          course: z.string(),
          state: z.string(),
          stateText: z.string(),
          completed: z.string().nullable(),
        }),
      ),
      talks: z.array(
        z.strictObject({
          id: z.number(),
          dimension: z.string(),
          scores: z.array(z.number()),
          status: z.enum(['open', 'done']),
          due: z.string(),
          done: z.string().nullable(),
        }),
      ),
      signals: z.array(
        z.strictObject({
          rule: z.enum(SIGNAL_RULES),
          cycleId: z.number(),
          dimension: z.string(),
          /** Which facts made it fire, in the reader's language. */
          text: z.string(),
          talk: talkRef.nullable(),
        }),
      ),
    }),
  },
  'POST /people/:id/status/talks': {
    params: idParams,
    body: z.object({ cycleId: z.number().int().positive(), dimension: z.string().min(1).max(40) }),
    response: z.strictObject({ talk: talkRef, created: z.boolean(), manager: names }),
  },
  /** "employee,period,value" lines for one indicator: every line stored, or none (400 with each bad line). */
  'POST /hr/indicators/import': {
    body: z.object({ indicator: z.string().min(1).max(40), csv: z.string().min(1).max(900_000) }),
    response: z.strictObject({ created: z.number(), updated: z.number(), unchanged: z.number(), claims: z.number() }),
  },
} satisfies Endpoints;
