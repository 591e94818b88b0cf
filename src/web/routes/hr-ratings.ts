// HR and admins: rating cycles (open for a unit with a scheme, close and announce the results, list) and
// the course catalogue. The same domain calls as `/rating open|close` and `/courses add` in chat, in one
// transaction with the rater cards and result messages they send (then the worker is woken).
import type { FastifyInstance } from 'fastify';
import { desc } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction } from '../../db/connection.js';
import { ratingCycles } from '../../db/schema.js';
import { announce, askRater } from '../../bot/features/rating-notices.js';
import { allUnits } from '../../domain/org/units.js';
import { addCourse, courseSchema, listCourses } from '../../domain/ratings/courses.js';
import { closeCycle, getCycle, listSchemes, openCycle } from '../../domain/ratings/cycles.js';
import type { MessageKey } from '../../i18n/index.js';
import { notifierOf, requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError, parse } from '../errors.js';

const DAY = 86_400_000;
const openBody = z.object({ scheme: z.string().min(1).max(40), unitId: z.number().int().positive(), days: z.number().int().min(1).max(90) });

export function registerHrRatingRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();

  api.get('/hr/ratings', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const units = allUnits(db);
    const cycles = db
      .select({ id: ratingCycles.id })
      .from(ratingCycles)
      .orderBy(desc(ratingCycles.id))
      .limit(50)
      .all()
      .map((r) => getCycle(db, r.id)!)
      .map((c) => ({ id: c.id, scheme: c.scheme.name[v.locale], unit: units.find((u) => u.id === c.unitId)?.name ?? '?', openedAt: c.openedAt.toISOString(), closesAt: c.closesAt.toISOString(), closedAt: c.closedAt?.toISOString() ?? null }));
    return {
      schemes: listSchemes(db).map(({ scheme }) => ({ key: scheme.key, name: scheme.name[v.locale], dimensions: scheme.dimensions.map((d) => `${d.name[v.locale]} ${d.weight}%`) })),
      units: units.map((u) => ({ id: u.id, name: u.name, path: u.path })),
      cycles,
    };
  });

  api.post('/hr/ratings/cycles', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = parse(openBody, req.body);
    const r = inTransaction(db, () => {
      const res = openCycle(db, { schemeRef: body.scheme, unitId: body.unitId, closesAt: new Date(now().getTime() + body.days * DAY), now: now(), actor: { kind: 'employee', employeeId: v.person.id } });
      // Every rater gets their card in chat, exactly as when the cycle is opened from chat.
      if (res.ok) for (const rater of res.raters) askRater(db, notifierOf(deps), config, res.cycle, rater);
      return res;
    });
    deps.worker.kick();
    if (!r.ok) {
      const field = r.code === 'unknown_scheme' ? 'scheme' : r.code === 'close_in_past' ? 'days' : 'unitId';
      throw new ApiError(400, v.t(`rating.error.${r.code}` as MessageKey), r.code, { [field]: v.t(`rating.error.${r.code}` as MessageKey) });
    }
    return { id: r.cycle.id, raters: r.raters.length };
  });

  api.post('/hr/ratings/cycles/:id/close', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = parse(z.object({ id: z.coerce.number().int().positive() }), req.params);
    const r = inTransaction(db, () => {
      const res = closeCycle(db, { cycleId: id, now: now(), actor: { kind: 'employee', employeeId: v.person.id } });
      // Each person gets their own result; recommendations go to the person and their manager.
      if (res.ok) announce(db, notifierOf(deps), res);
      return res;
    });
    deps.worker.kick();
    if (r.ok) return { id: r.cycle.id, people: r.results.length, recommendations: r.recommendations.length };
    if (r.code === 'unknown_cycle') throw new ApiError(404, v.t('rating.error.unknown_cycle'), 'not_found');
    throw new ApiError(409, v.t('rating.error.closed'), 'closed');
  });

  api.get('/hr/courses', async (req) => {
    requireHr(viewerOf(req));
    return { courses: listCourses(db).map((c) => ({ id: c.id, nameZh: c.nameZh, nameEn: c.nameEn, dimension: c.dimension, url: c.url })) };
  });

  api.post('/hr/courses', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    // An empty URL field from the form means "no URL".
    const raw = z.object({ url: z.string().optional() }).passthrough().safeParse(req.body);
    const body = raw.success && raw.data.url === '' ? { ...raw.data, url: undefined } : req.body;
    const input = parse(courseSchema, body);
    const r = inTransaction(db, () => addCourse(db, input, { kind: 'employee', employeeId: v.person.id }));
    if (!r.ok) throw new ApiError(400, r.detail, 'invalid');
    return { id: r.id };
  });
}
