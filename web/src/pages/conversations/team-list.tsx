// The conversations a team member may hold (/hr/conversations): the server lists only threads on comments they may
// answer today (HR every unit, a head their subtree, the comment threshold as it is), most recent first; the ones
// whose last word is the author's are marked as waiting for an answer.
import type { Answer } from '../../../../src/contract/index.js';
import { formatDateTime, t } from '../../i18n/index.js';
import { Loaded, Page, useApi } from '../../ui.js';
import './conversation.css';

export function TeamConversationsPage() {
  const [load] = useApi<Answer<'GET /conversations'>>('/conversations');
  return (
    <Page title={t('conv.list')}>
      <Loaded load={load}>
        {({ threads }) =>
          threads.length === 0 ? (
            <p class="muted">{t('conv.listEmpty')}</p>
          ) : (
            <ul class="list conv-list">
              {threads.map((x) => (
                <li
                  class="card"
                  data-thread={x.threadId}
                  data-status={x.status}
                  data-awaiting={String(x.awaitingReply)}
                >
                  <a href={`/app/hr/conversations/${x.threadId}`}>
                    <q>{x.comment.length > 120 ? `${x.comment.slice(0, 120)}…` : x.comment}</q>
                  </a>
                  <p class="muted">
                    {[
                      x.unit,
                      t('conv.count', { n: x.messages }),
                      x.lastAt ? t('conv.last', { when: formatDateTime(x.lastAt) }) : '',
                      x.status === 'closed' ? t('conv.statusClosed') : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                  {x.awaitingReply && x.status === 'open' && (
                    <strong class="conv-awaiting">{t('conv.awaiting')}</strong>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
}
