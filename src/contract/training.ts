// Training records (a person's enrolments and how far they got) and, for HR, each course's effect on its
// rating dimension (see endpoint.ts).
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';
import { idParams, optionalId } from './parts.js';

const trainingRecord = z.strictObject({
  /** The recommendation the enrolment came from (the id marks use). */
  id: z.number(),
  course: z.string(),
  dimension: z.string(),
  url: z.string().nullable(),
  materials: z.string().nullable(),
  state: z.enum(['requested', 'enrolled', 'attended', 'completed']),
  requestId: z.number(),
  attendedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});

const groupEffect = z.strictObject({
  people: z.number(),
  before: z.number().nullable(),
  after: z.number().nullable(),
  change: z.number().nullable(),
});

const feedbackRow = z.strictObject({
  id: z.number(),
  /** The other side: who shared it (received) or with whom (sent). */
  name: z.string(),
  comment: z.string(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});

export const trainingEndpoints = {
  /** Feedback shared with me right away, and what I shared (with whether it was acknowledged). */
  'GET /feedback': {
    response: z.strictObject({ received: z.array(feedbackRow), sent: z.array(feedbackRow) }),
  },
  'POST /feedback': {
    body: z.object({ subjectId: z.number().int().positive(), comment: z.string().max(2000) }),
    response: z.strictObject({ id: z.number() }),
  },
  'POST /feedback/:id/ack': {
    params: idParams,
    response: z.strictObject({ acknowledgedAt: z.string() }),
  },
  /** Own records by default; someone else's for whoever may see their ratings (their managers, heads, HR). */
  'GET /training': {
    query: z.object({ employeeId: optionalId }),
    response: z.strictObject({
      person: z.strictObject({ id: z.number(), name: z.string() }),
      /** The viewer may mark these records (theirs, or HR). */
      canMark: z.boolean(),
      records: z.array(trainingRecord),
    }),
  },
  /** The people in the units the viewer heads (everyone for HR) who have training, with their records. */
  'GET /team/training': {
    response: z.strictObject({
      canMark: z.boolean(),
      people: z.array(z.strictObject({ id: z.number(), name: z.string(), records: z.array(trainingRecord) })),
    }),
  },
  /** The performance conversations the viewer is asked to hold (open first), with the talking points. */
  'GET /team/talks': {
    response: z.strictObject({
      talks: z.array(
        z.strictObject({
          id: z.number(),
          person: z.string(),
          dimension: z.string(),
          scores: z.array(z.number()),
          dueAt: z.string(),
          status: z.enum(['open', 'done']),
          doneAt: z.string().nullable(),
          why: z.string(),
          points: z.array(z.string()),
        }),
      ),
    }),
  },
  'POST /team/talks/:id/done': {
    params: idParams,
    response: z.strictObject({ status: z.literal('done') }),
  },
  'POST /training/:id/mark': {
    params: idParams,
    body: z.object({ to: z.enum(['attended', 'completed']) }),
    response: z.strictObject({ state: z.enum(['attended', 'completed']) }),
  },
  /** HR: per course, its dimension before vs after completion, for those who completed it and for everyone else. */
  'GET /hr/courses/effects': {
    response: z.strictObject({
      courses: z.array(
        z.strictObject({
          id: z.number(),
          course: z.string(),
          dimension: z.string(),
          completions: z.number(),
          splitAt: z.string().nullable(),
          completed: groupEffect,
          others: groupEffect,
        }),
      ),
    }),
  },
} satisfies Endpoints;
