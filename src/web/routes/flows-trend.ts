// Ratings across cycles for a unit (managers: their subtree; HR: any unit) — the trend chart on the team
// ratings and HR ratings pages. Scope is enforced by ratingsTrend, the same rules as the team report.
import type { FastifyInstance } from 'fastify';
import { audit } from '../../domain/audit.js';
import { ratingsTrend } from '../../domain/ratings/trend.js';
import { requireManager, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';

export function registerTrendRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;

  serve(api, 'GET /team/ratings/trend', async (req, _reply, input) => {
    const v = viewerOf(req);
    await requireManager(db, v);
    const q = input.query();
    const r = await ratingsTrend(db, { viewer: v.person, unitId: q.unitId, scheme: q.scheme });
    if (!r.ok && r.code === 'forbidden') throw new ApiError(403, v.t('report.error.forbidden'), 'forbidden');
    if (!r.ok && r.code === 'unknown_unit') throw new ApiError(404, v.t('report.error.unknown_unit'), 'not_found');
    if (!r.ok) return { trend: null, message: v.t('fs.trend.none') };
    const tr = r.trend;
    // Averages over people are still ratings: who looked at which unit is on record, like the report.
    await audit(db, { kind: 'employee', employeeId: v.person.id }, 'rating.trend.view', `unit:${tr.unit.id}`, {
      scheme: tr.scheme.key,
    });
    return {
      trend: {
        unitId: tr.unit.id,
        unit: tr.unit.path || tr.unit.name,
        scheme: tr.scheme.key,
        schemeName: tr.scheme.name[v.locale],
        schemes: tr.schemes.map((s) => ({ key: s.key, name: s.name[v.locale] })),
        points: tr.points.map((p) => ({
          cycleId: p.cycleId,
          closedAt: p.closedAt,
          people: p.people,
          composite: p.composite,
        })),
        dimensions: tr.scheme.dimensions.map((d) => ({
          key: d.key,
          name: d.name[v.locale],
          values: tr.points.map((p) => p.dimensions[d.key] ?? null),
        })),
      },
    };
  });
}
