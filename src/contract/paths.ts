// Development paths (issue 25 §4; see endpoint.ts): HR's paths and the catalogue to build them from; a person's
// path (their own, or someone's they lead) with stages and courses; assigning one and marking a course completed;
// the team's progress for the team page.
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';
import { created, idParams, named, optionalId } from './parts.js';

const stageAdmin = z.strictObject({
  nameZh: z.string(),
  nameEn: z.string(),
  fromMonth: z.number(),
  toMonth: z.number(),
  courseIds: z.array(z.number()),
});

const pathAdmin = z.strictObject({
  id: z.number(),
  nameZh: z.string(),
  nameEn: z.string(),
  role: z.string(),
  active: z.boolean(),
  enrolled: z.number(),
  stages: z.array(stageAdmin),
});

/** What HR sends: checked by the domain's rules (src/domain/growth/paths-rules.ts), refusals at their fields. */
const pathBody = z.object({
  nameZh: z.string(),
  nameEn: z.string(),
  role: z.string().optional(),
  active: z.boolean().optional(),
  stages: z.array(z.unknown()),
});

const courseRow = z.strictObject({
  id: z.number(),
  name: z.string(),
  url: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** Who marked it: the person themselves, their manager, HR. */
  markedBy: z.string().nullable(),
});

export const progressSchema = z.strictObject({
  path: z.string(),
  role: z.string(),
  startedOn: z.string(),
  finishedAt: z.string().nullable(),
  /** 0-based; the number of stages once finished. */
  stage: z.number(),
  behind: z.boolean(),
  done: z.number(),
  total: z.number(),
  monthsElapsed: z.number(),
  stages: z.array(
    z.strictObject({
      name: z.string(),
      fromMonth: z.number(),
      toMonth: z.number(),
      state: z.enum(['done', 'current', 'upcoming']),
      courses: z.array(courseRow),
    }),
  ),
});

const teamRow = z.strictObject({
  id: z.number(),
  name: z.string(),
  path: z.string(),
  stage: z.number(),
  stages: z.number(),
  stageName: z.string().nullable(),
  done: z.number(),
  total: z.number(),
  behind: z.boolean(),
  finished: z.boolean(),
});

export const pathEndpoints = {
  'GET /hr/paths': {
    response: z.strictObject({
      paths: z.array(pathAdmin),
      /** The active catalogue, named in the reader's language. */
      courses: z.array(named),
    }),
  },
  'POST /hr/paths': { body: pathBody, response: created },
  'PUT /hr/paths/:id': { params: idParams, body: pathBody, response: created },
  /** The viewer's path, or (person) the path of someone they lead; 403 for anyone else. */
  'GET /path': {
    query: z.object({ person: optionalId }),
    response: z.strictObject({
      person: named,
      own: z.boolean(),
      canMark: z.boolean(),
      progress: progressSchema.nullable(),
    }),
  },
  'POST /path/assign': {
    body: z.object({
      employeeId: z.number().int().positive(),
      pathId: z.number().int().positive(),
      startedOn: z.string().optional(),
    }),
    response: created,
  },
  'POST /path/mark': {
    body: z.object({ employeeId: z.number().int().positive(), courseId: z.number().int().positive() }),
    response: z.strictObject({ stage: z.number(), moved: z.boolean(), finished: z.boolean() }),
  },
  /** The people the viewer leads who are on a path, those who are not (to assign), and the active paths. */
  'GET /team/paths': {
    response: z.strictObject({ people: z.array(teamRow), unassigned: z.array(named), paths: z.array(named) }),
  },
} satisfies Endpoints;
