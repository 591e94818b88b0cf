// Rewards: what points buy. Redeeming holds the points until the request is decided.
import type { Answer } from '../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatDateTime, t, type WebKey } from '../i18n/index.js';
import type { PointsInfo } from '../types.js';
import { Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';

export function Rewards() {
  const [info, reload] = useApi<PointsInfo>('/points');
  const submit = useSubmit<Answer<'POST /redemptions'>>();
  const [done, setDone] = useState<number>();
  return (
    <Page title={t('rewards.title')}>
      {done !== undefined && (
        <Notice tone="success">
          {t('rewards.requested')} <a href={`/app/requests/${done}`}>#{done}</a>
        </Notice>
      )}
      {submit.error && <Notice tone="error">{submit.error.message}</Notice>}
      <Loaded load={info}>
        {(p) => (
          <>
            <p>
              {t('home.points')}: <strong class="big">{p.balance}</strong>
            </p>
            <ul class="list">
              {p.rewards.map((r) => (
                <li class="card row spread">
                  <span>
                    {r.name} <span class="muted">· {r.cost}</span>
                    {/* Not affordable yet: how far off, rather than only a greyed-out button. */}
                    {r.cost > p.balance && (
                      <>
                        <br />
                        <small class="muted" data-short={r.cost - p.balance}>
                          {t('rewards.short', { n: r.cost - p.balance })}
                        </small>
                      </>
                    )}
                  </span>
                  <button
                    type="button"
                    disabled={submit.busy || r.cost > p.balance}
                    onClick={async () => {
                      const res = await submit.run(() => api('POST', '/redemptions', { rewardId: r.id }));
                      if (res) {
                        setDone(res.id);
                        reload();
                      }
                    }}
                  >
                    {t('rewards.redeem')}
                  </button>
                </li>
              ))}
            </ul>
            <h2>{t('rewards.history')}</h2>
            {p.entries.length === 0 ? (
              <p class="muted">{t('home.noRequests')}</p>
            ) : (
              <ul class="list ledger">
                {p.entries.map((e) => (
                  <li class="row spread">
                    <span>
                      {t(`ledger.${e.kind}` as WebKey)} {e.note && <span class="muted">· {e.note}</span>}
                      <br />
                      <small class="muted">{formatDateTime(e.at)}</small>
                    </span>
                    <strong>{e.points > 0 ? `+${e.points}` : e.points}</strong>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}
