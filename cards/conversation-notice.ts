// Comment conversations in chat (issue 23 item 1): what the tick sends when a batch is released. To the team
// (starter and every member who wrote): a reply in their conversation, with a link to the thread. To the author,
// who cannot be addressed: a generic notice to everyone who answered the wave in the comment's published group —
// no comment text, no link with a key.
import type { Translate } from '../src/i18n/index.js';
import type { Locale } from '../src/vocabulary.js';
import { card, type CardView } from './view.js';

/** The batch hours as the confirmation quotes them: "10:00 and 16:00", "10:00和16:00". */
export function releaseHoursText(hours: readonly number[], locale: Locale): string {
  const times = [...hours].sort((a, b) => a - b).map((h) => `${String(h).padStart(2, '0')}:00`);
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(times);
}

export function teamReplyNoticeCard(v: { wave: string; url: string }, t: Translate): CardView {
  return card({
    header: { title: t('conversation.notice.team.title'), tone: 'info' },
    blocks: [
      { type: 'text', markdown: t('conversation.notice.team.body', { wave: v.wave }) },
      { type: 'actions', buttons: [{ label: t('conversation.notice.team.open'), style: 'primary', url: v.url }] },
    ],
  });
}

/** `threads`: how many comments in the person's group got a reply in this batch (one notice for all of them). */
export function authorReplyNoticeCard(v: { wave: string; threads: number }, t: Translate): CardView {
  return card({
    header: { title: t('conversation.notice.author.title'), tone: 'info' },
    blocks: [
      {
        type: 'text',
        markdown:
          v.threads > 1
            ? t('conversation.notice.author.more', { wave: v.wave, n: v.threads })
            : t('conversation.notice.author.body', { wave: v.wave }),
      },
    ],
  });
}
