// Everyone's pages: home (open surveys, balance, requests), answering a survey, claiming points,
// redeeming a reward, requesting a transfer, and one request's timeline. Writes reuse the bot's domain
// calls and run in one transaction with the outbox rows they cause (so chat cards stay in step).
import type { FastifyInstance } from 'fastify';
import { surveyFormView } from '../../bot/features/surveys.js';
import { loadRequest, requestsFor, submitRequest } from '../../domain/approvals/requests.js';
import { submitRefusalText } from '../../domain/approvals/submit-refusal.js';
import { QUANTITY_UNITS } from '../../domain/points/claim-value.js';
import { readClaim } from '../../domain/points/claims.js';
import { capRefusalText } from '../../domain/points/cap-text.js';
import { companyTimeZone, submitClaim } from '../../domain/points/submit-claim.js';
import { allUnits, transferTargets } from '../../domain/org/units.js';
import { getReward, listRewards, listTags } from '../../domain/points/catalogue.js';
import { balanceOf, recentEntries } from '../../domain/points/ledger.js';
import { surveySealKey } from '../../db/seal-key.js';
import { getTemplate } from '../../domain/surveys/templates.js';
import { COMMENT_MAX, getWave, submitAnswers, waveTemplate } from '../../domain/surveys/waves.js';
import { participationIn, unansweredOpenWaves } from '../../domain/surveys/my-surveys.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import type { MessageKey } from '../../i18n/index.js';
import { isHr, viewerOf, type Viewer, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';
import { submitAndPublish } from '../submit-and-publish.js';
import { maySee, requestJson } from '../views.js';
import { earlierClaimJson, reviewsLaterClaim } from '../earlier-claim.js';

export function registerEmployeeRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();

  /** Submit a request and tell the approvers (chat cards through the outbox), in one transaction. */
  const submit = async (v: Viewer, payload: Parameters<typeof submitRequest>[1]['payload']) =>
    await submitAndPublish(
      deps,
      async (tx) => await submitRequest(tx, { applicantId: v.person.id, payload, now: now() }),
    );

  serve(api, 'GET /home', async (req) => {
    const v = viewerOf(req);
    const open = await unansweredOpenWaves(db, v.person.id, now());
    const { waiting, mine } = await requestsFor(db, v.person.id);
    return {
      surveys: await Promise.all(
        open.map(async (w) => ({
          waveId: w.waveId,
          title: (await getTemplate(db, w.templateId))?.name[v.locale] ?? '',
          closesAt: w.closesAt,
        })),
      ),
      balance: await balanceOf(db, v.person.id),
      waiting: await Promise.all(waiting.map(async (r) => await requestJson(db, config, r, v.person.id, v.locale))),
      mine: await Promise.all(
        mine
          .reverse()
          .slice(0, 20)
          .map(async (r) => await requestJson(db, config, r, v.person.id, v.locale)),
      ),
    };
  });

  serve(api, 'GET /surveys/:id', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { id } = input.params();
    const wave = await getWave(db, id);
    if (!wave) throw new ApiError(404, v.t('survey.error.unknown_wave'), 'not_found');
    const p = await participationIn(db, id, v.person.id);
    if (!p) throw new ApiError(403, v.t('error.forbidden'), 'forbidden');
    const template = (await waveTemplate(db, wave))!;
    return {
      form: surveyFormView(template, wave, v.locale, config.defaultTimezone, false, wave.k),
      answered: p.answered,
      open: wave.closedAt === null && now() < wave.closesAt,
    };
  });

  serve(api, 'POST /surveys/:id/answers', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { id } = input.params();
    const body = input.body();
    const r = await unitOfWork(
      db,
      async (tx) =>
        await submitAnswers(tx, surveySealKey(config), {
          waveId: id,
          employeeId: v.person.id,
          values: body.values,
          now: now(),
        }),
    );
    // The caller is the comment's author: the key is theirs (it is stored nowhere).
    if (r.ok) return { ok: true as const, ...(r.replyKey ? { replyKey: r.replyKey } : {}) };
    if (r.code === 'invalid') {
      const fields = Object.fromEntries(
        Object.entries(r.fields ?? {}).map(([f, problem]) => [
          f,
          v.t(`survey.field.${problem}` as MessageKey, { max: COMMENT_MAX }),
        ]),
      );
      throw new ApiError(400, v.t('error.invalidInput'), 'invalid', fields);
    }
    if (r.code === 'unknown_wave') throw new ApiError(404, v.t('survey.error.unknown_wave'), 'not_found');
    if (r.code === 'not_invited') throw new ApiError(403, v.t('error.forbidden'), 'forbidden');
    if (r.code === 'closed') throw new ApiError(409, v.t('survey.error.closed'), 'closed');
    throw new ApiError(409, v.t('web.survey.alreadyAnswered'), 'already_answered');
  });

  serve(api, 'GET /points', async (req) => {
    const v = viewerOf(req);
    return {
      balance: await balanceOf(db, v.person.id),
      entries: (await recentEntries(db, v.person.id)).map((e) => ({
        at: e.at,
        kind: e.kind,
        points: e.points,
        note: e.note,
      })),
      tags: (await listTags(db)).map((t) => ({
        id: t.id,
        name: v.locale === 'en' ? t.nameEn : t.nameZh,
        description: v.locale === 'en' ? t.descriptionEn : t.descriptionZh,
        points: t.points,
      })),
      units: [...QUANTITY_UNITS],
      rewards: (await listRewards(db)).map((r) => ({
        id: r.id,
        name: v.locale === 'en' ? r.nameEn : r.nameZh,
        cost: r.cost,
      })),
    };
  });

  serve(api, 'POST /claims', async (req, _reply, input) => {
    const v = viewerOf(req);
    // The value is text with units ("15%, ¥100000"), read by the same function as the chat form.
    const body = input.body();
    const claim = await readClaim(db, v, body);
    if (!claim.ok) throw new ApiError(400, v.t('error.invalidInput'), 'invalid', claim.fieldErrors);
    const timeZone = await companyTimeZone(db, config.defaultTimezone);
    const payload = claim.payload;
    const r = await submitAndPublish(
      deps,
      async (tx) => await submitClaim(tx, { applicantId: v.person.id, payload, now: now(), timeZone }),
    );
    if (!r.ok && r.code === 'over_cap') {
      // Over a cap: nothing was written; said at the tag field, which cap and when it resets.
      const text = await capRefusalText(db, v, r, payload.tagId, timeZone);
      throw new ApiError(409, text, 'over_cap', { tag: text });
    }
    if (!r.ok) throw new ApiError(409, submitRefusalText(v.t, v.locale, r), r.code);
    return { id: r.request.id };
  });

  serve(api, 'POST /redemptions', async (req, _reply, input) => {
    const v = viewerOf(req);
    const body = input.body();
    const reward = await getReward(db, body.rewardId);
    if (!reward?.active) throw new ApiError(404, v.t('error.cardExpired.body'), 'not_found');
    const r = await submit(v, { kind: 'redemption', rewardId: reward.id, cost: reward.cost });
    if (!r.ok)
      throw new ApiError(
        409,
        v.t('rewards.error.balance', { cost: reward.cost, balance: await balanceOf(db, v.person.id) }),
        r.code,
      );
    return { id: r.request.id };
  });

  serve(api, 'GET /units', async () => ({
    units: (await allUnits(db)).map((u) => ({ id: u.id, name: u.name, path: u.path, parentId: u.parentId })),
  }));

  // The transfer form: only units the person can be transferred to, and today (the default effective date).
  serve(api, 'GET /transfers/options', async (req) => {
    const v = viewerOf(req);
    return {
      units: transferTargets(await allUnits(db), v.person.unitId).map((u) => ({
        id: u.id,
        name: u.name,
        path: u.path,
        parentId: u.parentId,
      })),
      today: now().toISOString().slice(0, 10),
    };
  });

  serve(api, 'POST /transfers', async (req, _reply, input) => {
    const v = viewerOf(req);
    const body = input.body();
    const fields: Record<string, string> = {};
    const units = await allUnits(db);
    const unit = units.find((u) => u.id === body.toUnitId);
    const today = now().toISOString().slice(0, 10);
    const effectiveDate = body.effectiveDate || today;
    if (!unit) fields.toUnitId = v.t('report.error.unknown_unit');
    else if (unit.id === v.person.unitId) fields.toUnitId = v.t('transfer.error.same');
    else if (!transferTargets(units, v.person.unitId).some((u) => u.id === unit.id))
      fields.toUnitId = v.t('transfer.error.notEligible', { unit: unit.name });
    if (!body.reason.trim()) fields.reason = v.t('web.transfer.reasonRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveDate) || Number.isNaN(Date.parse(effectiveDate)) || effectiveDate < today)
      fields.effectiveDate = v.t('transfer.error.date');
    if (Object.keys(fields).length) throw new ApiError(400, v.t('error.invalidInput'), 'invalid', fields);
    const r = await submit(v, {
      kind: 'transfer',
      fromUnitId: v.person.unitId,
      toUnitId: body.toUnitId,
      reason: body.reason.trim(),
      effectiveDate,
    });
    if (!r.ok) throw new ApiError(409, submitRefusalText(v.t, v.locale, r), r.code);
    return { id: r.request.id };
  });

  serve(api, 'GET /requests/:id', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { id } = input.params();
    const r = await loadRequest(db, id);
    // The earlier claim a duplicate flag links to: its later claim's reviewer sees it, read-only (issue 24).
    if (r && !maySee(r, v.person.id, isHr(v.person)) && (await reviewsLaterClaim(db, r, v.person.id)))
      return { request: earlierClaimJson(await requestJson(db, config, r, v.person.id, v.locale)) };
    // Someone else's request: 403 with the message only, no data.
    if (!r || !maySee(r, v.person.id, isHr(v.person)))
      throw new ApiError(
        r ? 403 : 404,
        v.t(r ? 'error.forbidden' : 'approval.error.not_found'),
        r ? 'forbidden' : 'not_found',
      );
    return { request: await requestJson(db, config, r, v.person.id, v.locale) };
  });
}
