// HR's delivery times for survey cards and reminders (issue 23 item 5): the local hour, quiet hours, weekends,
// the weekly reminder cap and the organisation's time zone; and a person's leave (see endpoint.ts).
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';
import { idParams } from './parts.js';

const hour = z.number();
export const deliverySettingsSchema = z.strictObject({
  localHour: hour.nullable(),
  quietHours: z.strictObject({ from: hour, to: hour }).nullable(),
  skipWeekends: z.boolean(),
  weeklyReminderCap: z.number(),
  timeZone: z.string(),
});

export const deliveryTimeEndpoints = {
  'GET /hr/settings/delivery': {
    response: deliverySettingsSchema.extend({
      /** What the form proposes when quiet hours are switched on. */
      suggestedQuietHours: z.strictObject({ from: hour, to: hour }),
      maximumCap: z.number(),
    }),
  },
  // All or nothing; the route names the field that is wrong. Checked in the domain (delivery-settings.ts), so
  // the body is taken loosely here and each problem gets its own message.
  'PUT /hr/settings/delivery': {
    body: z.record(z.string().max(40), z.unknown()),
    response: deliverySettingsSchema,
  },
  // Empty `from` and `until`: no leave.
  'PUT /hr/people/:id/leave': {
    params: idParams,
    body: z.object({ from: z.string().max(10), until: z.string().max(10) }),
    response: z.strictObject({ from: z.string().nullable(), until: z.string().nullable() }),
  },
} satisfies Endpoints;
