// Pulse surveys in chat: HR launches, schedules, closes and sets the anonymity threshold; everyone
// answers through the survey card; HR and managers read K-protected reports.
import {
  formatDate,
  surveyCard,
  surveyNoticeCard,
  surveyRecordedCard,
  type SurveyFormView,
} from '../../../cards/survey.js';
import { pulseReportCard } from '../../../cards/pulse-report.js';
import {
  csvReadyCard,
  templatesCard,
  waveLaunchedCard,
  waveRemindedCard,
  waveRemindRefusedCard,
} from '../../../cards/survey-admin.js';
import { confirmationCard, errorCard, refusalCard, usageCard } from '../../../cards/notice.js';
import type { Config } from '../../config.js';
import { unitOfWork, type Db } from '../../domain/unit-of-work.js';
import { isFirstSurvey } from '../../domain/surveys/first-survey.js';
import type { Notifier } from '../../domain/notify.js';
import { allUnits, findUnit } from '../../domain/org/units.js';
import { createExport } from '../../domain/exports.js';
import { anonymityThreshold, setAnonymityThreshold, setCommentThreshold } from '../../domain/settings.js';
import { MAX_COMMENT_K, MAX_K, MIN_K } from '../../domain/surveys/anonymity.js';
import { surveySealKey } from '../../db/seal-key.js';
import { buildPulseReport, pulseCsv } from '../../domain/surveys/report.js';
import { commentThemes } from '../../domain/surveys/themes.js';
import { createSchedule } from '../../domain/surveys/schedules.js';
import { SHORT_SIZE_MIN } from '../../domain/surveys/short-format.js';
import {
  createTemplate,
  ensureDefaultTemplate,
  getTemplate,
  listTemplates,
  templateSpecSchema,
  type SurveyTemplate,
} from '../../domain/surveys/templates.js';
import {
  COMMENT_MAX,
  closeWave,
  getWave,
  itemField,
  launchWave,
  reminderTimes,
  submitAnswers,
  waveAudience,
  waveTemplate,
  type SurveyMessenger,
  type Wave,
} from '../../domain/surveys/waves.js';
import { unreachableLines } from '../reach.js';
import { manualReminderState, remindNonRespondents } from '../../domain/surveys/manual-reminders.js';
import { translator, type MessageKey } from '../../i18n/index.js';
import { issuesText } from '../../i18n/issues.js';
import type { HandlerContext } from '../context.js';
import type { CoreResponse, Locale, Platform } from '../port.js';
import { reachableAmong } from '../../domain/org/reachability.js';
import type { Router } from '../router.js';
import { appUrl } from '../app-links.js';
import { releaseHoursText } from '../../../cards/conversation-notice.js';
import { RELEASE_HOURS } from '../../domain/surveys/conversation-rules.js';
import { ratingsReportReply } from './ratings.js';
import { approvalsReportReply } from './approvals.js';
import { deliveryReportReply, deliveryRetryAction } from '../delivery-report.js';
import { heatmapWord, trendReportReply } from './report-trend.js';
import { turnoverReportReply } from './report-turnover.js';
import type { HeatmapKind } from '../../domain/surveys/heatmap.js';
import { DELIVERY_RETRY_ACTION } from '../../../cards/delivery.js';

const DAY = 24 * 60 * 60 * 1000;
const DEFAULT_DAYS = 7;
const DEFAULT_REMINDER_DAYS = [3];

export function surveyFormView(
  template: SurveyTemplate,
  wave: Wave,
  locale: Locale,
  timeZone: string,
  reminder: boolean,
  k: number,
  appUrl?: string,
  firstSurvey = false,
): SurveyFormView {
  const enps = template.items.find((i) => i.kind === 'enps');
  return {
    waveId: wave.id,
    title: template.name[locale],
    closesAt: formatDate(wave.closesAt, locale, timeZone),
    reminder,
    commentEnabled: template.commentEnabled,
    commentMax: COMMENT_MAX,
    k,
    commentK: Math.max(wave.commentK, k),
    firstSurvey,
    appUrl,
    sections: template.dimensions.map((d) => ({
      name: d.name[locale],
      items: template.items
        .filter((i) => i.dimensionId === d.id)
        .map((i) => ({ field: itemField(i.id), text: i.text[locale], min: i.min, max: i.max })),
    })),
    enps: enps ? { field: itemField(enps.id), text: enps.text[locale] } : undefined,
  };
}

