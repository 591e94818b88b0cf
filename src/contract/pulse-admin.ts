// The pulse-admin endpoints: survey templates and recurring schedules (HR), and follow-up actions (owners,
// managers, HR) (see endpoint.ts).
import { z } from 'zod';
import { templateSpecViewSchema } from '../domain/surveys/default-template.js';
import { FOLLOW_UP_TITLE_MAX } from '../domain/surveys/follow-ups.js';
import { templateSpecSchema } from '../domain/surveys/templates.js';
import type { Endpoints } from './endpoint.js';
import { idParams, named, unitRef } from './parts.js';

const created = z.strictObject({ id: z.number() });
const cronField = z.string().trim().min(1).max(100);
const followUpStatus = z.enum(['open', 'in_progress', 'done']);

export const templateRowSchema = z.strictObject({
  id: z.number(),
  builtIn: z.boolean(),
  name: z.string(),
  dimensions: z.number(),
  items: z.number(),
  waves: z.number(),
});

/** One stored template as a spec (to view it, or start a new one from a copy), how often it was sent. */
export const templateDetailSchema = templateSpecViewSchema.extend({
  id: z.number(),
  builtIn: z.boolean(),
  waves: z.number(),
});

export const scheduleRowSchema = z.strictObject({
  id: z.number(),
  template: named,
  cron: z.string(),
  timezone: z.string(),
  /** The next runs (none while paused). */
  nextRuns: z.array(z.string()),
  /** The audience unit's path; null: everyone. */
  unit: z.string().nullable(),
  durationDays: z.number(),
  reminderDays: z.array(z.number()),
  active: z.boolean(),
  /** When it last launched a wave. */
  lastRun: z.string().nullable(),
  /** The short weekly format: items a wave (3–5), and how many waves ask every item once; null: whole waves. */
  short: z.strictObject({ size: z.number(), cycle: z.number(), items: z.number() }).nullable(),
});

export const followUpRowSchema = z.strictObject({
  id: z.number(),
  title: z.string(),
  owner: named,
  createdBy: named,
  dueDate: z.string(),
  status: followUpStatus,
  unit: z.string().nullable(),
  waveId: z.number().nullable(),
  updatedAt: z.string(),
  /** The domain's rule (setFollowUpStatus), shown so the page offers only what will work. */
  canChange: z.boolean(),
});

const pulseTemplateEndpoints = {
  'GET /hr/templates': { response: z.strictObject({ templates: z.array(templateRowSchema) }) },
  'GET /hr/templates/:id': { params: idParams, response: z.strictObject({ template: templateDetailSchema }) },
  'POST /hr/templates': { body: templateSpecSchema, response: created },
} satisfies Endpoints;

const pulseScheduleEndpoints = {
  'GET /hr/schedules': {
    response: z.strictObject({
      timezone: z.string(),
      schedules: z.array(scheduleRowSchema),
      templates: z.array(named),
      units: z.array(unitRef),
    }),
  },
  'GET /hr/schedules/preview': {
    query: z.object({ cron: cronField }),
    response: z.strictObject({ timezone: z.string(), runs: z.array(z.string()) }),
  },
  'POST /hr/schedules': {
    body: z.object({
      templateId: z.number().int().positive(),
      cron: cronField,
      audienceUnitId: z.number().int().positive().nullable(),
      durationDays: z.number().int().min(1).max(60),
      reminderDays: z.array(z.number().int().min(1).max(59)).max(5),
      /** The short weekly format (3–5 items a wave, rotating); null or absent: the whole template each wave. */
      shortSize: z.number().int().min(3).max(5).nullable().optional(),
    }),
    response: z.strictObject({ id: z.number(), nextRuns: z.array(z.string()) }),
  },
  'POST /hr/schedules/:id/active': {
    params: idParams,
    body: z.object({ active: z.boolean() }),
    response: z.strictObject({ id: z.number(), active: z.boolean() }),
  },
} satisfies Endpoints;

const followUp = z.strictObject({ followUp: followUpRowSchema });

const pulseFollowUpEndpoints = {
  'GET /followups': {
    query: z.object({
      status: followUpStatus.optional(),
      all: z.enum(['0', '1']).optional(),
      ownerId: z.coerce.number().int().positive().optional(),
    }),
    response: z.strictObject({ followUps: z.array(followUpRowSchema), all: z.boolean() }),
  },
  'GET /followups/options': {
    response: z.strictObject({
      owners: z.array(z.strictObject({ id: z.number(), name: z.string(), unit: z.string().nullable() })),
      units: z.array(unitRef),
      waves: z.array(z.strictObject({ id: z.number(), title: z.string(), openedAt: z.string() })),
      today: z.string(),
    }),
  },
  'POST /followups': {
    body: z.object({
      title: z.string().trim().min(1).max(FOLLOW_UP_TITLE_MAX),
      ownerId: z.number().int().positive(),
      dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      waveId: z.number().int().positive().nullable().default(null),
      unitId: z.number().int().positive().nullable().default(null),
    }),
    response: followUp,
  },
  'POST /followups/:id/status': { params: idParams, body: z.object({ status: followUpStatus }), response: followUp },
} satisfies Endpoints;

export const pulseAdminEndpoints = {
  ...pulseTemplateEndpoints,
  ...pulseScheduleEndpoints,
  ...pulseFollowUpEndpoints,
} satisfies Endpoints;
