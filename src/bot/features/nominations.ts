// Peer nomination in chat: /nominate (a form, or `/nominate <colleague> <tag> <what they did>`), the form's submit,
// and the "Nominate" button a manager gets on a rating where a dimension improved (prefilled with the person).
// /recognition: a person's own choice to be announced or not; HR opts tags in and sets the company channel.
import { nominateFormCard } from '../../../cards/recognition.js';
import { confirmationCard, errorCard, usageCard } from '../../../cards/notice.js';
import type { FormValues } from '../../../cards/view.js';
import { submitRefusalText } from '../../domain/approvals/submit-refusal.js';
import { findByIdentity, getPerson, namesAndEmails } from '../../domain/org/employees.js';
import { capRefusalText } from '../../domain/points/cap-text.js';
import { listTags } from '../../domain/points/catalogue.js';
import { QUANTITY_UNITS } from '../../domain/points/claim-value.js';
import { readClaim } from '../../domain/points/claims.js';
import { findColleague, submitNomination, type ColleagueLookup } from '../../domain/points/nominations.js';
import { nomineeProblem } from '../../domain/points/nomination-text.js';
import {
  announcesMe,
  recognitionSettings,
  setAnnouncesMe,
  setCompanyChannel,
  setTagAnnounced,
} from '../../domain/points/recognition.js';
import { companyTimeZone } from '../../domain/points/submit-claim.js';
import { parseLocale } from '../../i18n/index.js';
import type { HandlerContext } from '../context.js';
import type { CoreResponse } from '../port.js';
import type { Router } from '../router.js';
import { publishRequest } from './approval-views.js';

type Tag = Awaited<ReturnType<typeof listTags>>[number];
const tagName = (ctx: HandlerContext, t: Tag) => (ctx.locale === 'en' ? t.nameEn : t.nameZh);
const isHr = (ctx: HandlerContext) => ctx.person.roles.includes('hr') || ctx.person.roles.includes('admin');

async function nominateForm(ctx: HandlerContext, prefill: { nominee?: string } = {}) {
  const tags = (await listTags(ctx.db)).map((t) => ({ id: t.id, label: `${tagName(ctx, t)} · ${t.points}` }));
  return nominateFormCard({ tags, units: QUANTITY_UNITS, ...prefill }, ctx.t);
}

/** A Slack mention (`<@U123>` or `<@U123|name>`) names a linked person; anything else is a name or an e-mail. */
async function lookUp(ctx: HandlerContext, ref: string): Promise<ColleagueLookup> {
  const mention = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(ref.trim());
  if (mention) {
    const p = await findByIdentity(ctx.db, ctx.event.platform, mention[1]!);
    return p
      ? { ok: true, person: { id: p.id, name: p.name, email: p.email, active: p.active } }
      : { ok: false, code: 'unknown_person' };
  }
  return await findColleague(ctx.db, ref);
}

/** The reader's message for a colleague who cannot be nominated (unknown, ambiguous, oneself, a leaver). */
const lookupError = (ctx: HandlerContext, ref: string, found: ColleagueLookup) =>
  nomineeProblem(ctx.t, ref, found, ctx.person.id);