/** Survey messages through the outbox, each in its recipient's language. With the running platforms, a wave
 *  places the people none of them reaches as not reachable (not asked) instead of counting them. */
export function surveyMessenger(
  db: Db,
  notify: Notifier,
  config: Config,
  running?: ReadonlySet<Platform>,
): SurveyMessenger {
  // Everyone in a wave gets the same card in their language: render it once per language, not per person.
  const cards = new Map<string, ReturnType<typeof surveyCard>>();
  const send = async (employeeId: number, wave: Wave, template: SurveyTemplate, reminder: boolean) => {
    // Someone asked for the first time gets the full privacy notice on the card.
    // (Waves that could not reach them do not count: they never saw those cards.)
    const firstSurvey = !reminder && (await isFirstSurvey(db, employeeId));
    await notify.toEmployee(
      employeeId,
      (locale) => {
        const key = `${wave.id}:${reminder}:${firstSurvey}:${locale}`;
        if (!cards.has(key))
          cards.set(
            key,
            surveyCard(
              surveyFormView(
                template,
                wave,
                locale,
                config.defaultTimezone,
                reminder,
                wave.k,
                appUrl(config, `/survey/${wave.id}`),
                firstSurvey,
              ),
              translator(locale),
            ),
          );
        return cards.get(key)!;
      },
      { cardKey: `survey:${wave.id}` },
    );
  };
  return {
    invite: async (id, w, t) => await send(id, w, t, false),
    remind: async (id, w, t) => await send(id, w, t, true),
    timeZone: config.defaultTimezone,
    ...(running?.size ? { reachable: async (ids: readonly number[]) => await reachableAmong(db, running, ids) } : {}),
  };
}

const isHr = (ctx: HandlerContext) => ctx.person.roles.includes('hr') || ctx.person.roles.includes('admin');

/** "[unit words…] [days]" -> unit (undefined = everyone) and days. */
async function audienceArgs(
  db: Db,
  words: string[],
): Promise<
  { ok: true; unitId: number | null; days: number } | { ok: false; key: MessageKey; params?: Record<string, string> }
> {
  const rest = [...words];
  let days = DEFAULT_DAYS;
  if (rest.length && /^\d+$/.test(rest.at(-1)!)) days = Number(rest.pop());
  const ref = rest.join(' ').trim();
  if (ref === '' || ['all', 'everyone', '全员', '全部'].includes(ref.toLowerCase()))
    return { ok: true, unitId: null, days };
  const unit = findUnit(await allUnits(db), ref);
  return unit
    ? { ok: true, unitId: unit.id, days }
    : { ok: false, key: 'survey.error.unknownUnit', params: { unit: ref } };
}

/** Take a `template=<id>` option out of the words; the built-in pulse otherwise. */
async function templateOption(
  ctx: HandlerContext,
  words: string[],
): Promise<{ ok: true; templateId: number; rest: string[] } | { ok: false }> {
  const opt = words.find((w) => /^template=/.test(w));
  const rest = words.filter((w) => w !== opt);
  if (!opt) return { ok: true, templateId: await ensureDefaultTemplate(ctx.db), rest };
  const id = Number(opt.slice('template='.length));
  return Number.isInteger(id) && (await getTemplate(ctx.db, id)) ? { ok: true, templateId: id, rest } : { ok: false };
}

async function createTemplateFromJson(ctx: HandlerContext, json: string): Promise<void> {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return ctx.reply(errorCard(ctx.t('survey.template.badJson'), ctx.t));
  }
  const spec = templateSpecSchema.safeParse(data);
  if (!spec.success) {
    // zod's own messages are English and technical: each problem in the reader's language, at its field.
    return ctx.reply(errorCard(`${ctx.t('survey.template.invalid')}\n${issuesText(spec.error.issues, ctx.t)}`, ctx.t));
  }
  const id = await createTemplate(ctx.db, spec.data, { kind: 'employee', employeeId: ctx.person.id });
  await ctx.reply(
    confirmationCard(
      ctx.t('survey.template.created.title'),
      ctx.t('survey.template.created.body', { id, name: ctx.locale === 'en' ? spec.data.nameEn : spec.data.nameZh }),
    ),
  );
}

