// HR's home (the whole organisation) and a manager's (their units): the desk's blocks, then one's own
// cards as on everyone's home. The server checks the role and the scope of every figure again.
import { locale, t } from '../../i18n/index.js';
import { forbiddenOf, ForbiddenPage, Loaded, Page, useApi } from '../../ui.js';
import { HomeCards } from '../home.js';
import { GuideOffer } from '../guide/guide-page.js';
import { FollowUpsBlock, RequestsBlock, ResultsBlock, WavesBlock } from './blocks.js';
import type { Desk } from './types.js';
import './desk.css';

export function DeskPage({ kind }: { kind: 'hr' | 'team' }) {
  const hr = kind === 'hr';
  const [load] = useApi<Desk>(hr ? '/hr/desk' : '/team/desk');
  const title = t(hr ? 'desk.hr.title' : 'desk.team.title');
  const forbidden = forbiddenOf(load);
  if (forbidden) return <ForbiddenPage title={title} error={forbidden} />;
  return (
    <Page title={title}>
      <GuideOffer />
      <Loaded load={load}>
        {(d) => (
          <>
            {!hr && d.units.length > 0 && (
              <p class="muted desk-scope">
                {t('desk.team.units', { units: d.units.map((u) => u.name).join(locale() === 'en' ? ', ' : '、') })}
              </p>
            )}
            {/* Today's attendance: for HR and for whoever heads a unit (the page refuses anyone else). */}
            {(hr || d.units.length > 0) && (
              <p class="desk-today">
                <a href="/app/today">{t('attendance.title')}</a>
              </p>
            )}
            <div class="home-grid desk" data-scope={d.scope}>
              <WavesBlock d={d} hr={hr} />
              <ResultsBlock d={d} hr={hr} />
              <RequestsBlock d={d} hr={hr} />
              <FollowUpsBlock d={d} />
            </div>
          </>
        )}
      </Loaded>
      <h2 class="desk-yours">{t('desk.yours')}</h2>
      <HomeCards />
    </Page>
  );
}