async function submit(ctx: HandlerContext, values: FormValues | undefined): Promise<CoreResponse> {
  const raw = values?.['nominee'];
  const ref = (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();
  const found = ref ? await lookUp(ctx, ref) : undefined;
  const personError = found ? lookupError(ctx, ref, found) : ctx.t('nomination.error.noPerson');
  const claim = await readClaim(ctx.db, ctx, values);
  const fieldErrors = { ...(claim.ok ? {} : claim.fieldErrors), ...(personError ? { nominee: personError } : {}) };
  if (!claim.ok || personError || !found?.ok)
    return {
      outcome: 'invalid',
      fieldErrors,
      toast: { text: personError ?? ctx.t('error.invalidInput'), tone: 'error' },
    };
  const timeZone = await companyTimeZone(ctx.db, ctx.config.defaultTimezone);
  const r = await submitNomination(ctx.db, {
    nominatorId: ctx.person.id,
    nomineeId: found.person.id,
    payload: claim.payload,
    now: ctx.now,
    timeZone,
  });
  if (!r.ok) {
    let text: string;
    if (r.code === 'over_cap') text = await capRefusalText(ctx.db, ctx, r, claim.payload.tagId, timeZone);
    else if (r.code === 'self' || r.code === 'left' || r.code === 'unknown_person')
      text = lookupError(ctx, ref, found) ?? ctx.t('nomination.error.unknown', { ref });
    else
      text = submitRefusalText(ctx.t, ctx.locale, { code: r.code, ...('step' in r && r.step ? { step: r.step } : {}) });
    return { outcome: 'invalid', card: errorCard(text, ctx.t), toast: { text, tone: 'error' } };
  }
  await publishRequest(ctx.db, ctx.notify, ctx.config, r.request, { newlyAsked: r.asked, outcome: 'submitted' });
  if (r.request.status === 'rejected') {
    const text = ctx.t('claim.submitted.unroutable', { id: r.request.id });
    return { outcome: 'handled', card: errorCard(text, ctx.t), toast: { text, tone: 'warning' } };
  }
  const names = [...(await namesAndEmails(ctx.db, r.request.approvers)).values()].map((e) => e.name).join(', ');
  const tag = (await listTags(ctx.db, true)).find((t) => t.id === claim.payload.tagId);
  return {
    outcome: 'handled',
    card: confirmationCard(
      ctx.t('nomination.submitted.title'),
      ctx.t('nomination.submitted.with', {
        id: r.request.id,
        name: found.person.name,
        tag: tag ? tagName(ctx, tag) : '',
        names: names || '—',
      }),
    ),
    toast: { text: ctx.t('nomination.submitted.title'), tone: 'success' },
  };
}

/**
 * `/nominate <colleague> <tag> <what they did>`: the colleague is the first word (a Slack mention, a name or an
 * e-mail), the tag the longest tag name the rest starts with. With `;` separators (`colleague ; tag ; text ;
 * value`) names and tags may hold spaces and a value can be given.
 */
export function parseNominateText(
  args: string,
  tags: readonly { id: number; nameZh: string; nameEn: string }[],
): { nominee: string; tag: string; description: string; amount: string } {
  if (/[;；|]/.test(args)) {
    const [nominee = '', tagRef = '', description = '', ...rest] = args.split(/[;；|]/).map((s) => s.trim());
    const tag = tags.find(
      (t) => String(t.id) === tagRef || t.nameZh === tagRef || t.nameEn.toLowerCase() === tagRef.toLowerCase(),
    );
    return { nominee, tag: tag ? String(tag.id) : '', description, amount: rest.join(';') };
  }
  const m = /^(\S+)\s*([\s\S]*)$/.exec(args.trim());
  const nominee = m?.[1] ?? '';
  const rest = m?.[2] ?? '';
  let best: { id: number; len: number } | undefined;
  for (const t of tags)
    for (const name of [t.nameZh, t.nameEn, String(t.id)]) {
      const head = rest.slice(0, name.length);
      const next = rest.charAt(name.length);
      if (name && head.toLowerCase() === name.toLowerCase() && (next === '' || /\s/.test(next)))
        if (!best || name.length > best.len) best = { id: t.id, len: name.length };
    }
  return {
    nominee,
    tag: best ? String(best.id) : '',
    description: best ? rest.slice(best.len).trim() : rest.trim(),
    amount: '',
  };
}

async function recognitionCommand(ctx: HandlerContext, args: string): Promise<void> {
  const [sub = '', ...words] = args.trim().split(/\s+/).filter(Boolean);
  const s = sub.toLowerCase();
  const actor = { kind: 'employee' as const, employeeId: ctx.person.id };
  if (s === 'on' || s === 'off') {
    await setAnnouncesMe(ctx.db, ctx.person.id, s === 'on');
    return ctx.reply(confirmationCard(ctx.t('recognition.saved'), ctx.t(`recognition.status.${s}`)));
  }
  if ((s === 'tag' || s === 'channel') && !isHr(ctx)) return ctx.reply(errorCard(ctx.t('error.forbidden'), ctx.t));
  if (s === 'tag') {
    const onOff = words.at(-1)?.toLowerCase();
    const ref = words.slice(0, -1).join(' ');
    const tag = (await listTags(ctx.db, true)).find(
      (t) => String(t.id) === ref || t.nameZh === ref || t.nameEn.toLowerCase() === ref.toLowerCase(),
    );
    if (!tag || (onOff !== 'on' && onOff !== 'off'))
      return ctx.reply(usageCard(ctx.t('recognition.usage'), ctx.t, tag ? {} : { problem: ctx.t('claim.error.tag') }));
    await setTagAnnounced(ctx.db, tag.id, onOff === 'on', actor);
    return ctx.reply(
      confirmationCard(
        ctx.t('recognition.saved'),
        ctx.t(onOff === 'on' ? 'recognition.tagOn' : 'recognition.tagOff', { tag: tagName(ctx, tag) }),
      ),
    );
  }
  if (s === 'channel') {
    const [where = '', lang] = words;
    // "here": the group the command was sent from (a DM is no channel).
    const chatId =
      where.toLowerCase() === 'here' ? (ctx.event.replyTo.kind === 'chat' ? ctx.event.replyTo.chatId : '') : where;
    const locale = lang ? parseLocale(lang) : ctx.locale;
    if (!chatId || !locale) return ctx.reply(errorCard(ctx.t('recognition.error.channel'), ctx.t));
    const r = await setCompanyChannel(ctx.db, { platform: ctx.event.platform, chatId, locale }, actor);
    if (!r.ok) return ctx.reply(errorCard(ctx.t('recognition.error.channel'), ctx.t));
    return ctx.reply(
      confirmationCard(
        ctx.t('recognition.saved'),
        ctx.t('recognition.channelSet', { platform: ctx.event.platform, chat: chatId, language: locale }),
      ),
    );
  }
  if (s) return ctx.reply(usageCard(ctx.t('recognition.usage'), ctx.t));
  const settings = await recognitionSettings(ctx.db);
  const tags = (await listTags(ctx.db, true)).filter((t) => settings.tags.some((x) => x.tagId === t.id));
  await ctx.reply(
    confirmationCard(
      ctx.t('recognition.title'),
      [
        ctx.t((await announcesMe(ctx.db, ctx.person.id)) ? 'recognition.status.on' : 'recognition.status.off'),
        ctx.t('recognition.status.tags', {
          tags: tags.map((t) => tagName(ctx, t)).join(', ') || ctx.t('recognition.status.none'),
        }),
        ctx.t('recognition.usage'),
      ].join('\n\n'),
    ),
  );
}

export function registerNominations(router: Router): Router {
  return router
    .command({
      name: 'nominate',
      aliases: ['提名'],
      summary: 'cmd.nominate.summary',
      async run(ctx, args) {
        if (!args.trim()) return ctx.reply(await nominateForm(ctx));
        const values = parseNominateText(args, await listTags(ctx.db, true));
        const r = await submit(ctx, { ...values, unit: 'other' });
        const errors = [...new Set(Object.values(r.fieldErrors ?? {}))];
        await ctx.reply(
          errors.length ? usageCard(ctx.t('nomination.textUsage'), ctx.t, { problem: errors.join('\n') }) : r.card!,
        );
      },
    })
    .command({
      name: 'recognition',
      aliases: ['表彰'],
      summary: 'cmd.recognition.summary',
      run: async (ctx, args) => await recognitionCommand(ctx, args),
    })
    .action({
      // Opens the form; from a rating's suggestion, `id` names the person (prefilled by work e-mail or name).
      k: 'nominate.open',
      form: async (ctx, action) => await nominateForm(ctx, await prefillOf(ctx, action.id)),
      run: async (ctx, action) => {
        await ctx.reply(await nominateForm(ctx, await prefillOf(ctx, action.id)));
        return { outcome: 'handled' };
      },
    })
    .action({
      k: 'nominate.submit',
      form: async (ctx) => await nominateForm(ctx),
      run: async (ctx, _a, values) => await submit(ctx, values),
    });
}

async function prefillOf(ctx: HandlerContext, id: string | undefined): Promise<{ nominee?: string }> {
  const p = id ? await getPerson(ctx.db, Number(id)) : undefined;
  return p?.active ? { nominee: p.email ?? p.name } : {};
}
