// Real-time feedback through the outbox, each card in its reader's language: the person's card with its
// acknowledge button and the rater's copy, both redrawn when the person acknowledges it.
import { feedbackCard } from '../../../cards/growth.js';
import { formatDate } from '../../../cards/survey.js';
import type { CardView } from '../../../cards/view.js';
import type { Config } from '../../config.js';
import type { Feedback } from '../../domain/growth/feedback.js';
import type { Notifier } from '../../domain/notify.js';
import { getPerson } from '../../domain/org/employees.js';
import type { Db } from '../../domain/unit-of-work.js';
import { translator } from '../../i18n/index.js';
import { appUrl } from '../app-links.js';
import type { Locale } from '../port.js';

export const feedbackCardKey = (id: number) => `feedback:${id}`;
export const feedbackRaterCardKey = (id: number) => `feedback-rater:${id}`;

export async function feedbackCardRenderer(
  db: Db,
  config: Config,
  f: Feedback,
  forRater: boolean,
): Promise<(locale: Locale) => CardView> {
  const from = (await getPerson(db, f.raterId))?.name ?? '?';
  const to = (await getPerson(db, f.subjectId))?.name ?? '?';
  return (locale) =>
    feedbackCard(
      {
        id: f.id,
        from,
        to,
        comment: f.comment,
        acknowledged: f.acknowledgedAt
          ? formatDate(new Date(f.acknowledgedAt), locale, config.defaultTimezone)
          : undefined,
        forRater,
        appUrl: appUrl(config, '/training'),
      },
      translator(locale),
    );
}

/** Just shared: the person's card and the rater's copy. */
export async function publishFeedback(db: Db, notify: Notifier, config: Config, f: Feedback): Promise<void> {
  await notify.toEmployee(f.subjectId, await feedbackCardRenderer(db, config, f, false), {
    cardKey: feedbackCardKey(f.id),
  });
  await notify.toEmployee(f.raterId, await feedbackCardRenderer(db, config, f, true), {
    cardKey: feedbackRaterCardKey(f.id),
  });
}

/** Acknowledged: both cards say so (the person's loses its button). */
export async function publishAcknowledged(db: Db, notify: Notifier, config: Config, f: Feedback): Promise<void> {
  await notify.updateCard(feedbackCardKey(f.id), f.subjectId, await feedbackCardRenderer(db, config, f, false));
  await notify.updateCard(feedbackRaterCardKey(f.id), f.raterId, await feedbackCardRenderer(db, config, f, true));
}
