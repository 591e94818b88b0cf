// HR and admins: value tags (what earns points) and rewards (what points buy). Creating and retiring go
// through the catalogue's own validation and audit; retired ones stay on old requests but are not offered.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { inTransaction } from '../../db/connection.js';
import {
  createReward,
  createTag,
  listRewards,
  listTags,
  retireReward,
  retireTag,
  rewardInputSchema,
  tagInputSchema,
} from '../../domain/points/catalogue.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError, parse } from '../errors.js';
import { fieldMessages } from '../field-messages.js';

export function registerHrTagRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;

  api.get('/hr/tags', async (req) => {
    requireHr(viewerOf(req));
    return {
      tags: listTags(db, true).map((t) => ({
        id: t.id,
        nameZh: t.nameZh,
        nameEn: t.nameEn,
        category: t.category,
        points: t.points,
        minPoints: t.minPoints,
        maxPoints: t.maxPoints,
        active: t.active,
      })),
    };
  });

  api.post('/hr/tags', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const input = parse(tagInputSchema, req.body);
    const r = inTransaction(db, () => createTag(db, input, { kind: 'employee', employeeId: v.person.id }));
    if (!r.ok) throw new ApiError(400, v.t('error.invalidInput'), 'invalid', fieldMessages(r.issues, v.t));
    return { id: r.id };
  });

  api.post('/hr/tags/:id/retire', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = parse(z.object({ id: z.coerce.number().int().positive() }), req.params);
    const ok = inTransaction(db, () => retireTag(db, id, { kind: 'employee', employeeId: v.person.id }));
    if (!ok) throw new ApiError(404, v.t('claim.error.tag'), 'not_found');
    return { ok: true };
  });

  api.get('/hr/rewards', async (req) => {
    requireHr(viewerOf(req));
    return {
      rewards: listRewards(db).map((r) => ({
        id: r.id,
        nameZh: r.nameZh,
        nameEn: r.nameEn,
        category: r.category,
        cost: r.cost,
      })),
    };
  });

  api.post('/hr/rewards', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const input = parse(rewardInputSchema, req.body);
    const r = inTransaction(db, () => createReward(db, input, { kind: 'employee', employeeId: v.person.id }));
    if (!r.ok) throw new ApiError(400, v.t('error.invalidInput'), 'invalid', fieldMessages(r.issues, v.t));
    return { id: r.id };
  });

  api.post('/hr/rewards/:id/retire', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = parse(z.object({ id: z.coerce.number().int().positive() }), req.params);
    if (!inTransaction(db, () => retireReward(db, id, { kind: 'employee', employeeId: v.person.id })))
      throw new ApiError(404, v.t('error.cardExpired.body'), 'not_found');
    return { ok: true };
  });
}
