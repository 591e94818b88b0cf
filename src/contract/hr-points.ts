// HR's points catalogue: value tags (what earns points) and rewards (what points buy) — list, add, retire
// (see endpoint.ts).
import { z } from 'zod';
import { rewardInputSchema, tagInputSchema } from '../domain/points/catalogue.js';
import type { Endpoints } from './endpoint.js';
import { created, idParams, ok } from './parts.js';

const tag = z.strictObject({
  id: z.number(),
  nameZh: z.string(),
  nameEn: z.string(),
  category: z.string(),
  points: z.number(),
  minPoints: z.number(),
  maxPoints: z.number(),
  active: z.boolean(),
});

const reward = z.strictObject({
  id: z.number(),
  nameZh: z.string(),
  nameEn: z.string(),
  category: rewardInputSchema.shape.category,
  cost: z.number(),
});

export const hrPointsEndpoints = {
  'GET /hr/tags': { response: z.strictObject({ tags: z.array(tag) }) },
  'POST /hr/tags': { body: tagInputSchema, response: created },
  'POST /hr/tags/:id/retire': { params: idParams, response: ok },
  'GET /hr/rewards': { response: z.strictObject({ rewards: z.array(reward) }) },
  'POST /hr/rewards': { body: rewardInputSchema, response: created },
  'POST /hr/rewards/:id/retire': { params: idParams, response: ok },
} satisfies Endpoints;
