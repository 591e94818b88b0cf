// HR's claim caps in chat: `/points caps` shows them; `/points caps [tag] day|month <n>|-` sets one (a dash
// removes it). Checked and audited by the same domain call as the mini-app (caps.ts): a cap of zero or below
// is refused with the same message, and nothing changes.
import { confirmationCard, refusalCard, usageCard } from '../../../cards/notice.js';
import { claimCaps, MAX_CAP, setClaimCaps, type CapLimits, type ClaimCaps } from '../../domain/points/caps.js';
import { listTags } from '../../domain/points/catalogue.js';
import type { HandlerContext } from '../context.js';

const PERIOD: Record<string, 'day' | 'month'> = {
  day: 'day',
  天: 'day',
  每天: 'day',
  month: 'month',
  月: 'month',
  每月: 'month',
};
const NONE = new Set(['-', 'none', '无', '不限']);

function capsText(ctx: HandlerContext, caps: ClaimCaps, tagName: (id: number) => string): string {
  const limit = (l: CapLimits) =>
    ctx.t('points.caps.limits', {
      day: l.day ?? ctx.t('points.caps.noCap'),
      month: l.month ?? ctx.t('points.caps.noCap'),
    });
  return [
    `- ${ctx.t('points.caps.anyTag')}: ${limit(caps.person)}`,
    ...caps.tags.map((c) => `- ${tagName(c.tagId)}: ${limit(c)}`),
  ].join('\n');
}

export async function capsReply(ctx: HandlerContext, words: string[]): Promise<void> {
  if (!ctx.person.roles.includes('hr') && !ctx.person.roles.includes('admin'))
    return ctx.reply(refusalCard(ctx.t('error.forbidden'), ctx.t));
  const tags = await listTags(ctx.db, true);
  const tagName = (id: number) => {
    const tag = tags.find((x) => x.id === id);
    return tag ? (ctx.locale === 'en' ? tag.nameEn : tag.nameZh) : `#${id}`;
  };
  const caps = await claimCaps(ctx.db);
  if (!words.length) return ctx.reply(confirmationCard(ctx.t('points.caps.title'), capsText(ctx, caps, tagName)));

  const usage = () => usageCard(ctx.t('points.caps.usage', { max: MAX_CAP }), ctx.t);
  const value = words.at(-1)!;
  const period = PERIOD[(words.at(-2) ?? '').toLowerCase()];
  const tagRef = words.slice(0, -2).join(' ');
  if (!period) return ctx.reply(usage());
  const tag = tagRef
    ? tags.find(
        (x) => String(x.id) === tagRef || x.nameZh === tagRef || x.nameEn.toLowerCase() === tagRef.toLowerCase(),
      )
    : undefined;
  if (tagRef && !tag)
    return ctx.reply(
      usageCard(ctx.t('points.caps.usage', { max: MAX_CAP }), ctx.t, { problem: ctx.t('claim.error.tag') }),
    );
  const cap = NONE.has(value.toLowerCase()) ? null : Number(value);
  const next: ClaimCaps = tag
    ? {
        person: caps.person,
        tags: [
          ...caps.tags.filter((c) => c.tagId !== tag.id),
          {
            ...(caps.tags.find((c) => c.tagId === tag.id) ?? { tagId: tag.id, day: null, month: null }),
            [period]: cap,
          },
        ],
      }
    : { person: { ...caps.person, [period]: cap }, tags: caps.tags };
  const r = await setClaimCaps(ctx.db, next, { kind: 'employee', employeeId: ctx.person.id });
  if (!r.ok)
    return ctx.reply(
      usageCard(ctx.t('points.caps.usage', { max: MAX_CAP }), ctx.t, {
        problem: ctx.t(`points.caps.error.${r.problem.code}`, { max: MAX_CAP }),
      }),
    );
  await ctx.reply(confirmationCard(ctx.t('points.caps.saved'), capsText(ctx, r.caps, tagName)));
}
