// Points that cannot be gamed (issue 24): the leaderboard by calendar period for everyone (their unit, the
// units they lead, any unit for HR), and HR's claim caps (refused whole with the field that is wrong, audited
// in the same transaction).
import type { FastifyInstance } from 'fastify';
import { boardUnits, calendarBoard, defaultBoardUnit } from '../../domain/points/boards.js';
import { claimCaps, MAX_CAP, setClaimCaps } from '../../domain/points/caps.js';
import { listTags } from '../../domain/points/catalogue.js';
import { companyTimeZone } from '../../domain/points/submit-claim.js';
import { allUnits } from '../../domain/org/units.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import type { MessageKey } from '../../i18n/index.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';

export function registerPointRulesRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();

  serve(api, 'GET /leaderboard', async (req, _reply, input) => {
    const v = viewerOf(req);
    const q = input.query();
    const units = await allUnits(db);
    const open = boardUnits(units, v.person);
    const unit = q.unitId === undefined ? defaultBoardUnit(units, v.person) : open.find((u) => u.id === q.unitId);
    if (q.unitId !== undefined && !unit) throw new ApiError(403, v.t('report.error.forbidden'), 'forbidden');
    const board = await calendarBoard(db, {
      units,
      unit,
      self: v.person.id,
      period: q.period,
      now: now(),
      timeZone: await companyTimeZone(db, config.defaultTimezone),
      limit: 20,
    });
    const ref = (u: { id: number; name: string; path: string }) => ({ id: u.id, name: u.name, path: u.path });
    return {
      period: board.period,
      periodLabel: v.t(`points.calendar.${board.period}` as MessageKey, { label: board.label }),
      unit: board.unit ? ref(board.unit) : null,
      units: open.map(ref),
      rows: board.rows.map((r, i) => ({
        rank: i + 1,
        name: r.name,
        points: r.points,
        me: r.employeeId === v.person.id,
      })),
    };
  });

  serve(api, 'GET /hr/settings/point-caps', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    return {
      caps: await claimCaps(db),
      tags: (await listTags(db, true)).map((t) => ({ id: t.id, name: v.locale === 'en' ? t.nameEn : t.nameZh })),
      maximum: MAX_CAP,
    };
  });

  serve(api, 'PUT /hr/settings/point-caps', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = input.body();
    const tags = new Set((await listTags(db)).map((t) => t.id));
    const listed = Array.isArray(body.tags) ? (body.tags as unknown[]) : [];
    for (const [i, t] of listed.entries()) {
      const id = (t as { tagId?: unknown } | null)?.tagId;
      if (typeof id === 'number' && !tags.has(id)) {
        const message = v.t('points.caps.error.unknown_tag', { id });
        throw new ApiError(400, message, 'unknown_tag', { [`tags.${i}.tagId`]: message });
      }
    }
    const r = await unitOfWork(
      db,
      async (tx) => await setClaimCaps(tx, body, { kind: 'employee', employeeId: v.person.id }),
    );
    if (!r.ok) {
      const message = v.t(`points.caps.error.${r.problem.code}`, { max: MAX_CAP });
      throw new ApiError(400, message, r.problem.code, { [r.problem.field || 'caps']: message });
    }
    return { caps: r.caps };
  });
}
