// Rating messages through the outbox, each in its recipient's language: rater cards, results, recommendations.
import { raterCard, recommendationCard, resultCard } from '../../../cards/rating.js';
import { formatDate } from '../../../cards/survey.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';
import type { Notifier } from '../../domain/notify.js';
import { getPerson } from '../../domain/org/employees.js';
import { getCourse } from '../../domain/ratings/courses.js';
import { type closeCycle, commentField, ratingField, raterTasks, type Cycle } from '../../domain/ratings/cycles.js';
import { translator } from '../../i18n/index.js';
import { appUrl } from '../app-links.js';
import type { Locale } from '../port.js';

export const raterCardKey = (cycleId: number, raterId: number) => `rating:${cycleId}:${raterId}`;

export function raterCardFor(db: Db, config: Config, cycle: Cycle, raterId: number, locale: Locale, opts: { reminder?: boolean; saved?: number } = {}) {
  const tasks = raterTasks(db, cycle, raterId);
  const total = tasks.reduce((n, x) => n + x.dimensions.length, 0);
  const rated = tasks.reduce((n, x) => n + x.dimensions.filter((d) => d.value !== undefined).length, 0);
  return raterCard(
    {
      cycleId: cycle.id,
      schemeName: cycle.scheme.name[locale],
      closesAt: formatDate(cycle.closesAt, locale, config.defaultTimezone),
      rated,
      total,
      reminder: Boolean(opts.reminder),
      saved: opts.saved,
      people: tasks.map((x) => ({ name: x.name, dims: x.dimensions.map((d) => ({ field: ratingField(x.subjectId, d.key), label: d.name[locale], value: d.value })), commentField: commentField(x.subjectId), comment: x.comment })),
    },
    translator(locale),
  );
}

export function askRater(db: Db, notify: Notifier, config: Config, cycle: Cycle, raterId: number, reminder = false): void {
  notify.toEmployee(raterId, (locale) => raterCardFor(db, config, cycle, raterId, locale, { reminder }), { cardKey: raterCardKey(cycle.id, raterId) });
}

/** After closing: each person gets exactly their own result; recommendations go to the person and their manager. */
export function announce(db: Db, notify: Notifier, closed: Extract<ReturnType<typeof closeCycle>, { ok: true }>, config?: Config): void {
  const link = config ? appUrl(config, '/ratings') : undefined;
  const { cycle } = closed;
  for (const r of closed.results) {
    notify.toEmployee(r.employeeId, (locale) =>
      resultCard(
        {
          schemeName: cycle.scheme.name[locale],
          cycleId: cycle.id,
          dims: cycle.scheme.dimensions.map((d) => ({ name: d.name[locale], weight: d.weight, score: r.scores[d.key] })),
          composite: r.composite,
          previous: r.previousComposite,
          missing: r.missing.map((k) => cycle.scheme.dimensions.find((d) => d.key === k)?.name[locale] ?? k),
          comments: r.comments.map((c) => ({ rater: getPerson(db, c.raterId)?.name ?? '?', comment: c.comment })),
          appUrl: link,
        },
        translator(locale),
      ),
    );
  }
  for (const rec of closed.recommendations) {
    const person = getPerson(db, rec.employeeId);
    const course = getCourse(db, rec.courseId)!;
    const score = closed.results.find((r) => r.employeeId === rec.employeeId)?.scores[rec.dimension] ?? 0;
    const render = (forManager: boolean) => (locale: Locale) =>
      recommendationCard(
        { person: person?.name ?? '', dimension: cycle.scheme.dimensions.find((d) => d.key === rec.dimension)?.name[locale] ?? rec.dimension, reason: rec.reason, score, course: locale === 'en' ? course.nameEn : course.nameZh, url: course.url, recommendationId: rec.id, forManager, appUrl: forManager ? undefined : link },
        translator(locale),
      );
    notify.toEmployee(rec.employeeId, render(false), { cardKey: `recommendation:${rec.id}` });
    if (person?.managerId) notify.toEmployee(person.managerId, render(true));
  }
}
