// Sends what a released conversation batch means for people (src/domain/surveys/conversation-notices.ts) through
// the outbox, in the tick's unit of work: the notices are enqueued in the same commit that marks the batch
// released, so each goes out once. No card here carries a reply key.
import { authorReplyNoticeCard, teamReplyNoticeCard } from '../../cards/conversation-notice.js';
import type { Config } from '../config.js';
import type { Db } from '../domain/unit-of-work.js';
import type { Notifier } from '../domain/notify.js';
import { releaseNotices } from '../domain/surveys/conversation-notices.js';
import type { ReleasedBatch } from '../domain/surveys/conversations.js';
import { getTemplate } from '../domain/surveys/templates.js';
import { getWave } from '../domain/surveys/waves.js';
import { translator } from '../i18n/index.js';
import { appUrl } from './app-links.js';
import type { Locale } from './port.js';

export async function sendConversationNotices(
  db: Db,
  notify: Notifier,
  config: Config,
  batches: readonly ReleasedBatch[],
): Promise<{ team: number; author: number }> {
  const { team, author } = await releaseNotices(db, batches);
  const titles = new Map<number, Record<Locale, string>>();
  const title = async (waveId: number): Promise<Record<Locale, string>> => {
    let found = titles.get(waveId);
    if (!found) {
      const wave = await getWave(db, waveId);
      const template = wave ? await getTemplate(db, wave.templateId) : undefined;
      found = template?.name ?? { en: '', 'zh-CN': '' };
      titles.set(waveId, found);
    }
    return found;
  };
  for (const n of team) {
    const wave = await title(n.waveId);
    const url = appUrl(config, `/hr/conversations/${n.threadId}`);
    await notify.toEmployee(n.employeeId, (locale) =>
      teamReplyNoticeCard({ wave: wave[locale], url }, translator(locale)),
    );
  }
  for (const n of author) {
    const wave = await title(n.waveId);
    await notify.toEmployee(n.employeeId, (locale) =>
      authorReplyNoticeCard({ wave: wave[locale], threads: n.threads }, translator(locale)),
    );
  }
  return { team: team.length, author: author.length };
}
