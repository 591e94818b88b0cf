// HR: the pulse report of any wave and unit, with charts, and its CSV export (audited on the server) —
// offered once the wave is closed, since an open wave has no results yet.
import { formatDateTime, t } from '../i18n/index.js';
import { PulseTrend } from './pulse-admin/trend.js';
import { PulseView } from '../pulse-view.js';
import { navigate, useLocation } from '../router.js';
import type { Answer } from '../../../src/contract/index.js';
import type { PulseAnswer } from '../types.js';
import { forbiddenOf, ForbiddenPage, Loaded, Page, useApi } from '../ui.js';

export function HrReport() {
  const { query } = useLocation();
  const wave = query.get('wave') ?? '';
  const unit = query.get('unit') ?? '';
  const [waves] = useApi<Answer<'GET /hr/waves'>>('/hr/waves');
  const [options] = useApi<Answer<'GET /hr/launch-options'>>('/hr/launch-options');
  const qs = new URLSearchParams({ ...(wave ? { waveId: wave } : {}), ...(unit ? { unitId: unit } : {}) }).toString();
  const [report] = useApi<PulseAnswer>(`/hr/report${qs ? `?${qs}` : ''}`);
  const forbidden = forbiddenOf(waves, options, report);
  if (forbidden) return <ForbiddenPage title={t('nav.report')} error={forbidden} />;
  const go = (w: string, u: string) =>
    navigate(`/hr/report?${new URLSearchParams({ ...(w ? { wave: w } : {}), ...(u ? { unit: u } : {}) }).toString()}`);
  return (
    <Page title={t('nav.report')}>
      <div class="row filters">
        <Loaded load={waves}>
          {(w) => (
            <label>
              {t('pulse.wave')}{' '}
              <select
                value={wave}
                title={w.waves.find((x) => String(x.id) === wave)?.title}
                onChange={(e) => go(e.currentTarget.value, unit)}
              >
                <option value="">{t('pulse.latest')}</option>
                {w.waves.map((x) => (
                  <option value={String(x.id)}>{`#${x.id} ${x.title}`}</option>
                ))}
              </select>
            </label>
          )}
        </Loaded>
        <Loaded load={options}>
          {(o) => (
            <label>
              {t('pulse.unit')} {/* A long unit path is cut by the closed select: the title shows it whole on hover. */}
              <select
                value={unit}
                title={o.units.find((u) => String(u.id) === unit)?.path}
                onChange={(e) => go(wave, e.currentTarget.value)}
              >
                <option value="">{t('pulse.wholeOrg')}</option>
                {o.units.map((u) => (
                  <option value={String(u.id)}>{u.path}</option>
                ))}
              </select>
            </label>
          )}
        </Loaded>
      </div>
      {/* The report and its trend take the page's width: on the desktop the charts and the heatmap's columns get room. */}
      <div class="report-layout">
        <Loaded load={report}>
          {(r) =>
            r.report ? (
              <section class="card">
                {r.report.status === 'closed' ? (
                  <a class="button" href={`/api/hr/waves/${r.report.wave.id}/csv`} download>
                    {t('pulse.csv')}
                  </a>
                ) : (
                  // An open wave has no results to export (the server answers 409): say when, offer nothing to click.
                  <p class="muted" data-csv="open">
                    {t('pulse.csvOpen', { date: formatDateTime(r.report.wave.closesAt) })}
                  </p>
                )}
                <PulseView report={r.report} />
              </section>
            ) : (
              <p class="muted">{r.message}</p>
            )
          }
        </Loaded>
        <PulseTrend
          path={`/hr/trend?${new URLSearchParams({ ...(wave ? { waveId: wave } : {}), ...(unit ? { unitId: unit } : {}) }).toString()}`}
        />
      </div>
    </Page>
  );
}
