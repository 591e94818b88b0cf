// One request with its timeline (the applicant, anyone it asked, HR).
import type { Answer } from '../../../src/contract/index.js';
import { t } from '../i18n/index.js';
import { RequestCard } from '../request-card.js';
import { useLocation } from '../router.js';
import { Loaded, Notice, Page, useApi } from '../ui.js';

export function Request({ id }: { id: string }) {
  const { query } = useLocation();
  const [load, reload] = useApi<Answer<'GET /requests/:id'>>(`/requests/${encodeURIComponent(id)}`);
  return (
    <Page title={t('request.title', { id })}>
      {query.get('submitted') && <Notice tone="success">{t('request.submitted')}</Notice>}
      <Loaded load={load}>{({ request }) => <RequestCard request={request} onDecided={reload} />}</Loaded>
    </Page>
  );
}
