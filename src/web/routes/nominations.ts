// Peer nomination in the mini-app (issue 24): the same reading as chat (readClaim, findColleague), refusals at the
// field that is wrong, nothing written; a person's own recognition preference; HR's announced tags and channels.
import type { FastifyInstance } from 'fastify';
import { capRefusalText } from '../../domain/points/cap-text.js';
import { listTags } from '../../domain/points/catalogue.js';
import { readClaim } from '../../domain/points/claims.js';
import { nomineeProblem } from '../../domain/points/nomination-text.js';
import { findColleague, submitNomination } from '../../domain/points/nominations.js';
import { announcesMe, recognitionSettings, saveRecognition, setAnnouncesMe } from '../../domain/points/recognition.js';
import { companyTimeZone } from '../../domain/points/submit-claim.js';
import { submitRefusalText } from '../../domain/approvals/submit-refusal.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';
import { submitAndPublish } from '../submit-and-publish.js';

export function registerNominationRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();
  const tagsNamed = async (locale: 'zh-CN' | 'en', ids?: ReadonlySet<number>) =>
    (await listTags(db, true))
      .filter((t) => !ids || ids.has(t.id))
      .map((t) => ({ id: t.id, name: locale === 'en' ? t.nameEn : t.nameZh }));

  serve(api, 'POST /nominations', async (req, _reply, input) => {
    const v = viewerOf(req);
    const body = input.body();
    const found = body.nominee.trim() ? await findColleague(db, body.nominee) : undefined;
    const personError = found
      ? nomineeProblem(v.t, body.nominee, found, v.person.id)
      : v.t('nomination.error.noPerson');
    const claim = await readClaim(db, v, body);
    const fields = { ...(claim.ok ? {} : claim.fieldErrors), ...(personError ? { nominee: personError } : {}) };
    if (!claim.ok || personError || !found?.ok)
      throw new ApiError(400, personError ?? v.t('error.invalidInput'), 'invalid', fields);
    const timeZone = await companyTimeZone(db, config.defaultTimezone);
    const payload = claim.payload;
    const r = await submitAndPublish(
      deps,
      async (tx) =>
        await submitNomination(tx, {
          nominatorId: v.person.id,
          nomineeId: found.person.id,
          payload,
          now: now(),
          timeZone,
        }),
    );
    if (r.ok) return { id: r.request.id };
    if (r.code === 'over_cap') {
      // The nominee's cap: said at the tag field, which cap and when it resets.
      const text = await capRefusalText(db, v, r, payload.tagId, timeZone);
      throw new ApiError(409, text, 'over_cap', { tag: text });
    }
    if (r.code === 'self' || r.code === 'left' || r.code === 'unknown_person') {
      const text = nomineeProblem(v.t, body.nominee, found, v.person.id) ?? v.t('error.invalidInput');
      throw new ApiError(400, text, r.code, { nominee: text });
    }
    throw new ApiError(
      409,
      submitRefusalText(v.t, v.locale, { code: r.code, ...('step' in r && r.step ? { step: r.step } : {}) }),
      r.code,
    );
  });

  serve(api, 'GET /recognition/me', async (req) => {
    const v = viewerOf(req);
    const s = await recognitionSettings(db);
    return {
      announce: await announcesMe(db, v.person.id),
      tags: await tagsNamed(v.locale, new Set(s.tags.map((t) => t.tagId))),
    };
  });

  serve(api, 'PUT /recognition/me', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { announce } = input.body();
    await unitOfWork(db, async (tx) => await setAnnouncesMe(tx, v.person.id, announce));
    return { announce };
  });

  serve(api, 'GET /hr/settings/recognition', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    return { settings: await recognitionSettings(db), tags: await tagsNamed(v.locale) };
  });

  serve(api, 'PUT /hr/settings/recognition', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = input.body();
    const r = await unitOfWork(
      db,
      async (tx) => await saveRecognition(tx, body, { kind: 'employee', employeeId: v.person.id }),
    );
    if (!r.ok) {
      const message = v.t(`recognition.error.${r.problem.code}`);
      throw new ApiError(400, message, r.problem.code, { [r.problem.field || 'settings']: message });
    }
    return { settings: r.settings };
  });
}
