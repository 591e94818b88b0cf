// The approvals centre, as in Feishu's and DingTalk's approval apps: tabs with counts — waiting on me,
// decided by me, sent by me (no "CC me": flows have no CC step yet). On phones the chosen tab's requests are
// cards in one column, decided in place; from 1024 px a list beside the chosen request (?id=). A decision
// redraws the chat cards too (server side); a stale one (someone decided first) shows the conflict.
import { useState } from 'preact/hooks';
import type { Answer } from '../../../src/contract/index.js';
import { useWide } from '../features/shell.js';
import { formatDateTime, t, type WebKey } from '../i18n/index.js';
import { useLocation } from '../router.js';
import { RequestCard, StatusBadge } from '../request-card.js';
import type { RequestView } from '../types.js';
import { Loaded, Notice, Page, useApi } from '../ui.js';

const TABS = ['waiting', 'done', 'mine'] as const;
type Tab = (typeof TABS)[number];
type Approvals = Answer<'GET /approvals'>;

const EMPTY: Record<Tab, WebKey> = {
  waiting: 'approvals.none',
  done: 'layout.approvals.none.done',
  mine: 'layout.approvals.none.mine',
};
const href = (tab: Tab, id?: number) =>
  `/app/approvals${tab === 'waiting' && id === undefined ? '' : `?${new URLSearchParams({ ...(tab === 'waiting' ? {} : { tab }), ...(id === undefined ? {} : { id: String(id) }) }).toString()}`}`;

function Tabs({ tab, counts }: { tab: Tab; counts?: Record<Tab, number> }) {
  return (
    <nav class="subtabs" aria-label={t('layout.approvals.tabs')}>
      {TABS.map((x) => (
        <a href={href(x)} aria-current={x === tab ? 'page' : undefined} data-tab={x}>
          {t(`layout.approvals.tab.${x}`)}
          {counts && (
            <span class="count" data-count={counts[x]}>
              {counts[x]}
            </span>
          )}
        </a>
      ))}
    </nav>
  );
}

/** One line of the desktop list: what and whose, its status, when; long names end in "…" (title: all). */
function ListItem({ r, tab, chosen }: { r: RequestView; tab: Tab; chosen: boolean }) {
  const title = `${r.flowName} #${r.id}`;
  const sub = `${r.applicant} · ${formatDateTime(r.createdAt)}`;
  return (
    <li>
      <a href={href(tab, r.id)} aria-current={chosen ? 'true' : undefined} data-request-item={r.id}>
        <span class="title ellipsis" title={title}>
          {title}
        </span>
        <StatusBadge status={r.status} />
        <span class="sub ellipsis" title={sub}>
          {sub}
        </span>
      </a>
    </li>
  );
}

export function Approvals() {
  const { query } = useLocation();
  const tab: Tab = (TABS as readonly string[]).includes(query.get('tab') ?? '') ? (query.get('tab') as Tab) : 'waiting';
  const chosenId = Number(query.get('id') ?? '') || undefined;
  const [load, reload] = useApi<Approvals>(`/approvals${tab === 'waiting' ? '' : `?tab=${tab}`}`);
  const [decided, setDecided] = useState<RequestView[]>([]);
  const wide = useWide();
  const onDecided = (after: RequestView) => {
    setDecided((d) => [after, ...d]);
    reload();
  };
  return (
    <Page title={t('nav.approvals')}>
      <Tabs tab={tab} counts={load.state === 'ok' ? load.data.counts : undefined} />
      {decided.map((r) => (
        <Notice tone="success">
          {t('approvals.decided', { id: r.id })} <a href={`/app/requests/${r.id}`}>{t(`status.${r.status}`)}</a>
        </Notice>
      ))}
      <Loaded load={load}>
        {({ requests }) => {
          if (requests.length === 0) return <p class="muted">{t(EMPTY[tab])}</p>;
          const cardOf = (r: RequestView) => (
            <RequestCard
              key={`${r.id}:${r.version}`}
              request={r}
              onDecided={tab === 'waiting' ? onDecided : undefined}
            />
          );
          if (!wide) return <>{requests.map(cardOf)}</>;
          // The chosen request, or the newest one (a decided request leaves the waiting list: its neighbour follows).
          const chosen = requests.find((r) => r.id === chosenId) ?? requests[0]!;
          return (
            <div class="split">
              <ul class="req-list" aria-label={t('layout.approvals.list')}>
                {requests.map((r) => (
                  <ListItem r={r} tab={tab} chosen={r === chosen} />
                ))}
              </ul>
              <section class="detail" aria-live="polite">
                {cardOf(chosen)}
              </section>
            </div>
          );
        }}
      </Loaded>
    </Page>
  );
}
