// The approvals inbox: every request waiting on me, with its timeline; a decision redraws the chat cards
// too (server side). A stale decision (someone decided first) shows the conflict and the fresh state.
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { RequestCard } from '../request-card.js';
import type { RequestView } from '../types.js';
import { Loaded, Notice, Page, useApi } from '../ui.js';

export function Approvals() {
  const [load, reload] = useApi<{ waiting: RequestView[] }>('/approvals');
  const [decided, setDecided] = useState<RequestView[]>([]);
  return (
    <Page title={t('nav.approvals')}>
      {decided.map((r) => (
        <Notice tone="success">
          {t('approvals.decided', { id: r.id })} <a href={`/app/requests/${r.id}`}>{t(`status.${r.status}`)}</a>
        </Notice>
      ))}
      <Loaded load={load}>
        {({ waiting }) =>
          waiting.length === 0 ? (
            <p class="muted">{t('approvals.none')}</p>
          ) : (
            waiting.map((r) => (
              <RequestCard
                key={`${r.id}:${r.version}`}
                request={r}
                onDecided={(after) => {
                  setDecided((d) => [after, ...d]);
                  reload();
                }}
              />
            ))
          )
        }
      </Loaded>
    </Page>
  );
}
