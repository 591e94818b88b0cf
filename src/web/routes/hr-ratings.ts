// HR and admins: rating cycles (open for a unit with a scheme; a cycle's page with how far each dimension
// is filled, who has no rater and the indicator import; close and announce the results, list) and the
// course catalogue. The same domain calls as `/rating open|close|import` and `/courses add` in chat, in one
// transaction with the rater cards and result messages they send (then the worker is woken).
import type { FastifyInstance } from 'fastify';
import { announce, askRater } from '../../bot/features/rating-notices.js';
import { allUnits } from '../../domain/org/units.js';
import { addCourse, courseDimensions, dimensionLabel, listCourses } from '../../domain/ratings/courses.js';
import { recentCycles } from '../../domain/ratings/cycle-list.js';
import {
  closePreview,
  getCycle,
  importIndicators,
  leftOut,
  listSchemes,
  noRaterAssignments,
  openCycle,
  requestClose,
  type DimensionCoverage,
} from '../../domain/ratings/cycles.js';
import type { MessageKey } from '../../i18n/index.js';
import { importProblemText } from '../../../cards/rating.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { notifierOf, requireHr, viewerOf, type Viewer, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { fieldMessages } from '../field-messages.js';
import { serve } from '../serve.js';

const DAY = 86_400_000;

const coverageJson = (c: readonly DimensionCoverage[], v: Viewer) =>
  c.map((d) => ({ key: d.key, name: d.name[v.locale], filled: d.filled, of: d.of, noRater: d.noRater }));

