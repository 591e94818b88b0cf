// Points in chat: /claim (a form → a point-claim request), /points (balance, leaderboard), /redeem
// (rewards → a redemption request that holds the points), /tags (HR manages value tags).
import { balanceCard, claimFormCard, leaderboardCard, rewardsCard, tagsCard } from '../../../cards/points.js';
import { confirmationCard, errorCard, refusalCard, usageCard } from '../../../cards/notice.js';
import { issuesText } from '../../i18n/issues.js';
import { leaderboardRefusal } from '../refusals.js';
import { act, loadRequest, submitRequest } from '../../domain/approvals/requests.js';
import { submitRefusalText } from '../../domain/approvals/submit-refusal.js';
import { allUnits, findUnit } from '../../domain/org/units.js';
import {
  createReward,
  createTag,
  getReward,
  listRewards,
  listTags,
  retireReward,
  retireTag,
  tagInputSchema,
} from '../../domain/points/catalogue.js';
import { categoryLabel } from '../../domain/points/categories.js';
import { readClaim } from '../../domain/points/claims.js';
import { capRefusalText } from '../../domain/points/cap-text.js';
import { companyTimeZone, submitClaim as submitPointClaim } from '../../domain/points/submit-claim.js';
import { QUANTITY_UNITS } from '../../domain/points/claim-value.js';
import { quantitiesAsInput } from '../../domain/points/claim-value-text.js';
import { balanceOf, recentEntries } from '../../domain/points/ledger.js';
import { boardUnits, calendarBoard, defaultBoardUnit, type BoardPeriod } from '../../domain/points/boards.js';
import { namesAndEmails } from '../../domain/org/employees.js';
import { formatDate } from '../../../cards/survey.js';
import type { FormValues } from '../../../cards/view.js';
import type { MessageKey } from '../../i18n/index.js';
import type { HandlerContext } from '../context.js';
import type { CoreResponse, Locale } from '../port.js';
import type { Router } from '../router.js';
import { publishRequest } from './approval-views.js';
import { capsReply } from './point-caps.js';
import { appUrl } from '../app-links.js';

const isHr = (ctx: HandlerContext) => ctx.person.roles.includes('hr') || ctx.person.roles.includes('admin');

async function claimForm(
  ctx: HandlerContext,
  values?: Parameters<typeof claimFormCard>[0]['values'],
  submit: { k: string; id?: string; v?: string } = { k: 'claim.submit' },
) {
  const tags = (await listTags(ctx.db)).map((t) => ({
    id: t.id,
    label: `${ctx.locale === 'en' ? t.nameEn : t.nameZh} · ${t.points}`,
  }));
  return claimFormCard({ tags, units: QUANTITY_UNITS, values, submit }, ctx.t);
}

/** A tag as the tags card shows it: its name, points and description, and its category in the reader's words. */
function tagView(t: Awaited<ReturnType<typeof listTags>>[number], locale: Locale, tr: HandlerContext['t']) {
  return {
    id: t.id,
    name: locale === 'en' ? t.nameEn : t.nameZh,
    points: t.points,
    min: t.minPoints,
    max: t.maxPoints,
    description: locale === 'en' ? t.descriptionEn : t.descriptionZh,
    category: categoryLabel(t.category, tr),
  };
}

/** What the applicant is told right after submitting: who has the claim now — or that nobody can take it. */
async function submittedCard(ctx: HandlerContext, request: { id: number; status: string; approvers: number[] }) {
  if (request.status === 'rejected') return errorCard(ctx.t('claim.submitted.unroutable', { id: request.id }), ctx.t);
  const names = request.approvers.length
    ? [...(await namesAndEmails(ctx.db, request.approvers)).values()].map((e) => e.name).join(', ')
    : '';
  return confirmationCard(
    ctx.t('claim.submitted.title'),
    names
      ? ctx.t('claim.submitted.with', { id: request.id, names })
      : ctx.t('claim.submitted.body', { id: request.id }),
  );
}