async function listTemplatesCard(ctx: HandlerContext): Promise<void> {
  await ctx.reply(
    templatesCard(
      (await listTemplates(ctx.db)).map((t) => ({ id: t.id, name: t.name[ctx.locale] })),
      ctx.t,
    ),
  );
}

/** The wave's page in the mini-app (status, participation by unit, remind, close). */
const wavePage = (ctx: HandlerContext, waveId: number) => appUrl(ctx.config, `/hr/waves/${waveId}`);

/** `/survey remind <wave>`: the same rule as the wave page's button (manual-reminders.ts). */
async function remind(ctx: HandlerContext, words: string[]): Promise<void> {
  const id = Number((words[0] ?? '').replace('#', ''));
  if (!Number.isInteger(id) || id <= 0) return ctx.reply(usageCard(ctx.t('survey.remind.usage'), ctx.t));
  const tz = ctx.config.defaultTimezone;
  const r = await remindNonRespondents(ctx.db, surveyMessenger(ctx.db, ctx.notify, ctx.config), {
    waveId: id,
    now: ctx.now,
    timeZone: tz,
    actor: { kind: 'employee', employeeId: ctx.person.id },
  });
  if (r.ok) {
    const next = (await manualReminderState(ctx.db, r.wave, ctx.now, tz)).nextAt ?? ctx.now;
    return ctx.reply(
      waveRemindedCard(
        { waveId: id, sent: r.sent, nextAt: formatDate(next, ctx.locale, tz), appUrl: wavePage(ctx, id) },
        ctx.t,
      ),
    );
  }
  if (r.code === 'unknown_wave' || r.code === 'closed')
    return ctx.reply(errorCard(ctx.t(`survey.error.${r.code}`), ctx.t));
  const message =
    r.code === 'already_today'
      ? ctx.t('survey.error.already_today', { wave: id, next: formatDate(r.nextAt ?? ctx.now, ctx.locale, tz) })
      : ctx.t('survey.error.nobody_left', { wave: id });
  await ctx.reply(waveRemindRefusedCard({ message, appUrl: wavePage(ctx, id) }, ctx.t));
}

