// /announce: HR or a unit head sends a notice to a unit's subtree or the whole company; each person gets it as
// a card in their language (through the outbox) with an "Acknowledge" button; the sender sees who has read it
// and may remind the unread once. The mini-app's pages (src/web/routes/announcements.ts) send and redraw the
// same cards through the helpers exported here.
import {
  announcementCard,
  announcementListCard,
  announcementStatusCard,
  type AnnouncementStatusView,
} from '../../../cards/announcement.js';
import { confirmationCard, errorCard, refusalCard, usageCard } from '../../../cards/notice.js';
import { formatDate } from '../../../cards/survey.js';
import type { Config } from '../../config.js';
import {
  acknowledge,
  announcementStatus,
  audienceOf,
  createAnnouncement,
  remindUnread,
  sentAnnouncements,
  textsOf,
  type Announcement,
} from '../../domain/announcements/announcements.js';
import {
  looksChinese,
  mayAddress,
  textFor,
  validateTexts,
  type AnnouncementTexts,
} from '../../domain/announcements/rules.js';
import type { Notifier } from '../../domain/notify.js';
import { getPerson } from '../../domain/org/employees.js';
import { allUnits, findUnit } from '../../domain/org/units.js';
import type { Db } from '../../domain/unit-of-work.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { translator, type MessageKey, type Translate } from '../../i18n/index.js';
import type { Locale } from '../../vocabulary.js';
import { appUrl } from '../app-links.js';
import type { HandlerContext } from '../context.js';
import type { Router } from '../router.js';

/** The card of a notice (`announce:<id>`) and of its one reminder (`announce:<id>:remind`): two messages. */
export const announcementKey = (id: number, reminder: boolean): string => `announce:${id}${reminder ? ':remind' : ''}`;

const EVERYONE = new Set(['all', 'everyone', '全员', '全公司', '所有人']);

async function names(db: Db, a: Announcement): Promise<{ sender: string; audience: string | null }> {
  const sender = (await getPerson(db, a.senderId))?.name ?? '?';
  if (a.audienceUnitId === null) return { sender, audience: null };
  return { sender, audience: (await allUnits(db)).find((u) => u.id === a.audienceUnitId)?.name ?? '?' };
}

/** A person's copy of a notice, in `locale`; `readAt` formatted in their time zone. */
function render(
  a: Announcement,
  n: { sender: string; audience: string | null },
  config: Config,
  opts: { reminder: boolean; readAt: string | null; timezone: string | null },
) {
  return (locale: Locale, t: Translate) =>
    announcementCard(
      {
        id: a.id,
        ...textFor(textsOf(a), locale),
        ...n,
        reminder: opts.reminder,
        readAt:
          opts.readAt === null
            ? null
            : formatDate(new Date(opts.readAt), locale, opts.timezone ?? config.defaultTimezone),
        appUrl: appUrl(config, '/announcements'),
      },
      t,
    );
}

/** The notice (or its reminder) to each recipient, in one outbox row per person and platform. */
export async function sendAnnouncementCards(
  db: Db,
  notify: Notifier,
  config: Config,
  a: Announcement,
  recipients: readonly number[],
  reminder: boolean,
): Promise<void> {
  const n = await names(db, a);
  const draw = render(a, n, config, { reminder, readAt: null, timezone: null });
  for (const id of recipients)
    await notify.toEmployee(id, (locale) => draw(locale, translator(locale)), {
      cardKey: announcementKey(a.id, reminder),
    });
}

/** After an acknowledgement: the person's copies show the time, but `skip` (the one they pressed, which the
 *  press's answer redraws). The reminder's copy exists only if they were reminded. */
export async function redrawAcknowledged(
  db: Db,
  notify: Notifier,
  config: Config,
  a: Announcement,
  personId: number,
  readAt: string,
  opts: { reminded: boolean; skip?: 'notice' | 'reminder' },
): Promise<void> {
  const n = await names(db, a);
  const timezone = (await getPerson(db, personId))?.timezone ?? null;
  for (const reminder of opts.reminded ? [false, true] : [false]) {
    if (opts.skip === (reminder ? 'reminder' : 'notice')) continue;
    const draw = render(a, n, config, { reminder, readAt, timezone });
    await notify.updateCard(announcementKey(a.id, reminder), personId, (locale) => draw(locale, translator(locale)));
  }
}

type Texts = { ok: true; texts: AnnouncementTexts; languages: number } | { ok: false; key: MessageKey };