async function submitClaim(ctx: HandlerContext, values: FormValues | undefined): Promise<CoreResponse> {
  const claim = await readClaim(ctx.db, ctx, values);
  if (!claim.ok)
    return {
      outcome: 'invalid',
      fieldErrors: claim.fieldErrors,
      toast: { text: ctx.t('error.invalidInput'), tone: 'error' },
    };
  const timeZone = await companyTimeZone(ctx.db, ctx.config.defaultTimezone);
  const r = await submitPointClaim(ctx.db, {
    applicantId: ctx.person.id,
    payload: claim.payload,
    now: ctx.now,
    timeZone,
  });
  if (!r.ok && r.code === 'over_cap') {
    // Over a cap: nothing was written; the person is told which cap and when it resets.
    const text = await capRefusalText(ctx.db, ctx, r, claim.payload.tagId, timeZone);
    return { outcome: 'invalid', card: errorCard(text, ctx.t), toast: { text, tone: 'error' } };
  }
  if (!r.ok) {
    const text = submitRefusalText(ctx.t, ctx.locale, r);
    return { outcome: 'invalid', card: errorCard(text, ctx.t), toast: { text, tone: 'error' } };
  }
  await publishRequest(ctx.db, ctx.notify, ctx.config, r.request, { newlyAsked: r.asked, outcome: 'submitted' });
  const ended = r.request.status === 'rejected';
  return {
    outcome: 'handled',
    card: await submittedCard(ctx, r.request),
    toast: ended
      ? { text: ctx.t('claim.submitted.unroutable', { id: r.request.id }), tone: 'warning' }
      : { text: ctx.t('claim.submitted.title'), tone: 'success' },
  };
}

/** Words that name a period, in both languages: the calendar period that contains today (company time zone). */
const PERIOD_WORDS: Record<string, BoardPeriod> = {
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
  all: 'all',
  周: 'week',
  本周: 'week',
  月: 'month',
  本月: 'month',
  季度: 'quarter',
  本季度: 'quarter',
  年: 'year',
  本年: 'year',
  今年: 'year',
  全部: 'all',
};

async function leaderboardReply(ctx: HandlerContext, words: string[]): Promise<void> {
  let period: BoardPeriod = 'month';
  const unitWords: string[] = [];
  for (const w of words) {
    const named = PERIOD_WORDS[w.toLowerCase()];
    if (named) period = named;
    else unitWords.push(w);
  }
  const units = await allUnits(ctx.db);
  let scopeUnit = unitWords.length ? findUnit(units, unitWords.join(' ')) : undefined;
  if (unitWords.length && !scopeUnit)
    return ctx.reply(errorCard(ctx.t('survey.error.unknownUnit', { unit: unitWords.join(' ') }), ctx.t));
  // HR: anywhere; managers: their subtree; everyone else: their own unit.
  if (scopeUnit && !boardUnits(units, ctx.person).some((u) => u.id === scopeUnit?.id))
    return ctx.reply(leaderboardRefusal(ctx, units, scopeUnit));
  scopeUnit ??= defaultBoardUnit(units, ctx.person);
  const board = await calendarBoard(ctx.db, {
    units,
    unit: scopeUnit,
    self: ctx.person.id,
    period,
    now: ctx.now,
    timeZone: await companyTimeZone(ctx.db, ctx.config.defaultTimezone),
  });
  await ctx.reply(
    leaderboardCard(
      {
        scope: scopeUnit?.name ?? '—',
        period: ctx.t(`points.calendar.${period}`, { label: board.label }),
        rows: board.rows,
      },
      ctx.t,
    ),
  );
}

async function rewardsReply(ctx: HandlerContext) {
  return rewardsCard(
    {
      balance: await balanceOf(ctx.db, ctx.person.id),
      rewards: (await listRewards(ctx.db)).map((r) => ({
        id: r.id,
        label: ctx.locale === 'en' ? r.nameEn : r.nameZh,
        cost: r.cost,
      })),
      appUrl: appUrl(ctx.config, '/rewards'),
    },
    ctx.t,
  );
}

