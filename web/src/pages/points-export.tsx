// HR: the points export — a period (this month by default) and what to export: the ledger, or its points
// by unit or by value tag. The server checks the period (an end before the start is refused with a message).
import { useState } from 'preact/hooks';
import { ExportDownload } from '../export-download.js';
import { t } from '../i18n/index.js';

const VIEWS = ['ledger', 'units', 'tags'] as const;
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
    </section>
  );
}
