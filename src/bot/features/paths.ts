// Development paths in chat (issue 25 §4): /path shows the reader's stage, progress and next courses in their
// language (/path <name>: someone they lead); a stage move tells the person, and a transfer tells the receiving
// head about the person's path — both as cards through the outbox, in the transaction that caused them.
import { pathCard, pathMovedCard, pathTransferCard, type PathCardView } from '../../../cards/path.js';
import { confirmationCard } from '../../../cards/notice.js';
import type { Config } from '../../config.js';
import {
  clearPathNotice,
  pendingPathNotices,
  progressOf,
  viewProgress,
  type Marked,
  type PathProgress,
} from '../../domain/growth/path-enrolments.js';
import type { Notifier } from '../../domain/notify.js';
import { getPerson, listActivePeople } from '../../domain/org/employees.js';
import { companyTimeZone } from '../../domain/points/submit-claim.js';
import { courseNames } from '../../domain/growth/paths.js';
import { calendarDay } from '../../domain/surveys/calendar-day.js';
import type { Db } from '../../domain/unit-of-work.js';
import { translator } from '../../i18n/index.js';
import type { Locale } from '../../vocabulary.js';
import { appUrl } from '../app-links.js';
import type { Router } from '../router.js';

/** Today on the company's calendar (months on a path count by it). */
export async function companyToday(db: Db, config: Config, now: Date): Promise<string> {
  return calendarDay(now, await companyTimeZone(db, config.defaultTimezone));
}

/** The card's view of a person's progress in a language (course names from the catalogue). */
export async function pathCardView(
  db: Db,
  config: Config,
  p: PathProgress,
  opts: { who?: string; appPath: string },
): Promise<(locale: Locale) => PathCardView> {
  const names = await courseNames(
    db,
    p.path.stages.flatMap((s) => s.courseIds),
  );
  const s = p.path.stages[p.status.stage];
  return (locale) => {
    const en = locale === 'en';
    return {
      who: opts.who,
      path: en ? p.path.nameEn : p.path.nameZh,
      startedOn: p.enrolment.startedOn,
      stage: s && {
        n: p.status.stage + 1,
        total: p.path.stages.length,
        name: en ? s.nameEn : s.nameZh,
        from: s.fromMonth,
        to: s.toMonth,
      },
      finishedAt: p.enrolment.finishedAt ?? undefined,
      done: p.status.done,
      total: p.status.total,
      stageDone: p.status.stageDone,
      stageTotal: p.status.stageTotal,
      behind: p.status.behind,
      next: p.status.nextCourses.map((id) => {
        const c = names.get(id);
        return { name: c ? (en ? c.nameEn : c.nameZh) : `#${id}`, url: c?.url ?? undefined };
      }),
      appUrl: appUrl(config, opts.appPath),
    };
  };
}

/** After a mark that moved the stage: the person is told, in their language. */
export async function publishStageMove(db: Db, notify: Notifier, config: Config, m: Marked, now: Date): Promise<void> {
  if (!m.moved) return;
  const p = (await progressOf(db, m.employeeId, await companyToday(db, config, now)))!;
  const view = await pathCardView(db, config, p, { appPath: '/path' });
  const done = m.path.stages[m.from]!;
  await notify.toEmployee(m.employeeId, (locale) =>
    pathMovedCard({ ...view(locale), completedStage: locale === 'en' ? done.nameEn : done.nameZh }, translator(locale)),
  );
}

/** Receiving heads of transfers are told about the person's path, once each (the note is cleared as the card is queued). */
export async function sendPathTransferNotices(db: Db, notify: Notifier, config: Config, now: Date): Promise<number> {
  const today = await companyToday(db, config, now);
  let sent = 0;
  for (const n of await pendingPathNotices(db)) {
    const person = await getPerson(db, n.employeeId);
    const p = await progressOf(db, n.employeeId, today);
    if (person && p) {
      const view = await pathCardView(db, config, p, { who: person.name, appPath: `/path?person=${person.id}` });
      await notify.toEmployee(n.headId, (locale) =>
        pathTransferCard({ ...view(locale), who: person.name }, translator(locale)),
      );
      sent++;
    }
    await clearPathNotice(db, n.enrolmentId, n.headId);
  }
  return sent;
}

export function registerPaths(router: Router): Router {
  return router.command({
    name: 'path',
    aliases: ['路径', '发展路径'],
    summary: 'cmd.path.summary',
    async run(ctx, args) {
      const today = await companyToday(ctx.db, ctx.config, ctx.now);
      const name = args.trim();
      let subject = ctx.person;
      if (name) {
        const found = (await listActivePeople(ctx.db)).filter((p) => p.name.toLowerCase() === name.toLowerCase());
        const led = [];
        for (const f of found) {
          const r = await viewProgress(ctx.db, { viewer: ctx.person, employeeId: f.id, today });
          if (r.ok) led.push({ id: f.id, progress: r.progress });
        }
        if (led.length !== 1) {
          await ctx.reply(confirmationCard(ctx.t('path.name'), ctx.t('path.unknownPerson', { name })));
          return;
        }
        subject = (await getPerson(ctx.db, led[0]!.id))!;
      }
      const p = await progressOf(ctx.db, subject.id, today);
      if (!p) {
        const text = subject.id === ctx.person.id ? ctx.t('path.none') : ctx.t('path.noneFor', { name: subject.name });
        await ctx.reply(confirmationCard(ctx.t('path.name'), text));
        return;
      }
      const own = subject.id === ctx.person.id;
      const view = await pathCardView(ctx.db, ctx.config, p, {
        who: own ? undefined : subject.name,
        appPath: own ? '/path' : `/path?person=${subject.id}`,
      });
      await ctx.reply(pathCard(view(ctx.locale), ctx.t));
    },
  });
}
