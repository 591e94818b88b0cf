// HR: the pulse report of any wave and unit, with charts, and its CSV export (audited on the server) —
// offered once the wave is closed, since an open wave has no results yet.
import { formatDateTime, t } from '../i18n/index.js';
import { PulseTrend } from './pulse-admin/trend.js';
import { PulseView } from '../pulse-view.js';
import { ReportTargets } from '../report-targets.js';
import { navigate, useLocation } from '../router.js';
import type { Answer } from '../../../src/contract/index.js';
import type { PulseAnswer, PulseReport } from '../types.js';
import { forbiddenOf, ForbiddenPage, Loaded, Page, useApi } from '../ui.js';
import { ExportDownload } from '../export-download.js';

export function HrReport() {
  const { query } = useLocation();
  const wave = query.get('wave') ?? '';
  const unit = query.get('unit') ?? '';
  const depth = query.get('depth') ?? '';
  const kind = query.get('kind') ?? '';
  const [waves] = useApi<Answer<'GET /hr/waves'>>('/hr/waves');
  const [options] = useApi<Answer<'GET /hr/launch-options'>>('/hr/launch-options');
  const qs = new URLSearchParams({
    ...(wave ? { waveId: wave } : {}),
    ...(unit ? { unitId: unit } : {}),
    ...(depth ? { depth } : {}),
    ...(kind ? { kind } : {}),
  }).toString();
  const [report, reloadReport] = useApi<PulseAnswer>(`/hr/report${qs ? `?${qs}` : ''}`);
  const forbidden = forbiddenOf(waves, options, report);
  if (forbidden) return <ForbiddenPage title={t('nav.report')} error={forbidden} />;
  // A new wave or unit starts again at level 1 (the levels below another unit differ); level and kind keep the rest.
  const go = (w: string, u: string, d = '', k = '') =>
    navigate(
      `/hr/report?${new URLSearchParams({ ...(w ? { wave: w } : {}), ...(u ? { unit: u } : {}), ...(d ? { depth: d } : {}), ...(k ? { kind: k } : {}) }).toString()}`,
    );
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
        <Loaded load={report}>
          {(r) =>
            r.report ? (
              <HeatmapFilters report={r.report} depth={depth} kind={kind} go={(d, k) => go(wave, unit, d, k)} />
            ) : null
          }
        </Loaded>
      </div>
      {/* The report and its trend take the page's width: on the desktop the charts and the heatmap's columns get room. */}
      <div class="report-layout">
        <Loaded load={report}>
          {(r) =>
            r.report ? (
              <section class="card">
                {r.report.status === 'closed' ? (
                  // The CSV keeps its second header row of stable keys (scripts read it); XLSX is one header row.
                  <ExportDownload
                    id="pulse-download"
                    csv={`/api/hr/waves/${r.report.wave.id}/csv`}
                    xlsx={`/api/exports/pulse?wave=${r.report.wave.id}&format=xlsx`}
                  />
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
      {/* Targets against this report's figures, and the follow-up resolution across all waves. */}
      <Loaded load={report}>
        {(r) => (r.report ? <ReportTargets report={r.report} onSaved={reloadReport} /> : null)}
      </Loaded>
    </Page>
  );
}

/** The heatmap's level (1 = the unit's direct units … the deepest = every team) and kind of unit. */
function HeatmapFilters(props: {
  report: PulseReport;
  depth: string;
  kind: string;
  go: (d: string, k: string) => void;
}) {
  const { levels, depth } = props.report.heatmapLevel;
  if (levels < 1) return null;
  return (
    <>
      <label>
        {t('reports.level')}{' '}
        <select value={String(depth)} data-filter="depth" onChange={(e) => props.go(e.currentTarget.value, props.kind)}>
          {Array.from({ length: levels }, (_, i) => (
            <option value={String(i + 1)}>
              {t(i + 1 === levels && levels > 1 ? 'reports.levelTeams' : 'reports.levelN', { n: i + 1 })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('reports.kind')}{' '}
        <select value={props.kind} data-filter="kind" onChange={(e) => props.go(props.depth, e.currentTarget.value)}>
          <option value="">{t('reports.kindAll')}</option>
          {props.report.heatmapKinds.map((k) => (
            <option value={k.kind}>{t(`reports.kind.${k.kind}`)}</option>
          ))}
        </select>
      </label>
    </>
  );
}
