// HR: approval turnaround per flow — how requests ended, what still waits (and how much is overdue), how
// long a decision and each approver's step take. The chart compares flows; the table has every figure.
import type { Answer } from '../../../src/contract/index.js';
import { BarChart } from '../charts/bar-chart.js';
import { t } from '../i18n/index.js';
import { navigate } from '../router.js';
import { Loaded, Page, useApi } from '../ui.js';
import { GlyphText } from '../glyph-text.js';
import { ExportDownload } from '../export-download.js';

const PERIODS = [30, 90, 180, 365] as const;

/** Hours as people read them (the same rule as the chat card). */
function duration(hours: number | undefined): string {
  if (hours === undefined) return '—';
  if (hours < 1) return t('duration.min', { n: Math.max(1, Math.round(hours * 60)) });
  if (hours < 48) return t('duration.h', { n: Math.round(hours * 10) / 10 });
  return t('duration.d', { n: Math.round((hours / 24) * 10) / 10 });
}

export function HrTurnaround() {
  const days = Number(new URLSearchParams(location.search).get('days') ?? 90);
  const [load] = useApi<Answer<'GET /hr/turnaround'>>(`/hr/turnaround?days=${days}`);
  return (
    <Page title={t('turnaround.title')}>
      <label class="inline">
        {t('turnaround.period')}{' '}
        <select value={String(days)} onChange={(e) => navigate(`/hr/turnaround?days=${e.currentTarget.value}`)}>
          {PERIODS.map((d) => (
            <option value={String(d)}>{t('turnaround.days', { n: d })}</option>
          ))}
        </select>
      </label>
      <Loaded load={load}>
        {(r) =>
          r.flows.length === 0 ? (
            <p class="muted">{t('turnaround.none')}</p>
          ) : (
            <section class="card" id="turnaround">
              <ExportDownload
                id="turnaround-download"
                csv={`/api/exports/turnaround?days=${days}&format=csv`}
                xlsx={`/api/exports/turnaround?days=${days}&format=xlsx`}
              />
              <h2>{t('turnaround.chart')}</h2>
              <BarChart
                label={t('turnaround.chart')}
                labels={r.flows.map((f) => f.name)}
                values={r.flows.map((f) => f.medianHoursToDecision ?? 0)}
                horizontal
              />
              {/* One block per flow rather than a wide table: it reads on a phone. */}
              {r.flows.map((f) => (
                <article class="flow-turnaround" data-flow={f.flowKey}>
                  <h3>
                    {f.name} · {t('turnaround.submittedCount', { n: f.submitted })}
                  </h3>
                  <p>
                    <GlyphText
                      text={t('turnaround.outcomes', {
                        approved: f.approved,
                        rejected: f.rejected,
                        returned: f.returned,
                        cancelled: f.cancelled,
                      })}
                    />
                  </p>
                  <p class={f.overdue > 0 ? 'warn' : undefined}>
                    <GlyphText text={t('turnaround.openCount', { open: f.open, overdue: f.overdue })} />
                  </p>
                  <p>
                    {t('turnaround.times', {
                      median: duration(f.medianHoursToDecision),
                      p90: duration(f.p90HoursToDecision),
                      step: duration(f.medianHoursPerStep),
                    })}
                  </p>
                </article>
              ))}
              <p class="muted">{t('turnaround.note', { hours: r.overdueHours })}</p>
            </section>
          )
        }
      </Loaded>
    </Page>
  );
}
