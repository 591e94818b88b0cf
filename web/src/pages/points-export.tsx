// HR: the points export — a period (this month by default) and what to export: the ledger, or its points
// by unit or by value tag. The server checks the period (an end before the start is refused with a message).
import { useState } from 'preact/hooks';
import type { Answer } from '../../../src/contract/index.js';
import { BarChart } from '../charts/bar-chart.js';
import { ExportDownload } from '../export-download.js';
import { Loaded, useApi } from '../ui.js';
import './points-export.css';
import { t } from '../i18n/index.js';

const VIEWS = ['ledger', 'units', 'tags', 'value'] as const;
const day = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function PointsExport() {
  const now = new Date();
  const [from, setFrom] = useState(day(new Date(now.getFullYear(), now.getMonth(), 1)));
  const [to, setTo] = useState(day(now));
  const [view, setView] = useState<(typeof VIEWS)[number]>('ledger');
  const q = (format: string) => `/api/exports/points?${new URLSearchParams({ from, to, view, format }).toString()}`;
  return (
    <section class="card" id="points-export">
      <h2>{t('x.export.points.title')}</h2>
      <p class="muted">{t('x.export.points.help')}</p>
      <div class="row filters">
        <label>
          {t('x.export.points.from')}{' '}
          <input id="points-from" type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          {t('x.export.points.to')}{' '}
          <input id="points-to" type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <label>
          {t('x.export.points.view')}{' '}
          <select
            id="points-view"
            value={view}
            onChange={(e) => setView(e.currentTarget.value as (typeof VIEWS)[number])}
          >
            {VIEWS.map((v) => (
              <option value={v}>{t(`x.export.points.${v}`)}</option>
            ))}
          </select>
        </label>
      </div>
      <ExportDownload id="points-download" csv={q('csv')} xlsx={q('xlsx')} />
      {view === 'value' && <ValueSources from={from} to={to} />}
    </section>
  );
}

/** Where value comes from, on the page: the export's table (unit × tag, value created) and the points by unit. */
function ValueSources({ from, to }: { from: string; to: string }) {
  const [load] = useApi<Answer<'GET /hr/value'>>(`/hr/value?${new URLSearchParams({ from, to }).toString()}`);
  return (
    <Loaded load={load}>
      {(table) =>
        table.rows.length === 0 ? (
          <p class="muted">{t('x.value.empty')}</p>
        ) : (
          <div id="value-sources">
            <BarChart
              label={t('x.value.chart')}
              labels={table.rows.map((r) => String(r[0]))}
              values={table.rows.map((r) => Number(r[table.pointsColumn]))}
              horizontal
            />
            <div class="table-scroll">
              <table class="value-sources">
                <thead>
                  <tr>
                    {table.headers.map((h) => (
                      <th scope="col">{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((r) => (
                    <tr>{r.map((c, i) => (i === 0 ? <th scope="row">{c}</th> : <td>{c ?? ''}</td>))}</tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )
      }
    </Loaded>
  );
}