async function launch(ctx: HandlerContext, allWords: string[]): Promise<void> {
  const tpl = await templateOption(ctx, allWords);
  if (!tpl.ok) return ctx.reply(errorCard(ctx.t('survey.error.unknown_template'), ctx.t));
  const words = tpl.rest;
  const a = await audienceArgs(ctx.db, words);
  if (!a.ok) return ctx.reply(errorCard(ctx.t(a.key, a.params), ctx.t));
  if (a.days < 1 || a.days > 60) return ctx.reply(errorCard(ctx.t('survey.error.days'), ctx.t));
  const { reach } = ctx;
  const audience = ((await waveAudience(ctx.db, a.unitId)) ?? []).map((p) => p.id);
  const go = async (db: Db, now: Date) => {
    const r = await launchWave(db, surveyMessenger(db, ctx.notify, ctx.config, reach?.running), {
      templateId: tpl.templateId,
      audienceUnitId: a.unitId,
      closesAt: new Date(now.getTime() + a.days * DAY),
      reminderDays: DEFAULT_REMINDER_DAYS.filter((d) => d < a.days),
      now,
      actor: { kind: 'employee', employeeId: ctx.person.id },
    });
    if (!r.ok) return ctx.reply(errorCard(ctx.t(`survey.error.${r.code}` as MessageKey), ctx.t));
    const units = await allUnits(db);
    const unitName = a.unitId === null ? ctx.t('survey.everyone') : units.find((u) => u.id === a.unitId)!.name;
    const tz = ctx.config.defaultTimezone;
    const unreachable = reach && r.unreachable.length ? (await reach.reachOf(r.unreachable)).unreachable : [];
    await ctx.reply(
      waveLaunchedCard(
        {
          waveId: r.wave.id,
          asked: r.asked,
          unitName,
          closesAt: formatDate(r.wave.closesAt, ctx.locale, tz),
          reminders: reminderTimes(r.wave).map((d) => formatDate(d, ctx.locale, tz)),
          appUrl: wavePage(ctx, r.wave.id),
          ...(unreachable.length
            ? { unreachable: { count: unreachable.length, lines: unreachableLines(unreachable, ctx.t) } }
            : {}),
          delivery: (['onLeave', 'held', 'notInTime'] as const)
            .filter((k) => r.delivery[k] > 0)
            .map((k) => ctx.t(`survey.launched.${k}`, { count: r.delivery[k] })),
        },
        ctx.t,
      ),
    );
  };
  // Nobody to look up (everyone linked, or no platform can look people up): launch now, in this transaction.
  const toFind = reach ? await reach.lookupCount(audience, { force: true }) : 0;
  if (!reach || toFind === 0) return await go(ctx.db, ctx.now);
  // A big org's lookup can take a while (platform rate limits): HR hears at once that it is under way.
  await ctx.reply(confirmationCard(ctx.t('reach.lookingUp.title'), ctx.t('reach.lookingUp.body', { count: toFind })));
  // Otherwise find them on the platforms first (network, after this commit), then launch in a transaction of its own.
  // (A platform failing is not an error here: those people are named as not reachable, with the reason.)
  ctx.defer(async () => {
    try {
      await reach.resolve(audience, { force: true });
      await unitOfWork(ctx.db, async (tx) => await go(tx, ctx.now));
    } catch (err) {
      await unitOfWork(ctx.db, () => ctx.reply(errorCard(ctx.t('error.internal'), ctx.t)));
      throw err;
    }
  });
}

async function schedule(ctx: HandlerContext, words: string[]): Promise<void> {
  if (words.length < 5) return ctx.reply(usageCard(ctx.t('survey.error.cronUsage'), ctx.t));
  const cron = words.slice(0, 5).join(' ');
  // `short` or `short=4`: the short weekly format (3–5 questions a wave, rotating through the template).
  const rest = words.slice(5);
  const shortWord = rest.findIndex((w) => /^short(?:[=:]\S*)?$/i.test(w));
  const shortSize = shortWord < 0 ? null : Number(rest[shortWord]!.split(/[=:]/)[1] ?? SHORT_SIZE_MIN);
  if (shortWord >= 0) rest.splice(shortWord, 1);
  const a = await audienceArgs(ctx.db, rest);
  if (!a.ok) return ctx.reply(errorCard(ctx.t(a.key, a.params), ctx.t));
  const r = await createSchedule(ctx.db, {
    shortSize,
    templateId: await ensureDefaultTemplate(ctx.db),
    cron,
    timezone: ctx.config.defaultTimezone,
    audienceUnitId: a.unitId,
    durationDays: a.days,
    reminderDays: DEFAULT_REMINDER_DAYS,
    actor: { kind: 'employee', employeeId: ctx.person.id },
    now: ctx.now,
  });
  if (!r.ok)
    return ctx.reply(
      errorCard(
        r.code === 'bad_cron'
          ? ctx.t('survey.error.badCron', { cron })
          : r.code === 'bad_short_size'
            ? ctx.t('survey.error.shortSize')
            : ctx.t('survey.error.days'),
        ctx.t,
      ),
    );
  const body = ctx.t('survey.scheduled.body', { id: r.id, cron, tz: ctx.config.defaultTimezone, days: a.days });
  await ctx.reply(
    confirmationCard(
      ctx.t('survey.scheduled.title'),
      shortSize === null ? body : `${body}\n${ctx.t('survey.scheduled.short', { size: shortSize })}`,
    ),
  );
}

