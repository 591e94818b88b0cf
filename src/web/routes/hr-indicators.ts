// HR and admins: ingestion systems (a token per system, shown once), the indicators systems may push, point
// rules over them, and the hourly cost that converts hours saved to money. Each change is audited in its
// transaction by the domain; a refusal is a 400 at its field, nothing written.
import type { FastifyInstance } from 'fastify';
import {
  activeRules,
  createRule,
  defineIndicator,
  listIndicators,
  retireRule,
} from '../../domain/indicators/catalogue.js';
import { createSystem, listSystems, revokeSystem } from '../../domain/indicators/systems.js';
import { indicatorQuantity } from '../../domain/indicators/rule-claims.js';
import { listTags } from '../../domain/points/catalogue.js';
import { hourlyCost, setHourlyCost } from '../../domain/points/hourly-cost.js';
import { MAX_HOURLY_COST } from '../../domain/points/hours-value.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { fieldMessages } from '../field-messages.js';
import { serve } from '../serve.js';

export function registerHrIndicatorRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;
  const now = () => deps.now?.() ?? new Date();

  serve(api, 'GET /hr/ingest/systems', async (req) => {
    requireHr(viewerOf(req));
    return { systems: await listSystems(db) };
  });

  serve(api, 'POST /hr/ingest/systems', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { name } = input.body();
    const r = await unitOfWork(
      db,
      async (tx) => await createSystem(tx, name, { kind: 'employee', employeeId: v.person.id }),
    );
    if (!r.ok) {
      const message = v.t('ingest.system.name_taken');
      throw new ApiError(400, message, r.code, { name: message });
    }
    return { system: r.system, token: r.token };
  });

  serve(api, 'POST /hr/ingest/systems/:id/revoke', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = input.params();
    const r = await unitOfWork(
      db,
      async (tx) => await revokeSystem(tx, id, { kind: 'employee', employeeId: v.person.id }, now()),
    );
    if (!r.ok) throw new ApiError(r.code === 'not_found' ? 404 : 409, v.t(`ingest.system.${r.code}`), r.code);
    return { ok: true as const };
  });

  serve(api, 'GET /hr/indicators', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const indicators = await listIndicators(db);
    const tags = await listTags(db, true);
    const nameOf = <T extends { nameZh: string; nameEn: string }>(x: T) => (v.locale === 'en' ? x.nameEn : x.nameZh);
    return {
      indicators,
      rules: (await activeRules(db)).map((r) => {
        const ind = indicators.find((i) => i.key === r.indicatorKey);
        const tag = tags.find((t) => t.id === r.tagId);
        const threshold = ind ? indicatorQuantity(r.threshold, ind, v.locale).text : String(r.threshold);
        return {
          ...r,
          text: `${ind ? nameOf(ind) : r.indicatorKey} ${r.op} ${threshold} → ${r.points} · ${tag ? nameOf(tag) : `#${r.tagId}`}`,
        };
      }),
      tags: tags.filter((t) => t.active).map((t) => ({ id: t.id, name: nameOf(t) })),
    };
  });

  serve(api, 'POST /hr/indicators', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = input.body();
    const r = await unitOfWork(
      db,
      async (tx) => await defineIndicator(tx, body, { kind: 'employee', employeeId: v.person.id }),
    );
    if (!r.ok) throw new ApiError(400, v.t('error.invalidInput'), 'invalid', fieldMessages(r.issues, v.t));
    return { id: r.indicator.id };
  });

  serve(api, 'POST /hr/indicator-rules', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = input.body();
    const r = await unitOfWork(
      db,
      async (tx) => await createRule(tx, body, { kind: 'employee', employeeId: v.person.id }),
    );
    if (!r.ok) throw new ApiError(400, v.t('error.invalidInput'), 'invalid', fieldMessages(r.issues, v.t));
    return { id: r.rule.id };
  });

  serve(api, 'POST /hr/indicator-rules/:id/retire', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = input.params();
    const done = await unitOfWork(
      db,
      async (tx) => await retireRule(tx, id, { kind: 'employee', employeeId: v.person.id }),
    );
    if (!done) throw new ApiError(404, v.t('indicators.rule.not_found'), 'not_found');
    return { ok: true as const };
  });

  serve(api, 'GET /hr/settings/hourly-cost', async (req) => {
    requireHr(viewerOf(req));
    return { hourlyCost: (await hourlyCost(db)) ?? null, maximum: MAX_HOURLY_COST };
  });

  serve(api, 'PUT /hr/settings/hourly-cost', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { hourlyCost: rate } = input.body();
    const r = await unitOfWork(
      db,
      async (tx) => await setHourlyCost(tx, rate, { kind: 'employee', employeeId: v.person.id }),
    );
    if (!r.ok) {
      const message = v.t('points.hourlyCost.invalid', { max: MAX_HOURLY_COST });
      throw new ApiError(400, message, 'invalid', { hourlyCost: message });
    }
    return { hourlyCost: rate };
  });
}
