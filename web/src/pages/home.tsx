// Home: open surveys first (they close), the points balance, what waits on me, and my own requests.
import { formatDateTime, t } from '../i18n/index.js';
import { StatusBadge } from '../request-card.js';
import type { Home as HomeData, Me } from '../types.js';
import { Loaded, Page, useApi } from '../ui.js';
import { GuideOffer } from './guide/guide-page.js';

export function Home({ me }: { me: Me }) {
  return (
    <Page title={t('home.hello', { name: me.name })}>
      <GuideOffer />
      <HomeCards />
    </Page>
  );
}

/** One's own cards (surveys to answer, points, what waits on me, my requests): the home, and HR's and a
 *  manager's desk below their blocks. */
export function HomeCards() {
  const [home] = useApi<HomeData>('/home');
  return (
    <Loaded load={home}>
      {(h) => (
        // Two columns of cards on the desktop (.home-grid), one on phones.
        <div class="home-grid">
          <section class="card" id="surveys">
            <h2>{t('home.surveys')}</h2>
            {h.surveys.length === 0 ? (
              <p class="muted">{t('home.noSurveys')}</p>
            ) : (
              <ul class="list">
                {h.surveys.map((s) => (
                  <li key={s.waveId}>
                    <a class="button primary" href={`/app/survey/${s.waveId}`}>
                      {s.title}
                    </a>
                    <span class="muted"> {t('home.closes', { when: formatDateTime(s.closesAt) })}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="card" id="points">
            <h2>{t('home.points')}</h2>
            <p class="big" data-balance={h.balance}>
              {h.balance}
            </p>
            <div class="row">
              <a class="button" href="/app/claim">
                {t('nav.claim')}
              </a>
              <a class="button" href="/app/nominate">
                {t('nominate.title')}
              </a>
              <a class="button" href="/app/rewards">
                {t('nav.rewards')}
              </a>
              <a class="button" href="/app/transfer">
                {t('nav.transfer')}
              </a>
            </div>
          </section>
          {h.waiting.length > 0 && (
            <section class="card" id="waiting">
              <h2>{t('home.waiting', { n: h.waiting.length })}</h2>
              <a class="button primary" href="/app/approvals">
                {t('nav.approvals')}
              </a>
            </section>
          )}
          <section class="card" id="mine">
            <h2>{t('home.mine')}</h2>
            {h.mine.length === 0 ? (
              <p class="muted">{t('home.noRequests')}</p>
            ) : (
              <ul class="list requests">
                {h.mine.map((r) => (
                  <li key={r.id}>
                    <a href={`/app/requests/${r.id}`} title={`${r.flowName} #${r.id}`}>
                      {r.flowName} #{r.id}
                    </a>{' '}
                    <StatusBadge status={r.status} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </Loaded>
  );
}
