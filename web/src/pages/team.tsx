// A manager's team: pulse results (K-protected) and the point distribution, both charted. The server
// answers 403 to anyone who leads no unit, and this page then shows only that.
import { useState } from 'preact/hooks';
import { BarChart } from '../charts/bar-chart.js';
import { t, type WebKey } from '../i18n/index.js';
import { PulseTrend } from './pulse-admin/trend.js';
import { PulseView } from '../pulse-view.js';
import type { PulseAnswer, TeamPoints } from '../types.js';
import { forbiddenOf, ForbiddenPage, Loaded, Page, useApi } from '../ui.js';
import { lazyPages } from '../lazy.js';

/** The team's development paths: loaded with the paths chunk. */
const Paths = lazyPages(() => import('./paths/pages.js'));
import { StatusPeopleCard } from './person-status/people-card.js';

const PERIODS = ['week', 'month', 'quarter', 'year', 'all'] as const;

export function Team() {
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>('month');
  const [pulse] = useApi<PulseAnswer>('/team/pulse');
  const [points] = useApi<TeamPoints>(`/team/points?period=${period}`);
  // Not a manager: one clear message, not one per section.
  const forbidden = forbiddenOf(pulse);
  if (forbidden) return <ForbiddenPage title={t('nav.team')} error={forbidden} />;
  return (
    <Page title={t('nav.team')}>
      <Loaded load={pulse}>
        {(p) => (
          <section class="card" id="team-pulse">
            <h2>{t('team.pulse')}</h2>
            {p.report ? <PulseView report={p.report} /> : <p class="muted">{p.message}</p>}
          </section>
        )}
      </Loaded>
      {pulse.state === 'ok' && pulse.data.report && <PulseTrend path="/team/trend" />}
      <Loaded load={points}>
        {(p) => (
          <section class="card" id="team-points">
            <h2>{t('team.points')}</h2>
            <label class="inline">
              {t('team.period')}{' '}
              <select value={period} onChange={(e) => setPeriod(e.currentTarget.value as (typeof PERIODS)[number])}>
                {PERIODS.map((x) => (
                  <option value={x}>{t(`board.period.${x}` as WebKey)}</option>
                ))}
              </select>
            </label>
            {p.rows.length === 0 ? (
              <p class="muted">{t('team.noPoints')}</p>
            ) : (
              <>
                <BarChart
                  label={t('team.points')}
                  labels={p.rows.map((r) => r.name)}
                  values={p.rows.map((r) => r.points)}
                  horizontal
                />
                <table class="leaderboard">
                  <tbody>
                    {p.rows.map((r, i) => (
                      <tr>
                        <td>{i + 1}</td>
                        <td>{r.name}</td>
                        <td class="num">{r.points}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
        )}
      </Loaded>
      <StatusPeopleCard />
      <Paths render={(a) => <a.TeamPaths />} />
    </Page>
  );
}