export function registerHrRatingRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();

  serve(api, 'GET /hr/ratings', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const units = await allUnits(db);
    const cycles = (await recentCycles(db, 50)).map((c) => ({
      id: c.id,
      scheme: c.scheme.name[v.locale],
      unit: units.find((u) => u.id === c.unitId)?.name ?? '?',
      openedAt: c.openedAt.toISOString(),
      closesAt: c.closesAt.toISOString(),
      closedAt: c.closedAt?.toISOString() ?? null,
    }));
    return {
      schemes: (await listSchemes(db)).map(({ scheme }) => ({
        key: scheme.key,
        name: scheme.name[v.locale],
        dimensions: scheme.dimensions.map((d) => `${d.name[v.locale]} ${d.weight}%`),
      })),
      units: units.map((u) => ({ id: u.id, name: u.name, path: u.path })),
      cycles,
    };
  });

  serve(api, 'POST /hr/ratings/cycles', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = input.body();
    const r = await unitOfWork(db, async (tx) => {
      const res = await openCycle(tx, {
        schemeRef: body.scheme,
        unitId: body.unitId,
        closesAt: new Date(now().getTime() + body.days * DAY),
        now: now(),
        actor: { kind: 'employee', employeeId: v.person.id },
      });
      // Every rater gets their card in chat, exactly as when the cycle is opened from chat.
      if (res.ok) for (const rater of res.raters) await askRater(tx, notifierOf(deps), config, res.cycle, rater);
      return res;
    });
    deps.worker.kick();
    if (!r.ok) {
      const field = r.code === 'unknown_scheme' ? 'scheme' : r.code === 'close_in_past' ? 'days' : 'unitId';
      throw new ApiError(400, v.t(`rating.error.${r.code}` as MessageKey), r.code, {
        [field]: v.t(`rating.error.${r.code}` as MessageKey),
      });
    }
    return { id: r.cycle.id, raters: r.raters.length };
  });

  /** A cycle's page: how far each dimension is filled, who has no rater and why, what can be imported. */
  serve(api, 'GET /hr/ratings/cycles/:id', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = input.params();
    const cycle = await getCycle(db, id);
    if (!cycle) throw new ApiError(404, v.t('rating.error.unknown_cycle'), 'not_found');
    const preview = await closePreview(db, cycle);
    return {
      id: cycle.id,
      scheme: cycle.scheme.name[v.locale],
      unit: (await allUnits(db)).find((u) => u.id === cycle.unitId)?.name ?? '?',
      closesAt: cycle.closesAt.toISOString(),
      closedAt: cycle.closedAt?.toISOString() ?? null,
      coverage: coverageJson(preview.coverage, v),
      fingerprint: preview.fingerprint,
      noRater: (await noRaterAssignments(db, cycle)).map((a) => ({
        name: a.name,
        dimension: a.dimension.name[v.locale],
        reason: v.t(`rating.noRater.${a.reason}`),
      })),
      indicators: cycle.scheme.dimensions
        .filter((d) => d.kind === 'indicator')
        .map((d) => ({ key: d.key, name: d.name[v.locale] })),
    };
  });

  /**
   * Close: with every dimension filled, at once; otherwise a 409 with what is missing and the summary's
   * fingerprint, and only a second call carrying that fingerprint closes (an older one gets the new summary).
   */
  serve(api, 'POST /hr/ratings/cycles/:id/close', async (req, reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = input.params();
    const { confirm } = input.body();
    const r = await unitOfWork(db, async (tx) => {
      const res = await requestClose(tx, {
        cycleId: id,
        confirm,
        now: now(),
        actor: { kind: 'employee', employeeId: v.person.id },
      });
      // Each person gets their own result; recommendations go to the person and their manager.
      if (res.ok) await announce(tx, notifierOf(deps), res, config);
      return res;
    });
    deps.worker.kick();
    if (r.ok)
      return {
        id: r.cycle.id,
        people: r.results.length,
        recommendations: r.recommendations.length,
        leftOut: coverageJson(leftOut(r.coverage), v),
      };
    if (r.code === 'needs_confirm' || r.code === 'stale')
      return reply.code(409).send({
        error: v.t(`rating.error.${r.code}`),
        code: r.code,
        missing: coverageJson(leftOut(r.preview.coverage), v),
        fingerprint: r.preview.fingerprint,
      });
    if (r.code === 'unknown_cycle') throw new ApiError(404, v.t('rating.error.unknown_cycle'), 'not_found');
    throw new ApiError(409, v.t('rating.error.closed'), 'closed');
  });

  /** Indicators as CSV (the same import as `/rating import` in chat); problems come back per line. */
  serve(api, 'POST /hr/ratings/cycles/:id/indicators', async (req, reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = input.params();
    const body = input.body();
    const r = await unitOfWork(
      db,
      async (tx) =>
        await importIndicators(tx, {
          cycleId: id,
          csv: body.csv,
          skipInvalid: body.skipInvalid,
          actor: { kind: 'employee', employeeId: v.person.id },
          now: now(),
        }),
    );
    const lines = (ps: { line: number; code: string; value: string }[]) =>
      ps.map((p) => ({ line: p.line, message: importProblemText(p, v.t) }));
    if (r.ok) return { imported: r.imported, skipped: lines(r.skipped) };
    if (r.code === 'unknown_cycle') throw new ApiError(404, v.t('rating.error.unknown_cycle'), 'not_found');
    if (r.code === 'closed') throw new ApiError(409, v.t('rating.error.closed'), 'closed');
    return reply
      .code(400)
      .send({ error: v.t('rating.error.invalid'), code: 'invalid_rows', problems: lines(r.problems), valid: r.valid });
  });

  serve(api, 'GET /hr/courses', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    return {
      courses: await Promise.all(
        (await listCourses(db)).map(async (c) => ({
          id: c.id,
          nameZh: c.nameZh,
          nameEn: c.nameEn,
          dimension: c.dimension,
          dimensionLabel: await dimensionLabel(db, c.dimension, v.locale),
          url: c.url,
        })),
      ),
      dimensions: await courseDimensions(db, v.locale),
    };
  });

  serve(api, 'POST /hr/courses', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    // An empty URL field from the form means "no URL" (the contract's body says so).
    const body = input.body();
    const r = await unitOfWork(
      db,
      async (tx) => await addCourse(tx, body, { kind: 'employee', employeeId: v.person.id }),
    );
    if (!r.ok) throw new ApiError(400, v.t('error.invalidInput'), 'invalid', fieldMessages(r.issues, v.t));
    return { id: r.id };
  });
}
