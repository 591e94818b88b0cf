// Attendance (issue 25 §1): the head's "today" view of a unit (heads: the units they lead; HR: any unit), HR's
// CSV import (all or nothing: 400 with each bad line) and HR's "sync now" from Feishu/DingTalk.
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';
import { named, unitRef } from './parts.js';

export const todayAnswerSchema = z.strictObject({
  day: z.string(),
  unit: unitRef,
  people: z.number(),
  late: z.array(z.strictObject({ id: z.number(), name: z.string(), minutes: z.number().nullable() })),
  onLeave: z.array(named),
  notClockedIn: z.array(named),
  absent: z.array(named),
  earlyLeave: z.array(named),
  onTime: z.number(),
  noRecord: z.array(named),
  units: z.array(unitRef),
  /** HR: the page offers the import and "sync now". */
  hr: z.boolean(),
  /** The connected platforms whose attendance the sync reads. */
  platforms: z.array(z.enum(['feishu', 'dingtalk'])),
});

export const attendanceEndpoints = {
  'GET /attendance/today': {
    query: z.object({ unit: z.string().max(300).optional() }),
    response: todayAnswerSchema,
  },
  'POST /hr/attendance/import': {
    body: z.object({ csv: z.string().min(1).max(2_000_000) }),
    response: z.strictObject({ written: z.number(), people: z.number() }),
  },
  'POST /hr/attendance/sync': {
    response: z.strictObject({
      reports: z.array(
        z.strictObject({
          platform: z.enum(['feishu', 'dingtalk']),
          ok: z.boolean(),
          written: z.number(),
          noData: z.array(z.string()),
          skipped: z.array(z.strictObject({ who: z.string(), day: z.string(), reason: z.enum(['left', 'unknown']) })),
          /** The report in the reader's words, one line each. */
          lines: z.array(z.string()),
        }),
      ),
    }),
  },
} satisfies Endpoints;
