// HR: turnover by unit and unit kind over a period, with the latest closed wave's pulse beside each row (as its
// own report shows it), and the threshold at which a store is flagged (audited, refused whole when out of range).
import type { FastifyInstance } from 'fastify';
import { allUnits } from '../../domain/org/units.js';
import { buildTurnoverReport, setTurnoverThreshold } from '../../domain/org/turnover-report.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';

const unitRef = (u: { id: number; name: string; path: string }) => ({ id: u.id, name: u.name, path: u.path });

export function registerOrgTurnoverRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;
  const now = () => deps.now?.() ?? new Date();

  serve(api, 'GET /hr/turnover', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const q = input.query();
    const r = await buildTurnoverReport(db, { viewer: v.person, ...q, now: now() });
    if (!r.ok) {
      if (r.code === 'forbidden') throw new ApiError(403, v.t('error.forbidden'), 'forbidden');
      if (r.code === 'bad_days') throw new ApiError(400, v.t('turnover.error.days'), 'invalid');
      throw new ApiError(404, v.t('turnover.error.unit'), 'not_found');
    }
    const t = r.report;
    return {
      days: t.days,
      from: t.from,
      to: t.to,
      threshold: t.threshold,
      unit: unitRef(t.unit),
      depth: t.depth,
      levels: t.levels,
      kind: t.kind ?? null,
      total: t.total,
      rows: t.rows.map(({ unit, unitId: _id, pulse, ...row }) => ({
        ...row,
        unit: unitRef(unit),
        pulse:
          pulse === undefined
            ? null
            : 'hidden' in pulse
              ? { hidden: true as const }
              : { hidden: false as const, ...pulse },
      })),
      wave: t.wave
        ? {
            id: t.wave.id,
            title: t.wave.name[v.locale],
            dimensions: t.wave.dimensions.map((d) => ({ key: d.key, name: d.name[v.locale] })),
          }
        : null,
      units: (await allUnits(db)).map(unitRef).sort((a, b) => a.path.localeCompare(b.path)),
    };
  });

  serve(api, 'PUT /hr/turnover/threshold', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const raw = input.body().threshold;
    const r = await unitOfWork(
      db,
      async (tx) => await setTurnoverThreshold(tx, raw, { kind: 'employee', employeeId: v.person.id }),
    );
    if (!r.ok) {
      const message = v.t('turnover.error.threshold');
      throw new ApiError(400, message, 'invalid', { threshold: message });
    }
    return { threshold: r.threshold };
  });
}