/** "Title | Body" or "标题 | 正文 || Title | Body": each part filed under the language it is written in. */
export function parseChatTexts(rest: string): Texts {
  const parts = rest
    .split(/\s*(?:\|\||｜｜)\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 2) return { ok: false, key: 'announce.usage' };
  const texts: AnnouncementTexts = { titleZh: null, titleEn: null, bodyZh: null, bodyEn: null };
  for (const part of parts) {
    const m = /^([^|｜]+?)\s*[|｜]\s*([\s\S]+)$/.exec(part);
    if (!m) return { ok: false, key: 'announce.usage' };
    const zh = looksChinese(part);
    if (zh ? texts.titleZh : texts.titleEn) return { ok: false, key: 'announce.error.same_language' };
    if (zh) [texts.titleZh, texts.bodyZh] = [m[1]!.trim(), m[2]!.trim()];
    else [texts.titleEn, texts.bodyEn] = [m[1]!.trim(), m[2]!.trim()];
  }
  return { ok: true, texts, languages: parts.length };
}

async function send(ctx: HandlerContext, args: string): Promise<void> {
  const m = /^(\S+)\s+([\s\S]+)$/.exec(args);
  if (!m) return ctx.reply(usageCard(ctx.t('announce.usage'), ctx.t));
  const [, unitRef, rest] = m as unknown as [string, string, string];
  const parsed = parseChatTexts(rest);
  if (!parsed.ok)
    return ctx.reply(
      parsed.key === 'announce.usage' ? usageCard(ctx.t('announce.usage'), ctx.t) : errorCard(ctx.t(parsed.key), ctx.t),
    );
  const units = await allUnits(ctx.db);
  const unit = EVERYONE.has(unitRef.toLowerCase()) ? null : findUnit(units, unitRef);
  if (unit === undefined) return ctx.reply(errorCard(ctx.t('announce.error.unknown_unit', { unit: unitRef }), ctx.t));
  const unitName = unit === null ? ctx.t('announce.everyone') : unit.name;
  const unitId = unit?.id ?? null;
  const go = async (db: Db, now: Date): Promise<void> => {
    const r = await createAnnouncement(db, { sender: ctx.person, unitId, texts: parsed.texts, now });
    if (!r.ok) {
      const message = ctx.t(`announce.error.${r.code}`, { unit: unitName });
      return ctx.reply(r.code === 'forbidden' ? refusalCard(message, ctx.t) : errorCard(message, ctx.t));
    }
    await sendAnnouncementCards(db, ctx.notify, ctx.config, r.announcement, r.recipients, false);
    const lines = [
      ctx.t('announce.sent.body', { id: r.announcement.id, count: r.recipients.length, unit: unitName }),
      ...(r.onLeave ? [ctx.t('announce.sent.onLeave', { count: r.onLeave })] : []),
      ...(parsed.languages === 1 ? [ctx.t('announce.sent.oneLanguage')] : []),
      ctx.t('announce.sent.status', { id: r.announcement.id }),
    ];
    await ctx.reply(confirmationCard(ctx.t('announce.sent.title'), lines.join('\n\n')));
  };
  // Reach before fan-out (as a pulse launch does): people not yet linked on a running platform are looked up
  // first, after this commit, and the notice goes out in a transaction of its own. A notice that will be
  // refused anyway is refused at once.
  const { reach } = ctx;
  const audience = (await audienceOf(ctx.db, unitId)).map((p) => p.id);
  const sendable = mayAddress(units, ctx.person, unitId) && validateTexts(parsed.texts).ok && audience.length > 0;
  const toFind = reach && sendable ? await reach.lookupCount(audience, { force: true }) : 0;
  if (!reach || toFind === 0) return await go(ctx.db, ctx.now);
  await ctx.reply(confirmationCard(ctx.t('reach.lookingUp.title'), ctx.t('reach.lookingUp.body', { count: toFind })));
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

/** The sender's (or HR's) status view, the times in the viewer's zone. */
export async function statusView(
  db: Db,
  config: Config,
  r: { announcement: Announcement; read: { name: string }[]; unread: { name: string }[] },
  viewer: { id: number; timezone: string | null },
  locale: Locale,
): Promise<AnnouncementStatusView> {
  const a = r.announcement;
  return {
    id: a.id,
    title: textFor(textsOf(a), locale).title,
    audience: (await names(db, a)).audience,
    read: r.read.map((p) => p.name),
    unread: r.unread.map((p) => p.name),
    remindedAt:
      a.remindedAt === null
        ? null
        : formatDate(new Date(a.remindedAt), locale, viewer.timezone ?? config.defaultTimezone),
    canRemind: a.senderId === viewer.id,
    appUrl: appUrl(config, '/announcements'),
  };
}

const idOf = (s: string | undefined): number | undefined =>
  s && /^#?\d{1,9}$/.test(s) ? Number(s.replace('#', '')) : undefined;

async function status(ctx: HandlerContext, ref: string | undefined): Promise<void> {
  const id = idOf(ref);
  if (id === undefined) return ctx.reply(usageCard(ctx.t('announce.usage'), ctx.t));
  const r = await announcementStatus(ctx.db, id, ctx.person);
  if (!r.ok)
    return ctx.reply(
      r.code === 'forbidden'
        ? refusalCard(ctx.t('announce.error.status_forbidden', { id }), ctx.t)
        : errorCard(ctx.t('announce.error.not_found', { id }), ctx.t),
    );
  await ctx.reply(announcementStatusCard(await statusView(ctx.db, ctx.config, r, ctx.person, ctx.locale), ctx.t));
}

/** The one reminder: refused with the reason (and nothing sent) when it cannot go. */
export async function remind(
  db: Db,
  notify: Notifier,
  config: Config,
  id: number,
  actor: { id: number },
  now: Date,
): ReturnType<typeof remindUnread> {
  const r = await remindUnread(db, id, actor, now);
  if (r.ok) await sendAnnouncementCards(db, notify, config, r.announcement, r.unread, true);
  return r;
}

async function remindCommand(ctx: HandlerContext, ref: string | undefined): Promise<void> {
  const id = idOf(ref);
  if (id === undefined) return ctx.reply(usageCard(ctx.t('announce.usage'), ctx.t));
  const r = await remind(ctx.db, ctx.notify, ctx.config, id, ctx.person, ctx.now);
  if (!r.ok) {
    const message = ctx.t(`announce.error.${r.code}`, { id });
    return ctx.reply(r.code === 'not_sender' ? refusalCard(message, ctx.t) : errorCard(message, ctx.t));
  }
  await ctx.reply(
    confirmationCard(ctx.t('announce.reminded.title'), ctx.t('announce.reminded.body', { id, count: r.unread.length })),
  );
}

async function list(ctx: HandlerContext): Promise<void> {
  const sent = await sentAnnouncements(ctx.db, ctx.person.id, 10);
  await ctx.reply(
    announcementListCard(
      sent.map((s) => ({
        id: s.announcement.id,
        title: textFor(textsOf(s.announcement), ctx.locale).title,
        read: s.read,
        total: s.total,
      })),
      ctx.t,
      appUrl(ctx.config, '/announcements'),
    ),
  );
}

export function registerAnnouncements(router: Router): Router {
  return router
    .command({
      name: 'announce',
      aliases: ['公告', 'announcement'],
      roles: ['hr', 'admin', 'manager'],
      summary: 'cmd.announce.summary',
      async run(ctx, args) {
        const m = /^(\S+)\s*([\s\S]*)$/.exec(args);
        const sub = m?.[1]?.toLowerCase() ?? '';
        if (!sub) return await list(ctx);
        if (sub === 'status' || sub === '状态') return await status(ctx, m?.[2]?.trim());
        if (sub === 'remind' || sub === '提醒') return await remindCommand(ctx, m?.[2]?.trim());
        return await send(ctx, args);
      },
    })
    .action({
      k: 'announce.ack',
      async run(ctx, action) {
        const id = idOf(action.id);
        const r = id === undefined ? undefined : await acknowledge(ctx.db, id, ctx.person, ctx.now);
        if (!r?.ok)
          return {
            outcome: 'invalid',
            toast: {
              text: ctx.t(r?.code === 'not_recipient' ? 'announce.error.not_recipient' : 'error.cardExpired.toast'),
              tone: 'error',
            },
          };
        const reminder = action.v === 'r';
        if (r.first)
          await redrawAcknowledged(ctx.db, ctx.notify, ctx.config, r.announcement, ctx.person.id, r.readAt, {
            reminded: r.reminded,
            skip: reminder ? 'reminder' : 'notice',
          });
        const n = await names(ctx.db, r.announcement);
        const draw = render(r.announcement, n, ctx.config, {
          reminder,
          readAt: r.readAt,
          timezone: ctx.person.timezone,
        });
        const card = draw(ctx.locale, ctx.t);
        const at = formatDate(new Date(r.readAt), ctx.locale, ctx.person.timezone ?? ctx.config.defaultTimezone);
        return {
          outcome: 'handled',
          card,
          toast: {
            text: r.first ? ctx.t('announce.acked.toast') : ctx.t('announce.acked.again', { at }),
            tone: 'success',
          },
        };
      },
    });
}

// For the mini-app: a unit of work that sends, so a page and the chat share one path.
export async function sendFromApp(
  db: Db,
  notify: Notifier,
  config: Config,
  input: Parameters<typeof createAnnouncement>[1],
): ReturnType<typeof createAnnouncement> {
  return await unitOfWork(db, async (tx) => {
    const r = await createAnnouncement(tx, input);
    if (r.ok) await sendAnnouncementCards(tx, notify, config, r.announcement, r.recipients, false);
    return r;
  });
}