async function report(ctx: HandlerContext, words: string[]): Promise<void> {
  let waveId: number | undefined;
  let csv = false;
  const unitWords: string[] = [];
  let depth: number | undefined;
  let kind: HeatmapKind | undefined;
  for (const w of words) {
    // The heatmap's level (level=2, 层级=2) and kind of unit (kind=store, 类型=门店): see heatmapWord.
    const hw = heatmapWord(w);
    if (hw?.depth !== undefined) depth = hw.depth;
    else if (hw?.kind !== undefined) kind = hw.kind;
    else if (/^#\d+$/.test(w) || (/^\d+$/.test(w) && waveId === undefined && unitWords.length === 0))
      waveId = Number(w.replace('#', ''));
    else if (w.toLowerCase() === 'csv') csv = true;
    else unitWords.push(w);
  }
  let unitId: number | undefined;
  if (unitWords.length) {
    const unit = findUnit(await allUnits(ctx.db), unitWords.join(' '));
    if (!unit) return ctx.reply(errorCard(ctx.t('survey.error.unknownUnit', { unit: unitWords.join(' ') }), ctx.t));
    unitId = unit.id;
  }
  const r = await buildPulseReport(ctx.db, { viewer: ctx.person, waveId, unitId, depth, kind });
  if (!r.ok) return ctx.reply(errorCard(ctx.t(`report.error.${r.code}` as MessageKey), ctx.t));
  const rep = r.report;
  const L = ctx.locale;
  if (csv) {
    if (!isHr(ctx)) return ctx.reply(refusalCard(ctx.t('error.forbidden'), ctx.t));
    const body = await pulseCsv(ctx.db, rep.wave.id, L);
    if (body === undefined)
      return ctx.reply(
        errorCard(
          ctx.t('report.csv.open', {
            wave: rep.wave.id,
            date: formatDate(rep.wave.closesAt, L, ctx.config.defaultTimezone),
          }),
          ctx.t,
        ),
      );
    const token = await createExport(ctx.db, {
      filename: `pulse-wave-${rep.wave.id}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body,
      createdBy: ctx.person.id,
      now: ctx.now,
      what: `pulse:wave:${rep.wave.id}`,
    });
    return ctx.reply(csvReadyCard({ waveId: rep.wave.id, url: `${ctx.config.publicBaseUrl}/exports/${token}` }, ctx.t));
  }
  const scaleMax = rep.template.items.find((i) => i.kind === 'scale')?.max ?? 5;
  await ctx.reply(
    pulseReportCard(
      {
        title: `${rep.template.name[L]} · ${ctx.t('report.pulse.title')}`,
        unitName: rep.unit.name,
        waveLabel: `#${rep.wave.id} · ${formatDate(rep.wave.openedAt, L, ctx.config.defaultTimezone)}`,
        k: rep.k,
        commentK: rep.commentK,
        participation: rep.participation,
        visible: rep.visible,
        hidden: rep.hidden,
        resultsAt: formatDate(rep.wave.closesAt, L, ctx.config.defaultTimezone),
        latestPublished: rep.latestPublished,
        enclosing: rep.enclosing && {
          name: rep.enclosing.unit.name,
          responses: rep.enclosing.responses,
          dimensions: rep.enclosing.dimensions.map((d) => ({ name: d.name[L], avg: d.avg })),
          comments: rep.enclosing.comments,
          commentsHidden: rep.enclosing.commentsHidden,
          themes: rep.enclosing.commentsHidden ? [] : commentThemes(rep.enclosing.comments),
        },
        responses: rep.responses,
        dimensions: rep.dimensions.map((d) => ({ name: d.name[L], avg: d.avg, previousAvg: d.previousAvg })),
        lowest: rep.lowest.map((i) => ({ text: i.text[L], avg: i.avg })),
        enps: rep.enps,
        heatmapColumns: rep.template.dimensions.map((d) => d.name[L]),
        heatmap: rep.heatmap.map((h) => ({
          name: h.unit.name,
          visible: h.visible,
          values: rep.template.dimensions.map((d) => h.dims[d.key]),
        })),
        heatmapLevel: rep.heatmapLevel.levels > 1 ? `${rep.heatmapLevel.depth}/${rep.heatmapLevel.levels}` : undefined,
        heatmapKinds: rep.heatmapKinds.map((k) => ({
          name: ctx.t(`reports.kind.${k.kind}`),
          shown: k.shownUnits,
          units: k.units,
          values: k.responses === undefined ? undefined : rep.template.dimensions.map((d) => k.dims[d.key]),
        })),
        comments: rep.comments,
        commentsHidden: rep.commentsHidden,
        // Over the published list only, as the mini-app's report: the counts say no more than the comments.
        themes: rep.commentsHidden ? [] : commentThemes(rep.comments),
        followUps: rep.followUps,
        scaleMax,
        locale: L,
        appUrl: appUrl(ctx.config, isHr(ctx) ? `/hr/report?wave=${rep.wave.id}&unit=${rep.unit.id}` : '/team'),
      },
      ctx.t,
    ),
  );
}

async function answer(
  ctx: HandlerContext,
  waveId: number,
  values: Record<string, string | string[]>,
): Promise<CoreResponse> {
  const r = await submitAnswers(ctx.db, surveySealKey(ctx.config), {
    waveId,
    employeeId: ctx.person.id,
    values,
    now: ctx.now,
  });
  const L = ctx.locale;
  if (r.ok) {
    return {
      outcome: 'handled',
      // The reply key reaches its author only here, in the answer to their own action (a secret link: the
      // platform's reply to this event, never an outbox row or a stored chat).
      card: surveyRecordedCard(
        {
          title: r.template.name[L],
          comment: r.commented,
          k: r.wave.k,
          ...(r.replyKey
            ? {
                conversation: {
                  url: appUrl(ctx.config, `/conversation#k=${r.replyKey}`),
                  hours: releaseHoursText(RELEASE_HOURS, L),
                },
              }
            : {}),
        },
        ctx.t,
      ),
      toast: { text: ctx.t('survey.recorded.toast'), tone: 'success' },
    };
  }
  const title = r.wave ? ((await getTemplate(ctx.db, r.wave.templateId))?.name[L] ?? '') : ctx.t('survey.title');
  switch (r.code) {
    case 'invalid': {
      const fieldErrors = Object.fromEntries(
        Object.entries(r.fields ?? {}).map(([f, p]) => [
          f,
          ctx.t(`survey.field.${p}` as MessageKey, { max: COMMENT_MAX }),
        ]),
      );
      return { outcome: 'invalid', fieldErrors, toast: { text: ctx.t('error.invalidInput'), tone: 'error' } };
    }
    case 'already_answered':
      return {
        outcome: 'handled',
        card: surveyNoticeCard(title, ctx.t('survey.alreadyAnswered'), 'neutral'),
        toast: { text: ctx.t('survey.alreadyAnswered'), tone: 'info' },
      };
    case 'closed':
      return {
        outcome: 'handled',
        card: surveyNoticeCard(title, ctx.t('survey.closed')),
        toast: { text: ctx.t('survey.closed'), tone: 'warning' },
      };
    case 'not_invited':
      return { outcome: 'handled', toast: { text: ctx.t('survey.notInvited'), tone: 'warning' } };
    case 'unknown_wave':
      return {
        outcome: 'handled',
        card: surveyNoticeCard(ctx.t('error.cardExpired.title'), ctx.t('error.cardExpired.body')),
        toast: { text: ctx.t('error.cardExpired.toast'), tone: 'warning' },
      };
  }
}

export function registerSurveys(router: Router): Router {
  return router
    .command({
      name: 'survey',
      aliases: ['调研', 'pulse'],
      roles: ['hr', 'admin'],
      summary: 'cmd.survey.summary',
      async run(ctx, args) {
        const [sub = '', ...words] = args.split(/\s+/).filter(Boolean);
        switch (sub.toLowerCase()) {
          case 'launch':
          case '发起':
            return await launch(ctx, words);
          case 'schedule':
          case '定时':
            return await schedule(ctx, words);
          case 'close':
          case '关闭': {
            const id = Number(words[0]);
            const r = Number.isInteger(id)
              ? await closeWave(ctx.db, surveySealKey(ctx.config), id, ctx.now, {
                  kind: 'employee',
                  employeeId: ctx.person.id,
                })
              : ({ ok: false, code: 'unknown_wave' } as const);
            return ctx.reply(
              r.ok
                ? confirmationCard(ctx.t('survey.closedNow.title'), ctx.t('survey.closedNow.body', { wave: id }))
                : errorCard(ctx.t(`survey.error.${r.code}` as MessageKey), ctx.t),
            );
          }
          case 'remind':
          case '提醒':
            return await remind(ctx, words);
          case 'templates':
          case '模板':
            await ensureDefaultTemplate(ctx.db);
            return await listTemplatesCard(ctx);
          case 'template':
            return await createTemplateFromJson(
              ctx,
              args.slice(args.toLowerCase().indexOf('template') + 'template'.length).trim(),
            );
          case 'threshold':
          case '阈值': {
            // "/survey threshold 5" sets K; "/survey threshold comments 8" the comment threshold.
            if (['comments', 'comment', '留言'].includes((words[0] ?? '').toLowerCase())) {
              const c = Number(words[1]);
              const r = await setCommentThreshold(ctx.db, c, { kind: 'employee', employeeId: ctx.person.id });
              return ctx.reply(
                r.ok
                  ? confirmationCard(
                      ctx.t('survey.threshold.comments.title'),
                      ctx.t('survey.threshold.comments.body', { k: c }),
                    )
                  : errorCard(
                      ctx.t('survey.error.commentThreshold', {
                        min: await anonymityThreshold(ctx.db),
                        max: MAX_COMMENT_K,
                      }),
                      ctx.t,
                    ),
              );
            }
            const k = Number(words[0]);
            const r = await setAnonymityThreshold(ctx.db, k, { kind: 'employee', employeeId: ctx.person.id });
            return ctx.reply(
              r.ok
                ? confirmationCard(ctx.t('survey.threshold.title'), ctx.t('survey.threshold.body', { k }))
                : errorCard(ctx.t('survey.error.threshold', { min: MIN_K, max: MAX_K }), ctx.t),
            );
          }
          default:
            return ctx.reply(usageCard(ctx.t('survey.usage'), ctx.t));
        }
      },
    })
    .command({
      name: 'report',
      aliases: ['报告', 'reports'],
      roles: ['hr', 'admin', 'manager'],
      summary: 'cmd.report.summary',
      async run(ctx, args) {
        const [kind = '', ...words] = args.split(/\s+/).filter(Boolean);
        if (['pulse', '脉搏', '调研'].includes(kind.toLowerCase())) return await report(ctx, words);
        if (['trend', 'trends', '趋势'].includes(kind.toLowerCase())) return await trendReportReply(ctx, words);
        if (['ratings', 'rating', '评价'].includes(kind.toLowerCase())) return await ratingsReportReply(ctx, words);
        if (['approvals', 'approval', '审批'].includes(kind.toLowerCase()))
          return await approvalsReportReply(ctx, words);
        if (['delivery', 'deliveries', '送达'].includes(kind.toLowerCase())) return await deliveryReportReply(ctx);
        if (['turnover', '流失', '离职'].includes(kind.toLowerCase())) return await turnoverReportReply(ctx, words);
        await ctx.reply(usageCard(ctx.t('report.usage'), ctx.t));
      },
    })
    .action({ k: DELIVERY_RETRY_ACTION, run: async (ctx) => await deliveryRetryAction(ctx) })
    .action({
      k: 'survey.answer',
      async form(ctx, action) {
        const wave = await getWave(ctx.db, Number(action.id));
        const template = wave && (await waveTemplate(ctx.db, wave));
        return wave && template
          ? surveyCard(surveyFormView(template, wave, ctx.locale, ctx.config.defaultTimezone, false, wave.k), ctx.t)
          : undefined;
      },
      async run(ctx, action, values) {
        const waveId = Number(action.id);
        if (!Number.isInteger(waveId))
          return { outcome: 'invalid', toast: { text: ctx.t('error.cardExpired.toast'), tone: 'error' } };
        return await answer(ctx, waveId, values ?? {});
      },
    });
}
