// HR: messages the outbox gave up on — for whom, on which platform, which message, why and what to fix —
// with a retry for one or all (GET /api/hr/delivery, POST /api/hr/delivery/retry; audited on the server).
import type { Answer } from '../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { t } from '../i18n/index.js';
import { forbiddenOf, ForbiddenPage, Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';

export function HrDelivery() {
  const [load, reload] = useApi<Answer<'GET /hr/delivery'>>('/hr/delivery');
  const [retried, setRetried] = useState<number>();
  const retry = useSubmit<Answer<'POST /hr/delivery/retry'>>();
  const forbidden = forbiddenOf(load);
  if (forbidden) return <ForbiddenPage title={t('delivery.title')} error={forbidden} />;
  const run = async (ids?: number[]) => {
    const r = await retry.run(() => api('POST', '/hr/delivery/retry', ids ? { ids } : {}));
    if (r) {
      setRetried(r.retried);
      reload();
    }
  };
  return (
    <Page title={t('delivery.title')}>
      <p class="muted">{t('delivery.intro')}</p>
      {retried !== undefined && <Notice tone="success">{t('delivery.retried', { n: retried })}</Notice>}
      {retry.error && <Notice tone="error">{retry.error.message}</Notice>}
      <Loaded load={load}>
        {({ total, rows, waiting }) => (
          <>
            {waiting.length > 0 && (
              <section id="delivery-waiting" class="card">
                <h2>{t('delivery.waiting.title', { n: waiting.length })}</h2>
                <ul class="list">
                  {waiting.map((w) => (
                    <li data-waiting={w.person}>
                      <strong>{w.person}</strong> · {t('delivery.waiting.kept', { n: w.messages })}
                      <p class="warn">{w.reasons}</p>
                    </li>
                  ))}
                </ul>
                <p class="muted">{t('delivery.waiting.note')}</p>
              </section>
            )}
            {total === 0 ? (
              <p class="muted" id="delivery-none">
                {t('delivery.none')}
              </p>
            ) : (
              <section id="delivery">
                <div class="row spread">
                  <strong>{t('delivery.count', { n: total })}</strong>
                  <button type="button" class="primary" disabled={retry.busy} onClick={() => void run()}>
                    {t('delivery.retryAll')}
                  </button>
                </div>
                <ul class="list">
                  {rows.map((r) => (
                    <li class="card" data-dead={r.id} data-reason={r.reason}>
                      <div class="row spread">
                        <span>
                          <strong>{r.person?.name ?? t('delivery.unlinked', { id: r.recipientId })}</strong> ·{' '}
                          {r.platformName}
                          {r.what && <span class="muted"> · {r.what}</span>}
                        </span>
                        <button type="button" disabled={retry.busy} onClick={() => void run([r.id])}>
                          {t('delivery.retryOne')}
                        </button>
                      </div>
                      <p class="warn">
                        {r.reasonText}
                        {r.detail && <span class="muted"> — {r.detail}</span>}
                      </p>
                      <p>{r.fix}</p>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}
