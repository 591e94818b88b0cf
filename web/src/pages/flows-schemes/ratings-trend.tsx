// Ratings across cycles for a unit: the composite average and each dimension's average per closed cycle
// (the last 8) as lines. Managers see their own subtree; HR may pick any unit. The server enforces scope.
import type { Answer } from '../../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { LineChart } from '../../charts/line-chart.js';
import { t } from '../../i18n/index.js';
import { Field, Loaded, useApi } from '../../ui.js';

export function RatingsTrend({ units }: { units?: { id: number; name: string; path: string }[] }) {
  const [unitId, setUnitId] = useState('');
  const [scheme, setScheme] = useState('');
  const q = new URLSearchParams({ ...(unitId ? { unitId } : {}), ...(scheme ? { scheme } : {}) }).toString();
  const [load] = useApi<Answer<'GET /team/ratings/trend'>>(`/team/ratings/trend${q ? `?${q}` : ''}`);
  return (
    <section class="card" id="ratings-trend">
      <h2>{t('x.fs.trend.title')}</h2>
      {units && (
        <Field id="trend-unit" label={t('x.fs.trend.unit')}>
          <select
            id="trend-unit"
            value={unitId}
            onChange={(e) => {
              setUnitId(e.currentTarget.value);
              setScheme('');
            }}
          >
            <option value="">{t('x.fs.trend.latest')}</option>
            {units.map((u) => (
              <option value={String(u.id)}>{u.path || u.name}</option>
            ))}
          </select>
        </Field>
      )}
      <Loaded load={load}>
        {({ trend, message }) =>
          !trend ? (
            <p class="muted">{message}</p>
          ) : (
            <div data-unit={trend.unitId} data-scheme={trend.scheme} data-cycles={trend.points.length}>
              {trend.schemes.length > 1 && (
                <Field id="trend-scheme" label={t('x.fs.trend.scheme')}>
                  <select id="trend-scheme" value={trend.scheme} onChange={(e) => setScheme(e.currentTarget.value)}>
                    {trend.schemes.map((s) => (
                      <option value={s.key}>{s.name}</option>
                    ))}
                  </select>
                </Field>
              )}
              <p class="muted">
                {t('x.fs.trend.summary', { scheme: trend.schemeName, unit: trend.unit, n: trend.points.length })}
              </p>
              <LineChart
                label={t('x.fs.trend.title')}
                labels={trend.points.map((p) => `#${p.cycleId} ${p.closedAt.slice(0, 10)}`)}
                series={[
                  { label: t('x.fs.trend.composite'), values: trend.points.map((p) => p.composite) },
                  ...trend.dimensions.map((d) => ({ label: d.name, values: d.values })),
                ]}
                min={1}
                max={5}
              />
              <ul class="list" id="trend-points">
                {trend.points.map((p) => (
                  <li data-cycle={p.cycleId}>
                    #{p.cycleId} {p.closedAt.slice(0, 10)} ·{' '}
                    {t('x.fs.trend.point', {
                      value: p.composite === null ? '—' : p.composite.toFixed(2),
                      people: p.people,
                    })}
                  </li>
                ))}
              </ul>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
