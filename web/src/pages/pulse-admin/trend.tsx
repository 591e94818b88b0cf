// The pulse trend across waves: one line per dimension (1–5) with a gap where a wave had too few
// responses to show, and participation per wave. Used on the HR report and the manager's team page;
// every figure arrives already K-protected from the server.
import { LineChart } from '../../charts/line-chart.js';
import { locale, t } from '../../i18n/index.js';
import { Loaded, useApi } from '../../ui.js';
import type { TrendAnswer } from './types.js';

const day = (iso: string) =>
  new Intl.DateTimeFormat(locale(), { month: 'short', day: 'numeric' }).format(new Date(iso));

export function PulseTrend({ path }: { path: string }) {
  const [load] = useApi<TrendAnswer>(path);
  return (
    <Loaded load={load}>
      {({ trend, message }) =>
        trend ? (
          <section class="card trend" data-unit={trend.unit.id} data-waves={trend.waves.length}>
            <h2>{t('pa.trend.title')}</h2>
            <p>
              <strong>{trend.title}</strong> · {trend.unit.name}
            </p>
            {trend.waves.length === 0 ? (
              <p class="muted">{t('pa.trend.empty')}</p>
            ) : (
              <>
                <LineChart
                  label={t('pa.trend.title')}
                  labels={trend.waves.map((w) => `#${w.waveId} ${day(w.openedAt)}`)}
                  series={trend.dimensions.map((d) => ({
                    label: d.name,
                    values: trend.waves.map((w) => w.dims[d.key] ?? null),
                  }))}
                  min={1}
                  max={5}
                />
                <table class="trend-waves">
                  <thead>
                    <tr>
                      <th>{t('pulse.wave')}</th>
                      <th>{t('pa.trend.participation')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {trend.waves.map((w) => (
                      <tr data-wave={w.waveId} data-closed={String(w.closed)} data-visible={String(w.visible)}>
                        <td>{`#${w.waveId} ${day(w.openedAt)}`}</td>
                        <td>
                          {t('pulse.participation', {
                            answered: w.participation.answered,
                            asked: w.participation.asked,
                            rate: Math.round(w.participation.rate * 100),
                          })}
                          {!w.closed ? (
                            <span class="muted"> · {t('pa.trend.open')}</span>
                          ) : (
                            !w.visible && <span class="muted"> · {t('pa.trend.hidden')}</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p class="muted">{t('pa.trend.note', { k: trend.k })}</p>
              </>
            )}
          </section>
        ) : (
          <p class="muted">{message}</p>
        )
      }
    </Loaded>
  );
}
