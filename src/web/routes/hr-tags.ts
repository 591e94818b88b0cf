// HR and admins: value tags (what earns points) and rewards (what points buy). Creating and retiring go
// through the catalogue's own validation and audit; retired ones stay on old requests but are not offered.
import type { FastifyInstance } from 'fastify';
import {
  createReward,
  createTag,
  listRewards,
  listTags,
  retireReward,
  retireTag,
} from '../../domain/points/catalogue.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { fieldMessages } from '../field-messages.js';
import { serve } from '../serve.js';

export function registerHrTagRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;

  serve(api, 'GET /hr/tags', async (req) => {
    requireHr(viewerOf(req));
    return {
      tags: (await listTags(db, true)).map((t) => ({
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

  serve(api, 'POST /hr/tags', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = input.body();
    const r = await unitOfWork(
      db,
      async (tx) => await createTag(tx, body, { kind: 'employee', employeeId: v.person.id }),
    );
    if (!r.ok) throw new ApiError(400, v.t('error.invalidInput'), 'invalid', fieldMessages(r.issues, v.t));
    return { id: r.id };
  });

  serve(api, 'POST /hr/tags/:id/retire', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = input.params();
    const ok = await unitOfWork(
      db,
      async (tx) => await retireTag(tx, id, { kind: 'employee', employeeId: v.person.id }),
    );
    if (!ok) throw new ApiError(404, v.t('claim.error.tag'), 'not_found');
    return { ok: true as const };
  });

  serve(api, 'GET /hr/rewards', async (req) => {
    requireHr(viewerOf(req));
    return {
      rewards: (await listRewards(db)).map((r) => ({
        id: r.id,
        nameZh: r.nameZh,
        nameEn: r.nameEn,
        category: r.category,
        cost: r.cost,
      })),
    };
  });

  serve(api, 'POST /hr/rewards', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = input.body();
    const r = await unitOfWork(
      db,
      async (tx) => await createReward(tx, body, { kind: 'employee', employeeId: v.person.id }),
    );
    if (!r.ok) throw new ApiError(400, v.t('error.invalidInput'), 'invalid', fieldMessages(r.issues, v.t));
    return { id: r.id };
  });

  serve(api, 'POST /hr/rewards/:id/retire', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = input.params();
    if (
      !(await unitOfWork(db, async (tx) => await retireReward(tx, id, { kind: 'employee', employeeId: v.person.id })))
    )
      throw new ApiError(404, v.t('error.cardExpired.body'), 'not_found');
    return { ok: true as const };
  });
}
