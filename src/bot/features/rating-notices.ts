// Rating messages through the outbox, each in its recipient's language: rater cards, results, recommendations.
// The view-models of the result, recommendation and close-confirmation cards are built here once, for the
// chat commands, the outbox and the mini-app's routes alike.
import { closePreviewCard, raterCard, recommendationCard, resultCard } from '../../../cards/rating.js';
import { formatDate } from '../../../cards/survey.js';
import type { Config } from '../../config.js';
import type { Db } from '../../domain/unit-of-work.js';
import type { RequestView } from '../../domain/approvals/requests.js';
import type { Notifier } from '../../domain/notify.js';
import { getPerson } from '../../domain/org/employees.js';
import { recommendationFacts } from '../../domain/ratings/courses.js';
import {
  commentField,
  leftOut,
  ratingField,
  raterTasks,
  type ClosePreview,
  type Closed,
  type Cycle,
} from '../../domain/ratings/cycles.js';
import type { SchemeDefinition } from '../../domain/ratings/scheme.js';
import { translator } from '../../i18n/index.js';
import { appUrl } from '../app-links.js';
import type { Locale } from '../port.js';
import { publishRequest } from './approval-views.js';

export const raterCardKey = (cycleId: number, raterId: number) => `rating:${cycleId}:${raterId}`;
export const recommendationCardKey = (recommendationId: number) => `recommendation:${recommendationId}`;

export function raterCardFor(
  db: Db,
  config: Config,
  cycle: Cycle,
  raterId: number,
  locale: Locale,
  opts: { reminder?: boolean; saved?: number } = {},
) {
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
      people: tasks.map((x) => ({
        name: x.name,
        dims: x.dimensions.map((d) => ({
          field: ratingField(x.subjectId, d.key),
          label: d.name[locale],
          value: d.value,
        })),
        commentField: commentField(x.subjectId),
        comment: x.comment,
      })),
    },
    translator(locale),
  );
}

export function askRater(
  db: Db,
  notify: Notifier,
  config: Config,
  cycle: Cycle,
  raterId: number,
  reminder = false,
): void {
  notify.toEmployee(raterId, (locale) => raterCardFor(db, config, cycle, raterId, locale, { reminder }), {
    cardKey: raterCardKey(cycle.id, raterId),
  });
}

/** A person's result card from a closed cycle's figures; dimension keys become their names. */
export function resultCardFor(
  r: {
    scheme: SchemeDefinition;
    cycleId: number;
    scores: Record<string, number>;
    composite: number | null;
    previous?: number | null;
    missing: string[];
    noRater: string[];
    comments: { rater: string; comment: string }[];
  },
  locale: Locale,
  opts: { title?: string; appUrl?: string } = {},
) {
  const name = (k: string) => r.scheme.dimensions.find((d) => d.key === k)?.name[locale] ?? k;
  return resultCard(
    {
      schemeName: opts.title ?? r.scheme.name[locale],
      cycleId: r.cycleId,
      dims: r.scheme.dimensions.map((d) => ({ name: d.name[locale], weight: d.weight, score: r.scores[d.key] })),
      composite: r.composite,
      previous: r.previous,
      missing: r.missing.map(name),
      noRater: r.noRater.map(name),
      comments: r.comments,
      appUrl: opts.appUrl,
    },
    translator(locale),
  );
}

/** A recommendation card as its person (or, without the button, their manager) sees it. */
export function recommendationCardFor(
  db: Db,
  recommendationId: number,
  locale: Locale,
  opts: { forManager: boolean; appUrl?: string },
) {
  const f = recommendationFacts(db, recommendationId)!;
  const person = getPerson(db, f.rec.employeeId);
  return recommendationCard(
    {
      person: person?.name ?? '',
      dimension: f.dimensionName(locale),
      reason: f.rec.reason,
      score: f.score,
      course: locale === 'en' ? f.course.nameEn : f.course.nameZh,
      url: f.course.url,
      recommendationId: f.rec.id,
      forManager: opts.forManager,
      requested: f.rec.requestId !== null,
      appUrl: opts.appUrl,
    },
    translator(locale),
  );
}

/** After enrolling (chat or app): the training request's cards go out and the recommendation card turns "requested". */
export function publishEnrolment(
  db: Db,
  notify: Notifier,
  config: Config,
  recommendationId: number,
  enrolled: { request: RequestView; asked: number[] },
): void {
  publishRequest(db, notify, config, enrolled.request, { newlyAsked: enrolled.asked, outcome: 'submitted' });
  notify.updateCard(recommendationCardKey(recommendationId), enrolled.request.applicantId, (locale) =>
    recommendationCardFor(db, recommendationId, locale, { forManager: false, appUrl: appUrl(config, '/ratings') }),
  );
}

export function closePreviewCardFor(p: ClosePreview, locale: Locale, stale = false) {
  return closePreviewCard(
    {
      cycleId: p.cycle.id,
      schemeName: p.cycle.scheme.name[locale],
      missing: leftOut(p.coverage).map((c) => ({
        name: c.name[locale],
        filled: c.filled,
        of: c.of,
        noRater: c.noRater,
      })),
      fingerprint: p.fingerprint,
      stale,
    },
    translator(locale),
  );
}

/** After closing: each person gets exactly their own result; recommendations go to the person and their manager. */
export function announce(db: Db, notify: Notifier, closed: Closed, config?: Config): void {
  const link = config ? appUrl(config, '/ratings') : undefined;
  const { cycle } = closed;
  for (const r of closed.results) {
    notify.toEmployee(r.employeeId, (locale) =>
      resultCardFor(
        {
          scheme: cycle.scheme,
          cycleId: cycle.id,
          scores: r.scores,
          composite: r.composite,
          previous: r.previousComposite,
          missing: r.missing,
          noRater: r.noRater,
          comments: r.comments.map((c) => ({ rater: getPerson(db, c.raterId)?.name ?? '?', comment: c.comment })),
        },
        locale,
        { appUrl: link },
      ),
    );
  }
  for (const rec of closed.recommendations) {
    const person = getPerson(db, rec.employeeId);
    notify.toEmployee(
      rec.employeeId,
      (locale) => recommendationCardFor(db, rec.id, locale, { forManager: false, appUrl: link }),
      { cardKey: recommendationCardKey(rec.id) },
    );
    if (person?.managerId)
      notify.toEmployee(person.managerId, (locale) => recommendationCardFor(db, rec.id, locale, { forManager: true }));
  }
}
