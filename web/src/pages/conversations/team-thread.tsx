// The team's side of a conversation on a comment (/hr/conversations/:threadId; chat notices link here): the
// comment, the messages by delivery batch, a reply box — or, once the author's close has been delivered, why not.
import type { Answer } from '../../../../src/contract/index.js';
import { api } from '../../api.js';
import { formatDateTime, t } from '../../i18n/index.js';
import type { TeamThread } from '../../types.js';
import { Loaded, Notice, Page, useApi, useSubmit } from '../../ui.js';
import { Messages, ReplyBox } from './parts.js';

/** `isHr`: where 'back' goes (HR's report of the wave, or a manager's team page). */
export function TeamThreadPage({ threadId, isHr }: { threadId: string; isHr: boolean }) {
  const [load, reload] = useApi<{ thread: TeamThread }>(`/conversations/${encodeURIComponent(threadId)}`);
  const send = useSubmit<Answer<'POST /conversations/:threadId/messages'>>();
  return (
    <Page title={t('conv.title')}>
      <Loaded load={load}>
        {({ thread }) => (
          <section class="card conv-page" data-thread={thread.threadId} data-status={thread.status}>
            <h2>{t('conv.comment')}</h2>
            <blockquote class="conv-comment">{thread.comment}</blockquote>
            {thread.unit && <p class="muted">{t('conv.unit', { unit: thread.unit })}</p>}
            <h2>{t('conv.messages')}</h2>
            <Messages messages={thread.messages} reader="team" />
            {thread.status === 'closed' ? (
              <Notice tone="info">
                <span data-closed="true">{t('conv.closed', { when: formatDateTime(thread.closedAt ?? '') })}</span>
              </Notice>
            ) : (
              <ReplyBox
                nextRelease={thread.nextRelease}
                busy={send.busy}
                error={send.error}
                onSend={async (body) => {
                  const r = await send.run(() => api('POST', `/conversations/${thread.threadId}/messages`, { body }));
                  // A refusal (closed meanwhile) shows its message; the page is read again either way.
                  reload();
                  return r !== undefined;
                }}
              />
            )}
            <p class="muted">{t('conv.batches')}</p>
            <p>
              <a href={isHr ? `/app/hr/report?wave=${thread.waveId}` : '/app/team'}>{t('conv.back')}</a> ·{' '}
              <a href="/app/hr/conversations">{t('conv.all')}</a>
            </p>
          </section>
        )}
      </Loaded>
    </Page>
  );
}
