// Rating messages through the outbox, each in its recipient's language: rater cards, results, recommendations.
// The view-models of the result, recommendation and close-confirmation cards are built here once, for the
// chat commands, the outbox and the mini-app's routes alike.
import { talkCard } from '../../../cards/growth.js';
import type { CardView } from '../../../cards/view.js';
import { closePreviewCard, raterCard, recommendationCard, resultCard } from '../../../cards/rating.js';
import { formatDate } from '../../../cards/survey.js';
import type { Config } from '../../config.js';
import type { Db } from '../../domain/unit-of-work.js';
import type { RequestView } from '../../domain/approvals/requests.js';
import type { Notifier } from '../../domain/notify.js';
import { getPerson } from '../../domain/org/employees.js';
import type { Talk } from '../../domain/growth/talks.js';
import { dimensionLabel, recommendationFacts } from '../../domain/ratings/courses.js';
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
import { LOCALES, translator } from '../../i18n/index.js';
import { appUrl } from '../app-links.js';
import type { Locale } from '../port.js';
import { publishRequest } from './approval-views.js';

export const raterCardKey = (cycleId: number, raterId: number) => `rating:${cycleId}:${raterId}`;
export const recommendationCardKey = (recommendationId: number) => `recommendation:${recommendationId}`;
export const talkCardKey = (talkId: number) => `talk:${talkId}`;

/** A performance conversation card, read once for both languages (the outbox renders synchronously). */
export async function talkCardRenderer(db: Db, config: Config, talk: Talk): Promise<(locale: Locale) => CardView> {
  const person = (await getPerson(db, talk.employeeId))?.name ?? '?';
  const names = new Map(
    await Promise.all(LOCALES.map(async (l) => [l, await dimensionLabel(db, talk.dimension, l)] as const)),
  );
  return (locale) =>
    talkCard(
      {
        id: talk.id,
        person,
        dimension: names.get(locale) ?? talk.dimension,
        scores: talk.scores,
        due: formatDate(new Date(talk.dueAt), locale, config.defaultTimezone),
        status: talk.status,
        appUrl: appUrl(config, '/training'),
      },
      translator(locale),
    );
}

type RaterTasks = Awaited<ReturnType<typeof raterTasks>>;

export async function raterCardFor(
  db: Db,
  config: Config,
  cycle: Cycle,
  raterId: number,
  locale: Locale,
  opts: { reminder?: boolean; saved?: number } = {},
) {
  return raterCardFrom(config, cycle, await raterTasks(db, cycle, raterId), locale, opts);
}

/** The rater card from tasks already read (the outbox renders synchronously, in the recipient's language). */
function raterCardFrom(
  config: Config,
  cycle: Cycle,
  tasks: RaterTasks,
  locale: Locale,
  opts: { reminder?: boolean; saved?: number },
) {
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

export async function askRater(
  db: Db,
  notify: Notifier,
  config: Config,
  cycle: Cycle,
  raterId: number,
  reminder = false,
): Promise<void> {
  const tasks = await raterTasks(db, cycle, raterId);
  await notify.toEmployee(raterId, (locale) => raterCardFrom(config, cycle, tasks, locale, { reminder }), {
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
export async function recommendationCardFor(
  db: Db,
  recommendationId: number,
  locale: Locale,
  opts: { forManager: boolean; appUrl?: string },
) {
  const r = await recommendationRead(db, recommendationId, [locale]);
  return recommendationCardFrom(r, locale, opts);
}

type RecommendationRead = Awaited<ReturnType<typeof recommendationRead>>;

/** What a recommendation card shows, read for the given languages (the card itself is built synchronously). */
async function recommendationRead(db: Db, recommendationId: number, locales: readonly Locale[]) {
  const f = (await recommendationFacts(db, recommendationId))!;
  const person = await getPerson(db, f.rec.employeeId);
  const dimension = new Map(await Promise.all(locales.map(async (l) => [l, await f.dimensionName(l)] as const)));
  return { f, person, dimension };
}

function recommendationCardFrom(
  { f, person, dimension }: RecommendationRead,
  locale: Locale,
  opts: { forManager: boolean; appUrl?: string },
) {
  const dimensionName = dimension.get(locale);
  if (dimensionName === undefined) throw new Error(`recommendation card: dimension name not read for ${locale}`);
  return recommendationCard(
    {
      person: person?.name ?? '',
      dimension: dimensionName,
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
export async function publishEnrolment(
  db: Db,
  notify: Notifier,
  config: Config,
  recommendationId: number,
  enrolled: { request: RequestView; asked: number[] },
): Promise<void> {
  await publishRequest(db, notify, config, enrolled.request, { newlyAsked: enrolled.asked, outcome: 'submitted' });
  const rec = await recommendationRead(db, recommendationId, LOCALES);
  await notify.updateCard(recommendationCardKey(recommendationId), enrolled.request.applicantId, (locale) =>
    recommendationCardFrom(rec, locale, { forManager: false, appUrl: appUrl(config, '/ratings') }),
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
export async function announce(db: Db, notify: Notifier, closed: Closed, config?: Config): Promise<void> {
  const link = config ? appUrl(config, '/ratings') : undefined;
  const { cycle } = closed;
  for (const r of closed.results) {
    const comments = await Promise.all(
      r.comments.map(async (c) => ({
        rater: (await getPerson(db, c.raterId))?.name ?? '?',
        comment: c.comment,
      })),
    );
    await notify.toEmployee(r.employeeId, (locale) =>
      resultCardFor(
        {
          scheme: cycle.scheme,
          cycleId: cycle.id,
          scores: r.scores,
          composite: r.composite,
          previous: r.previousComposite,
          missing: r.missing,
          noRater: r.noRater,
          comments,
        },
        locale,
        { appUrl: link },
      ),
    );
  }
  for (const rec of closed.recommendations) {
    const person = await getPerson(db, rec.employeeId);
    const read = await recommendationRead(db, rec.id, LOCALES);
    await notify.toEmployee(
      rec.employeeId,
      (locale) => recommendationCardFrom(read, locale, { forManager: false, appUrl: link }),
      { cardKey: recommendationCardKey(rec.id) },
    );
    if (person?.managerId)
      await notify.toEmployee(person.managerId, (locale) => recommendationCardFrom(read, locale, { forManager: true }));
  }
  // A dimension that dropped twice in a row: the manager is asked for a performance conversation.
  if (config)
    for (const talk of closed.talks)
      await notify.toEmployee(talk.managerId, await talkCardRenderer(db, config, talk), {
        cardKey: talkCardKey(talk.id),
      });
}
