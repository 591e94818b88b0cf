// The leaderboard by calendar period (this week, month, quarter, year, all time, in the company's time zone),
// for everyone: their own unit, the units they lead, any unit for HR — the server decides which.
import { useState } from 'preact/hooks';
import type { Answer } from '../../../src/contract/index.js';
import { BarChart } from '../charts/bar-chart.js';
import { t, type WebKey } from '../i18n/index.js';
import { Loaded, Page, useApi } from '../ui.js';

const PERIODS = ['month', 'quarter', 'year', 'week', 'all'] as const;
type Period = (typeof PERIODS)[number];
type Board = Answer<'GET /leaderboard'>;

export function LeaderboardPage() {
  const [period, setPeriod] = useState<Period>('month');
  const [unitId, setUnitId] = useState<number>();
  const [board] = useApi<Board>(`/leaderboard?period=${period}${unitId === undefined ? '' : `&unitId=${unitId}`}`);
  return (
    <Page title={t('nav.leaderboard')}>
      <div class="row wrap" role="group" aria-label={t('board.period')}>
        {PERIODS.map((p) => (
          <button
            type="button"
            class={p === period ? 'primary' : undefined}
            aria-pressed={p === period}
            onClick={() => setPeriod(p)}
          >
            {t(`board.period.${p}` as WebKey)}
          </button>
        ))}
      </div>
      <Loaded load={board}>
        {(b) => (
          <section class="card" id="leaderboard">
            {b.units.length > 1 && (
              <label class="inline">
                {t('board.unit')}{' '}
                <select value={String(b.unit?.id ?? '')} onChange={(e) => setUnitId(Number(e.currentTarget.value))}>
                  {b.units.map((u) => (
                    <option value={String(u.id)}>{u.path}</option>
                  ))}
                </select>
              </label>
            )}
            <h2>
              {b.unit?.name ?? '—'} <span class="muted">· {b.periodLabel}</span>
            </h2>
            {b.rows.length === 0 ? (
              <p class="muted">{t('board.empty')}</p>
            ) : (
              <>
                <BarChart
                  label={`${t('nav.leaderboard')} · ${b.periodLabel}`}
                  labels={b.rows.map((r) => r.name)}
                  values={b.rows.map((r) => r.points)}
                  horizontal
                />
                <table class="leaderboard">
                  <thead>
                    <tr>
                      <th scope="col">{t('board.rank')}</th>
                      <th scope="col">{t('board.name')}</th>
                      <th scope="col" class="num">
                        {t('board.points')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((r) => (
                      <tr class={r.me ? 'me' : undefined}>
                        <td>{r.rank}</td>
                        <td>
                          {r.name} {r.me && <span class="muted">({t('board.you')})</span>}
                        </td>
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
    </Page>
  );
}