export function registerPoints(router: Router): Router {
  return router
    .command({
      name: 'claim',
      aliases: ['申请积分', '积分申请'],
      summary: 'cmd.claim.summary',
      async run(ctx, args) {
        if (!args.trim()) return ctx.reply(await claimForm(ctx));
        // A text claim, for platforms (and people) without forms: /claim <tag> ; <what you did> ; [value]
        // The value is everything after the second separator (it may itself hold `;`), read by the same parser
        // as the form; with no unit select, each number carries its own unit or stays a plain number.
        const [tagRef = '', description = '', ...rest] = args.split(/[;；|]/).map((s) => s.trim());
        const tag = (await listTags(ctx.db, true)).find(
          (t) => String(t.id) === tagRef || t.nameZh === tagRef || t.nameEn.toLowerCase() === tagRef.toLowerCase(),
        );
        const r = await submitClaim(ctx, {
          tag: tag ? String(tag.id) : '',
          description,
          amount: rest.join(';'),
          unit: 'other',
        });
        const errors = Object.values(r.fieldErrors ?? {});
        await ctx.reply(
          errors.length ? usageCard(ctx.t('claim.textUsage'), ctx.t, { problem: errors.join('\n') }) : r.card!,
        );
      },
    })
    .command({
      name: 'points',
      aliases: ['积分'],
      summary: 'cmd.points.summary',
      async run(ctx, args) {
        const [sub = '', ...words] = args.split(/\s+/).filter(Boolean);
        if (['top', '排行', '排行榜'].includes(sub.toLowerCase())) return await leaderboardReply(ctx, words);
        if (['caps', '上限'].includes(sub.toLowerCase())) return await capsReply(ctx, words);
        const entries = (await recentEntries(ctx.db, ctx.person.id)).map((e) => ({
          at: formatDate(new Date(e.at), ctx.locale, ctx.config.defaultTimezone),
          what: ctx.t(`points.kind.${e.kind}` as MessageKey) + (e.note ? ` · ${e.note}` : ''),
          points: e.points,
        }));
        await ctx.reply(
          balanceCard(
            { balance: await balanceOf(ctx.db, ctx.person.id), entries, appUrl: appUrl(ctx.config, '/rewards') },
            ctx.t,
          ),
        );
      },
    })
    .command({
      name: 'leaderboard',
      aliases: ['排行榜'],
      summary: 'cmd.leaderboard.summary',
      async run(ctx, args) {
        await leaderboardReply(ctx, args.split(/\s+/).filter(Boolean));
      },
    })
    .command({
      name: 'redeem',
      aliases: ['rewards', '兑换'],
      summary: 'cmd.redeem.summary',
      async run(ctx, args) {
        const m = /^(add|retire)\s+([\s\S]+)$/i.exec(args.trim());
        if (!m) return ctx.reply(await rewardsReply(ctx));
        if (!isHr(ctx)) return ctx.reply(refusalCard(ctx.t('error.forbidden'), ctx.t));
        const actor = { kind: 'employee' as const, employeeId: ctx.person.id };
        if (m[1]!.toLowerCase() === 'retire') {
          return ctx.reply(
            (await retireReward(ctx.db, Number(m[2]), actor))
              ? confirmationCard(ctx.t('rewards.retired'), `#${m[2]}`)
              : usageCard(ctx.t('rewards.usage'), ctx.t),
          );
        }
        let data: unknown;
        try {
          data = JSON.parse(m[2]!);
        } catch {
          return ctx.reply(usageCard(ctx.t('rewards.usage'), ctx.t));
        }
        const r = await createReward(ctx.db, data, actor);
        await ctx.reply(
          r.ok
            ? confirmationCard(ctx.t('rewards.added'), `#${r.id}`)
            : usageCard(ctx.t('rewards.usage'), ctx.t, { problem: issuesText(r.issues, ctx.t) }),
        );
      },
    })
    .command({
      name: 'tags',
      aliases: ['标签'],
      summary: 'cmd.tags.summary',
      async run(ctx, args) {
        const m = /^(\S+)\s*([\s\S]*)$/.exec(args);
        const sub = m?.[1]?.toLowerCase() ?? '';
        if ((sub === 'add' || sub === 'retire') && !isHr(ctx))
          return ctx.reply(refusalCard(ctx.t('error.forbidden'), ctx.t));
        if (sub === 'add') {
          let data: unknown;
          try {
            data = JSON.parse(m?.[2] ?? '');
          } catch {
            return ctx.reply(usageCard(ctx.t('tags.usage'), ctx.t));
          }
          const parsed = tagInputSchema.safeParse(data);
          const r = parsed.success
            ? await createTag(ctx.db, parsed.data, { kind: 'employee', employeeId: ctx.person.id })
            : { ok: false as const, issues: parsed.error.issues };
          return ctx.reply(
            r.ok
              ? confirmationCard(ctx.t('tags.added'), `#${r.id}`)
              : usageCard(ctx.t('tags.usage'), ctx.t, { problem: issuesText(r.issues, ctx.t) }),
          );
        }
        if (sub === 'retire') {
          const ok = await retireTag(ctx.db, Number(m?.[2]), { kind: 'employee', employeeId: ctx.person.id });
          return ctx.reply(
            ok ? confirmationCard(ctx.t('tags.retired'), `#${m?.[2]}`) : errorCard(ctx.t('claim.error.tag'), ctx.t),
          );
        }
        await ctx.reply(tagsCard({ tags: (await listTags(ctx.db)).map((t) => tagView(t, ctx.locale, ctx.t)) }, ctx.t));
      },
    })
    .action({
      k: 'claim.open',
      form: async (ctx) => await claimForm(ctx),
      run: async (ctx) => {
        await ctx.reply(await claimForm(ctx));
        return { outcome: 'handled' };
      },
    })
    .action({
      k: 'claim.submit',
      form: async (ctx) => await claimForm(ctx),
      run: async (ctx, _a, values) => await submitClaim(ctx, values),
    })
    .action({
      // A returned claim: the applicant edits it in the form and resubmits.
      k: 'claim.edit',
      form: async (ctx, action) => await editForm(ctx, action),
      async run(ctx, action) {
        const form = await editForm(ctx, action);
        return form
          ? { outcome: 'handled', card: form }
          : { outcome: 'invalid', toast: { text: ctx.t('approval.error.alreadyDecided'), tone: 'warning' } };
      },
    })
    .action({
      k: 'claim.resubmit',
      form: async (ctx, action) => await editForm(ctx, action),
      async run(ctx, action, values) {
        const claim = await readClaim(ctx.db, ctx, values);
        if (!claim.ok)
          return {
            outcome: 'invalid',
            fieldErrors: claim.fieldErrors,
            toast: { text: ctx.t('error.invalidInput'), tone: 'error' },
          };
        const r = await act(ctx.db, {
          requestId: Number(action.id),
          event: { type: 'resubmit', actorId: ctx.person.id },
          expectedVersion: Number(action.v),
          payload: claim.payload,
          now: ctx.now,
        });
        if (!r.ok)
          return {
            outcome: 'invalid',
            toast: {
              text: ctx.t(
                r.code === 'stale' || r.code === 'finished' || r.code === 'not_returned'
                  ? 'approval.error.alreadyDecided'
                  : 'error.forbidden',
              ),
              tone: 'warning',
            },
          };
        await publishRequest(ctx.db, ctx.notify, ctx.config, r.request, { newlyAsked: r.asked, outcome: r.outcome });
        return {
          outcome: 'handled',
          card: await submittedCard(ctx, r.request),
          toast: { text: ctx.t('approval.done.resubmitted'), tone: 'success' },
        };
      },
    })
    .action({
      k: 'rewards.open',
      run: async (ctx) => {
        await ctx.reply(await rewardsReply(ctx));
        return { outcome: 'handled' };
      },
    })
    .action({
      k: 'reward.redeem',
      async run(ctx, action) {
        const reward = await getReward(ctx.db, Number(action.id));
        if (!reward?.active)
          return {
            outcome: 'handled',
            card: errorCard(ctx.t('error.cardExpired.body'), ctx.t),
            toast: { text: ctx.t('error.cardExpired.toast'), tone: 'warning' },
          };
        const r = await submitRequest(ctx.db, {
          applicantId: ctx.person.id,
          payload: { kind: 'redemption', rewardId: reward.id, cost: reward.cost },
          now: ctx.now,
        });
        if (!r.ok)
          return {
            outcome: 'invalid',
            toast: {
              text: ctx.t('rewards.error.balance', {
                cost: reward.cost,
                balance: await balanceOf(ctx.db, ctx.person.id),
              }),
              tone: 'error',
            },
          };
        await publishRequest(ctx.db, ctx.notify, ctx.config, r.request, { newlyAsked: r.asked, outcome: 'submitted' });
        return {
          outcome: 'handled',
          card: await rewardsReply(ctx),
          toast: { text: ctx.t('rewards.requested'), tone: 'success' },
        };
      },
    });
}

async function editForm(ctx: HandlerContext, action: { id?: string; v?: string }) {
  const req = await loadRequest(ctx.db, Number(action.id));
  if (!req || req.applicantId !== ctx.person.id || req.status !== 'returned' || req.payload.kind !== 'point_claim')
    return undefined;
  const p = req.payload;
  // Each quantity is written back with its unit; the select only matters for plain numbers.
  const unit = p.quantities.some((q) => q.unit === 'other') ? 'other' : 'cny';
  return await claimForm(
    ctx,
    {
      tagId: p.tagId,
      description: p.description,
      amount: quantitiesAsInput(p.quantities, ctx.locale) || undefined,
      unit,
      note: p.note,
    },
    { k: 'claim.resubmit', id: String(req.id), v: String(req.version) },
  );
}
